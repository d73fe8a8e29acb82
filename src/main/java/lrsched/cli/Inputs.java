package lrsched.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lrsched.core.Curve;
import lrsched.core.InputException;
import lrsched.core.StepSelection;
import lrsched.input.spec.Spec;
import lrsched.input.spec.Sweeps;
import lrsched.library.Libraries;
import lrsched.registry.Registry;
import lrsched.schedule.Refusals;

/** The schedules and steps a command works on, loaded from its shared options. */
record Inputs(Spec spec, List<Curve> curves, StepSelection steps) {

    static Inputs load(Console console, SpecOptions specOptions, StepOptions stepOptions) {
        return load(console, specOptions, stepOptions, List.of());
    }

    /** As {@link #load(Console, SpecOptions, StepOptions)}, then expands {@code --sweep}s ({@link Sweeps}). */
    static Inputs load(Console console, SpecOptions specOptions, StepOptions stepOptions, List<String> sweeps) {
        Inputs inputs = loadUnchecked(console, specOptions, stepOptions, sweeps);
        inputs.checkRange();
        return inputs;
    }

    /** Like {@link #load} but without refusing selections a schedule cannot compute (lint reports those). */
    static Inputs loadUnchecked(Console console, SpecOptions specOptions, StepOptions stepOptions) {
        return loadUnchecked(console, specOptions, stepOptions, List.of());
    }

    private static Inputs loadUnchecked(Console console, SpecOptions specOptions, StepOptions stepOptions,
                                        List<String> sweeps) {
        Registry registry = Libraries.registry();
        Spec loaded = specOptions.load(console, registry);
        Registry versioned = registry.withVersions(loaded.versions());
        Spec spec = sweeps.isEmpty() ? loaded : loaded.withSchedules(Sweeps.apply(loaded.schedules(), sweeps,
                registry));
        List<Curve> curves = new ArrayList<>();
        for (Spec.Entry e : spec.schedules()) {
            curves.add(new Curve(e.name(), versioned.build(e.mapping(), e.name(), Optional.empty())));
        }
        StepSelection steps = stepOptions.selection(spec.steps(), console);
        return new Inputs(spec, curves, steps);
    }

    /**
     * The most steps plot, stats and lint evaluate: each looks at every selected step (a chart for each pixel column's
     * extremes), about 10^7 a second, so this keeps them to seconds. csv writes what it is asked to; plot is not held
     * to it where every curve is sampled by its monotone pieces (CurveSampler.byPieces).
     */
    static final long MAX_EVALUATED_STEPS = lrsched.output.CurveSampler.MAX_EVALUATIONS;

    /** Refuses a selection of more than {@link #MAX_EVALUATED_STEPS} steps, before any work, for {@code command}. */
    void checkEvaluable(String command) {
        long n = steps.size();
        if (n > MAX_EVALUATED_STEPS) {
            long every = (n + MAX_EVALUATED_STEPS - 1) / MAX_EVALUATED_STEPS;
            throw new InputException(String.format(java.util.Locale.ROOT, "%s evaluates every selected step, and "
                    + "%,d steps is more than its %,d; thin them out with --every %d (or a larger K)", command, n,
                    MAX_EVALUATED_STEPS, every));
        }
    }

    /**
     * Fails before any output when a schedule refuses the last selected step (OneCycleLR past its end), naming the
     * first step it refuses: libraries refuse every step from some point on, so a binary search finds it.
     */
    private void checkRange() {
        for (Curve c : curves) {
            Refusals.first(c.schedule(), steps.max()).ifPresent(refusal -> {
                throw new InputException("schedule '" + c.name() + "': " + refusal.getMessage() + " (from step "
                        + refusal.step() + " on; select steps up to " + (refusal.step() - 1) + ")");
            });
        }
    }
}
