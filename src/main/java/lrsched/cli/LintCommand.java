package lrsched.cli;

import java.util.List;
import java.util.concurrent.Callable;

import lrsched.output.Lint;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lrsched lint}: warn about schedule pitfalls. */
final class LintCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this, "Warn about pitfalls, one line each: a zero LR at step 0, a curve "
            + "that rises again after its end, steps the library refuses (OneCycleLR past total_steps), a jump at "
            + "warmup end, a warmup longer than the run, a selection that stops before the decay does.",
            "Exit 0 with no warnings, 1 with warnings, 2 on bad input.");
    private final Console console;
    private final InputOptions input = new InputOptions(spec);

    LintCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Inputs inputs = input.loadUnchecked(console);
        List<Lint.Warning> warnings = Lint.check(inputs.curves(), inputs.steps());
        for (Lint.Warning w : warnings) {
            console.out().println(w);
        }
        console.out().flush();
        return warnings.isEmpty() ? Cli.OK : Cli.FAILURE;
    }
}
