package lrsched.cli;

import java.util.List;
import java.util.concurrent.Callable;

import lrsched.output.Lint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lrsched lint}: warn about schedule pitfalls. */
@Command(name = "lint", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Warn about pitfalls, one line each: a zero LR at step 0, a curve that rises again after its "
                + "end, steps the library refuses (OneCycleLR past total_steps), a jump at warmup end, a warmup "
                + "longer than the run, a selection that stops before the decay does.",
                "Exit 0 with no warnings, 1 with warnings, 2 on bad input."})
final class LintCommand implements Callable<Integer> {
    @ParentCommand
    LrSchedCommand parent;

    @Mixin
    InputOptions input = new InputOptions();

    @Override
    public Integer call() {
        Console console = parent.console;
        Inputs inputs = input.loadUnchecked(console);
        List<Lint.Warning> warnings = Lint.check(inputs.curves(), inputs.steps());
        for (Lint.Warning w : warnings) {
            console.out().println(w);
        }
        console.out().flush();
        return warnings.isEmpty() ? Cli.OK : Cli.FAILURE;
    }
}
