package lrsched.input.log;

import java.util.Optional;
import java.util.regex.Pattern;

import lrsched.core.Counts;
import lrsched.core.Versions;

/**
 * Which writer logged a learning rate, known from the name it gave the series, and so how its steps become updates:
 * the one place where the TensorBoard and MLflow readers (which hold the same writers' series under the same names)
 * learn a writer's step convention.
 *
 * <ul>
 *   <li>transformers' Trainer: {@code train/learning_rate} in TensorBoard (TensorBoardCallback's {@code rewrite_logs}
 *       adds {@code train/}), {@code learning_rate} in MLflow (MLflowCallback logs the keys as they are); logged at
 *       {@code global_step}: {@link Writers#transformers}.</li>
 *   <li>Lightning's LearningRateMonitor: {@code lr-<Optimizer>}, {@code lr-<Optimizer>-<n>},
 *       {@code lr-<Optimizer>/pg<n>} (or {@code /<group name>}); logged in {@code on_train_batch_start} at step
 *       {@code _batches_that_stepped}, the updates done before the batch: the LR of update s at step s.</li>
 *   <li>kohya sd-scripts: {@code lr/unet}, {@code lr/textencoder}, {@code lr/group<n>}, {@code lr/d*lr...}; logged
 *       after {@code lr_scheduler.step()} and {@code global_step += 1}, from {@code get_last_lr()}: the LR of update g
 *       (the next one) at step g.</li>
 *   <li>Megatron-LM: {@code learning-rate}; {@code training_log} runs after the update, the scheduler step and
 *       {@code iteration += 1} with the optimizer's current LR: the LR of update i (the next one) at iteration i.
 *       Megatron logs every scalar also against samples ({@code learning-rate vs samples}): not a series over
 *       steps (tensorboardX writes it {@code learning-rate_vs_samples}).</li>
 *   <li>any other name: the steps are taken as updates unchanged.</li>
 * </ul>
 */
final class WriterByName {

    private static final Pattern LIGHTNING = Pattern.compile("lr-[A-Za-z_][A-Za-z0-9_.]*(-\\d+)?(/.+)?");
    private static final String KOHYA_PREFIX = "lr/";
    private static final String MEGATRON = "learning-rate";
    /** Megatron's tag as torch.utils.tensorboard keeps it, and as tensorboardX cleans it. */
    private static final Pattern MEGATRON_VS_SAMPLES = Pattern.compile(".*[ _]vs[ _]samples");

    private WriterByName() {
    }

    /**
     * The step convention of the writer that names its learning rate {@code name}.
     *
     * @param transformersName what transformers' Trainer calls the learning rate in this kind of log
     *                         ({@code train/learning_rate} in TensorBoard, {@code learning_rate} in MLflow)
     * @param versions         the library versions the user gave
     */
    static StepMapping of(String name, String transformersName, Versions versions) {
        if (name.equals(transformersName)) {
            return Writers.transformers(versions, Optional.empty());
        }
        if (LIGHTNING.matcher(name).matches()) {
            return new StepMapping(0, "Lightning's LearningRateMonitor logs at step s (the updates before the batch) "
                    + "the LR the batch's update uses: shown at update s");
        }
        if (name.startsWith(KOHYA_PREFIX)) {
            return new StepMapping(0, "kohya sd-scripts logs at step g (after g updates) get_last_lr(), the LR of "
                    + "the next update, g: shown at update g");
        }
        if (name.equals(MEGATRON)) {
            return new StepMapping(0, "Megatron-LM logs at iteration i (after i updates) the LR of the next update, "
                    + "i: shown at update i");
        }
        return new StepMapping(0, "'" + name + "' names no writer lrsched knows: its steps are taken as updates");
    }

    /** Whether a series is indexed by something other than steps (Megatron's {@code ... vs samples}). */
    static boolean overSteps(String name) {
        return !MEGATRON_VS_SAMPLES.matcher(name).matches();
    }

    /** The mapping's reading, with a note of the values dropped for falling before update 0. */
    static String reading(StepMapping mapping, long dropped) {
        return dropped == 0 ? mapping.reading() : mapping.reading() + "; "
                + Counts.of(dropped, "value") + " logged before update 0 dropped";
    }
}
