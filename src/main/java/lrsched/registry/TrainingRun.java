package lrsched.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lrsched.core.DoubleFormat;
import lrsched.core.Node;

/**
 * A spec's {@code training:} block: the run as the Hugging Face Trainer sizes it, giving the
 * {@code num_training_steps} and {@code num_warmup_steps} that schedules take from the run.
 *
 * <pre>
 * batches per epoch per device = ceil(ceil(dataset_size / per_device_batch_size) / num_devices)
 *                                (floor both with dataloader_drop_last)
 * updates per epoch            = max(ceil(batches / gradient_accumulation_steps), 1)   (transformers >= 4.46)
 * num_training_steps           = max_steps if max_steps > 0, else ceil(num_train_epochs * updates per epoch)
 * num_warmup_steps             = warmup_steps if >= 1; else ceil(num_training_steps * (warmup_steps or warmup_ratio))
 * </pre>
 */
public final class TrainingRun {
    private static final Param DATASET_SIZE = Param.integer("dataset_size", "training examples per epoch").positive();
    private static final Param PER_DEVICE_BATCH_SIZE = Param.integer("per_device_batch_size",
            "per_device_train_batch_size").defaultsTo(8).positive();
    private static final Param GRADIENT_ACCUMULATION_STEPS = Param.integer("gradient_accumulation_steps",
            "batches per optimizer update").defaultsTo(1).positive();
    private static final Param NUM_DEVICES = Param.integer("num_devices", "data-parallel processes (world size)")
            .defaultsTo(1).positive();
    private static final Param NUM_TRAIN_EPOCHS = Param.real("num_train_epochs", "epochs (may be fractional)")
            .defaultsTo(3.0).positive();
    private static final Param MAX_STEPS = Param.integer("max_steps",
            "if > 0: the number of updates, overriding num_train_epochs").defaultsTo(-1);
    private static final Param WARMUP_RATIO = Param.real("warmup_ratio", "warmup as a fraction of the updates")
            .defaultsTo(0.0).in(Range.FRACTION);
    private static final Param WARMUP_STEPS = Param.real("warmup_steps", "warmup updates (wins over warmup_ratio "
            + "when > 0; below 1 it is a ratio, as in transformers 5)").defaultsTo(0.0).nonNegative();
    private static final Param DATALOADER_DROP_LAST = Param.bool("dataloader_drop_last",
            "drop the last incomplete batch").defaultsTo(false);

    public static final List<Param> PARAMS = List.of(DATASET_SIZE, PER_DEVICE_BATCH_SIZE,
            GRADIENT_ACCUMULATION_STEPS, NUM_DEVICES, NUM_TRAIN_EPOCHS, MAX_STEPS, WARMUP_RATIO, WARMUP_STEPS,
            DATALOADER_DROP_LAST);

    /** The schedule parameters a training block fills in where a schedule leaves them out. */
    public static final List<String> FILLS = List.of("num_training_steps", "num_warmup_steps");

    static final TypeDef DECLARATION = new TypeDef("training", "the training run", "", "", PARAMS, false,
            a -> s -> 0);

    /** The run's length and warmup in optimizer updates. */
    public record Sizes(long numTrainingSteps, long numWarmupSteps, long updatesPerEpoch, List<Derived> derived) {
        public Sizes {
            derived = List.copyOf(derived);
        }
    }

    /** One number of the arithmetic, in the Trainer's terms, with the rounding that gave it. */
    public record Derived(String name, long value, String how) {}

    private TrainingRun() {}

    public static Sizes of(Node.MapNode block) {
        Args a = new Args(DECLARATION, "training", block, Optional.empty(), null, List.of());
        long dataset = a.integer(DATASET_SIZE), batch = a.integer(PER_DEVICE_BATCH_SIZE);
        long accumulation = a.integer(GRADIENT_ACCUMULATION_STEPS), devices = a.integer(NUM_DEVICES);
        boolean dropLast = a.bool(DATALOADER_DROP_LAST);
        long batches = dropLast ? dataset / batch : ceilDiv(dataset, batch);
        long perDevice = dropLast ? batches / devices : ceilDiv(batches, devices);
        a.check(perDevice > 0, DATASET_SIZE, () -> "gives no complete batch per device (" + dataset + " examples, "
                + batch + " per batch, " + devices + " devices)");
        long updatesPerEpoch = Math.max(ceilDiv(perDevice, accumulation), 1);
        String rounding = dropLast ? "floor" : "ceil";
        List<Derived> derived = new ArrayList<>();
        derived.add(new Derived("batches per device per epoch", perDevice, rounding + "(" + rounding + "(" + dataset
                + " / " + batch + ") / " + devices + ")"));
        derived.add(new Derived("updates per epoch", updatesPerEpoch, "max(ceil(" + perDevice + " / " + accumulation
                + "), 1)"));
        long maxSteps = a.integer(MAX_STEPS) > 0 ? a.integer(MAX_STEPS)
                : (long) Math.ceil(a.real(NUM_TRAIN_EPOCHS) * updatesPerEpoch);
        derived.add(new Derived(FILLS.get(0), maxSteps, a.integer(MAX_STEPS) > 0 ? "max_steps"
                : "ceil(" + DoubleFormat.formatCompact(a.real(NUM_TRAIN_EPOCHS)) + " x " + updatesPerEpoch + ")"));
        double warmupSteps = a.real(WARMUP_STEPS);
        long warmup;
        if (warmupSteps >= 1) {
            a.check(warmupSteps == Math.rint(warmupSteps), WARMUP_STEPS, () -> "must be a whole number of steps "
                    + "(or a fraction below 1)");
            warmup = (long) warmupSteps;
            derived.add(new Derived(FILLS.get(1), warmup, "warmup_steps"));
        } else {
            double ratio = warmupSteps > 0 ? warmupSteps : a.real(WARMUP_RATIO);
            warmup = (long) Math.ceil(maxSteps * ratio);
            derived.add(new Derived(FILLS.get(1), warmup, "ceil(" + maxSteps + " x " + DoubleFormat.formatCompact(ratio)
                    + ")"));
        }
        return new Sizes(maxSteps, warmup, updatesPerEpoch, derived);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
