package lrsched.cli;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.core.Numbers;
import lrsched.core.StepSelection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Which steps to evaluate. */
final class StepOptions {
    private final Opt<String> steps;
    private final Opt<String> from;
    private final Opt<String> to;
    private final Opt<String> every;
    private final Opt<List<String>> at;

    StepOptions(CommandSpec command) {
        steps = Opt.of(command, String.class, OptionSpec.builder("--steps").paramLabel("N")
                .description("Evaluate steps 0..N-1 (overrides the spec's steps)."));
        from = Opt.of(command, String.class, OptionSpec.builder("--from").paramLabel("A")
                .description("First step (default 0)."));
        to = Opt.of(command, String.class, OptionSpec.builder("--to").paramLabel("B")
                .description("Last step, included (default: steps - 1)."));
        every = Opt.of(command, String.class, OptionSpec.builder("--every").paramLabel("K")
                .description("Take every K-th step (default 1)."));
        at = Opt.list(command, String.class, OptionSpec.builder("--at").paramLabel("S1,S2,...")
                .hideParamSyntax(true).splitRegex(",")
                .description("Exactly these steps, in this order (e.g. --at 0,100,1e12); --at @FILE reads them "
                        + "from FILE, one per line, and --at - from standard input."));
    }

    /** Whether the user chose the steps (--steps, --from, --to or --at) rather than taking the spec's. */
    boolean choosesSteps() {
        return steps.get() != null || from.get() != null || to.get() != null || !at.get().isEmpty();
    }

    StepSelection selection(OptionalLong specSteps, Console console) {
        long[] listed = null;
        List<String> given = at.get();
        if (given.stream().anyMatch(StepList::names)) {
            if (given.size() > 1) {
                throw new InputException("--at " + given.stream().filter(StepList::names).findFirst().orElseThrow()
                        + " is the whole list of steps; give it alone (one --at), with its steps one per line");
            }
            listed = StepList.read(given.get(0), console);
        } else if (!given.isEmpty()) {
            listed = new long[given.size()];
            for (int i = 0; i < listed.length; i++) {
                listed[i] = parse("--at", given.get(i)).getAsLong();
            }
        }
        return StepSelection.of(specSteps, parse("--steps", steps.get()), parse("--from", from.get()),
                parse("--to", to.get()), parse("--every", every.get()), listed);
    }

    private static OptionalLong parse(String option, String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        OptionalLong n = Numbers.parseInteger(text);
        if (n.isEmpty()) {
            throw new InputException(option + ": '" + text + "' is not a whole number of steps (64-bit; 1e6 and "
                    + "1_000_000 are accepted)");
        }
        if (n.getAsLong() < 0) {
            throw new InputException(option + ": steps are 0 or more, got " + text);
        }
        return n;
    }
}
