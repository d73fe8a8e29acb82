package lrsched.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lrsched.output.Curve;
import lrsched.registry.Registry;
import lrsched.schedule.StepOutOfRangeException;
import lrsched.spec.Spec;
import lrsched.spec.SpecException;
import lrsched.spec.SpecLoader;
import lrsched.spec.StepSelection;
import lrsched.spec.Sweeps;

/** The schedules and steps a command works on, loaded from its shared options. */
record Inputs(Spec spec, List<Curve> curves, StepSelection steps) {

    static Inputs load(Console console, SpecOptions specOptions, StepOptions stepOptions) {
        return load(console, specOptions, stepOptions, List.of());
    }

    /** As {@link #load(Console, SpecOptions, StepOptions)}, then expands {@code --sweep}s ({@link Sweeps}). */
    static Inputs load(Console console, SpecOptions specOptions, StepOptions stepOptions, List<String> sweeps) {
        Registry registry = Registry.standard();
        Spec loaded = new SpecLoader(registry, console.stdin(), console.workingDir())
                .load(specOptions.files, specOptions.schedules, specOptions.overrides);
        Spec spec = sweeps.isEmpty() ? loaded
                : new Spec(loaded.steps(), Sweeps.apply(loaded.schedules(), sweeps, registry), loaded.sourceName());
        List<Curve> curves = new ArrayList<>();
        for (Spec.Entry e : spec.schedules()) {
            curves.add(new Curve(e.name(), registry.build(e.mapping(), e.name(), Optional.empty())));
        }
        StepSelection steps = stepOptions.selection(spec.steps());
        Inputs inputs = new Inputs(spec, curves, steps);
        inputs.checkRange();
        return inputs;
    }

    /** Fails before any output when a schedule refuses the last selected step (OneCycleLR past its end). */
    private void checkRange() {
        long last = steps.max();
        for (Curve c : curves) {
            try {
                c.schedule().at(last);
            } catch (StepOutOfRangeException e) {
                throw new SpecException("schedule '" + c.name() + "': " + e.getMessage() + " (step "
                        + e.step() + " is selected; select steps up to " + (e.step() - 1) + ")");
            }
        }
    }
}
