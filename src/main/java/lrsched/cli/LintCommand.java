package lrsched.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import lrsched.core.InputException;
import lrsched.core.Suggest;
import lrsched.output.Lint;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code lrsched lint}: warnings and notes about schedule pitfalls, usable as a CI gate. */
final class LintCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this, "Report pitfalls, one line each with its rule id: warnings for "
            + "what is likely a mistake, notes for what the library does by design.", "Rules:%n" + rules(),
            "Exit 0 with no warnings (notes do not count unless --strict), 1 with warnings, 2 on bad input.");
    private final Console console;
    private final InputOptions input = new InputOptions(spec);
    private final Opt<List<String>> ignore = Opt.list(spec, String.class, OptionSpec.builder("--ignore")
            .paramLabel("RULE").description("Skip this rule (its id, e.g. zero-start); repeatable."));
    private final Opt<List<String>> select = Opt.list(spec, String.class, OptionSpec.builder("--select")
            .paramLabel("RULE").description("Check only this rule; repeatable."));
    private final Opt<Boolean> strict = Opt.flag(spec, OptionSpec.builder("--strict")
            .description("Notes count as warnings for the exit status."));

    LintCommand(Console console) {
        this.console = console;
    }

    private static String rules() {
        StringBuilder b = new StringBuilder();
        for (Lint.Rule r : Lint.Rule.values()) {
            b.append(String.format("  %-22s %-8s%s%%n", r.id(), r.severity(), r.summary()));
        }
        return b.toString();
    }

    @Override
    public Integer call() {
        Set<Lint.Rule> ignored = rules(ignore.get(), "--ignore");
        Set<Lint.Rule> selected = rules(select.get(), "--select");
        Inputs inputs = input.loadUnchecked(console);
        inputs.checkEvaluable("lint");
        boolean fails = false;
        for (Lint.Finding f : Lint.check(inputs.curves(), inputs.steps())) {
            if (ignored.contains(f.rule()) || (!selected.isEmpty() && !selected.contains(f.rule()))) {
                continue;
            }
            console.out().println(f);
            fails |= f.rule().severity() == Lint.Severity.WARNING || strict.get();
        }
        console.out().flush();
        return fails ? Cli.FAILURE : Cli.OK;
    }

    private static Set<Lint.Rule> rules(List<String> ids, String option) {
        Set<Lint.Rule> out = new LinkedHashSet<>();
        for (String id : ids) {
            for (String one : id.split(",", -1)) {
                String name = one.strip();
                out.add(Lint.Rule.withId(name).orElseThrow(() -> new InputException(option + ": no rule '" + name
                        + "'" + Suggest.didYouMean(name, Lint.Rule.ids()) + "; the rules are "
                        + String.join(", ", Lint.Rule.ids()))));
            }
        }
        return out;
    }
}
