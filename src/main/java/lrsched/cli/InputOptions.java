package lrsched.cli;

import java.util.List;

import picocli.CommandLine.Model.CommandSpec;

/** The options every command that evaluates schedules shares: where they come from and which steps to take. */
final class InputOptions {
    private final SpecOptions spec;
    private final StepOptions steps;

    InputOptions(CommandSpec command) {
        spec = new SpecOptions(command);
        steps = new StepOptions(command);
    }

    /** The schedules and steps, refusing a selection a schedule cannot compute. */
    Inputs load(Console console) {
        return Inputs.load(console, spec, steps);
    }

    /** As {@link #load}, with {@code --sweep}s expanded. */
    Inputs load(Console console, List<String> sweeps) {
        return Inputs.load(console, spec, steps, sweeps);
    }

    /** As {@link #load}, keeping selections a schedule refuses (lint reports them). */
    Inputs loadUnchecked(Console console) {
        return Inputs.loadUnchecked(console, spec, steps);
    }

    /** Whether the user chose steps (--steps, --from, --to, --every or --at) rather than the spec's steps. */
    boolean choosesSteps() {
        return steps.choosesSteps();
    }
}
