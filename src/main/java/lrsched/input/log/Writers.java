package lrsched.input.log;

import java.util.Optional;

import lrsched.core.Versions;
import lrsched.core.Versions.Version;

/**
 * The step conventions of writers whose values reach lrsched through more than one log format: transformers'
 * Trainer logs the same numbers to trainer_state.json, TensorBoard ({@code train/learning_rate}), MLflow and W&amp;B,
 * and LLaMA-Factory's trainer_log.jsonl follows the transformers it ran on. One place for each, so that every reader
 * of them agrees.
 */
final class Writers {

    /** The library whose version decides the Trainer's convention ({@code --versions transformers=4.45}). */
    static final String TRANSFORMERS = "transformers";

    /**
     * The first transformers release whose Trainer logs the LR the last update used (PR #36973); before it, the
     * Trainer logged {@code lr_scheduler.get_last_lr()} after stepping the scheduler: the next update's LR.
     */
    static final Version FIXED_IN = Versions.Version.parse("4.51").orElseThrow();

    private Writers() {
    }

    /**
     * transformers' Trainer: an entry at {@code step} g is written after g updates (the optimizer and the scheduler
     * stepped g times). Releases from {@link #FIXED_IN} on log the LR update g-1 used; older ones the LR of update g.
     *
     * @param given    the versions the user gave, which win
     * @param recorded the version the log's folder records (a checkpoint's config.json), if any
     */
    static StepMapping transformers(Versions given, Optional<Version> recorded) {
        Optional<Version> version = given.of(TRANSFORMERS);
        String from = version.isPresent() ? "given" : "from the log's config.json";
        if (version.isEmpty()) {
            version = recorded;
        }
        if (version.isEmpty()) {
            return new StepMapping(1, "transformers' Trainer logs at step g the LR update g-1 used (since "
                    + FIXED_IN + "; for an older run give --versions transformers=VERSION): shown at update g-1");
        }
        Version v = version.get();
        if (v.compareTo(FIXED_IN) < 0) {
            return new StepMapping(0, "transformers " + v + " (" + from + ") logs at step g the LR of the next "
                    + "update, g: shown at update g");
        }
        return new StepMapping(1, "transformers " + v + " (" + from + ") logs at step g the LR update g-1 used: "
                + "shown at update g-1");
    }
}
