package lrsched.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.Counts;
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
 *                                (warmup_ratio 1.0, when warmup_steps is 0, is the whole run)
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
        long devices = a.integer(NUM_DEVICES);
        boolean dropLast = a.bool(DATALOADER_DROP_LAST);
        long perDevice = batchesPerDevice(dataset, batch, devices, dropLast);
        a.check(perDevice > 0, DATASET_SIZE, () -> "gives no complete batch per device ("
                + Counts.of(dataset, "example") + ", " + batch + " per batch, " + Counts.of(devices, "device") + ")");
        double warmupSteps = a.real(WARMUP_STEPS);
        if (warmupSteps >= 1) {
            a.check(warmupSteps == Math.rint(warmupSteps), WARMUP_STEPS, () -> "must be a whole number of steps "
                    + "(or a fraction below 1)");
        }
        Run run = new Run(OptionalLong.of(dataset), batch, a.integer(GRADIENT_ACCUMULATION_STEPS), devices, dropLast,
                a.real(NUM_TRAIN_EPOCHS), a.integer(MAX_STEPS), false);
        return warmupSteps > 0 ? size(run, warmupSteps, false, "warmup_steps")
                : size(run, a.real(WARMUP_RATIO), true, "warmup_ratio");
    }

    /**
     * The numbers of a run as a framework's config gives them, in the Trainer's terms.
     *
     * @param datasetSize        training examples per epoch; may be empty when {@code maxSteps > 0}
     * @param perDeviceBatchSize per_device_train_batch_size
     * @param accumulation       gradient_accumulation_steps
     * @param devices            data-parallel processes
     * @param dropLast           dataloader_drop_last
     * @param epochs             num_train_epochs
     * @param maxSteps           max_steps (wins when > 0)
     * @param floorUpdates       floor the division by the accumulation steps (transformers before 4.46)
     */
    public record Run(OptionalLong datasetSize, long perDeviceBatchSize, long accumulation, long devices,
                      boolean dropLast, double epochs, long maxSteps, boolean floorUpdates) {}

    /**
     * The dataloader length per process as Accelerate shards it: {@code ceil(ceil(n / batch) / devices)}, both
     * floored with drop_last.
     */
    public static long batchesPerDevice(long datasetSize, long batch, long devices, boolean dropLast) {
        long batches = dropLast ? datasetSize / batch : ceilDiv(datasetSize, batch);
        return dropLast ? batches / devices : ceilDiv(batches, devices);
    }

    /**
     * The Trainer's arithmetic for {@code run}, with the warmup as get_warmup_steps reads it: a ratio gives
     * {@code ceil(num_training_steps * warmup)}; otherwise (transformers 5's warmup_steps) {@code int(warmup)} when it
     * is 1 or more, else the same ceiling.
     *
     * @param warmup      the warmup value (a number of steps, or a ratio)
     * @param ratio       whether {@code warmup} is a ratio whatever its value (transformers 4's warmup_ratio, where
     *                    1.0 is the whole run); false for transformers 5's warmup_steps, where 1.0 is one step
     * @param warmupName  the key it came from, for the explanation of a whole number of steps
     */
    public static Sizes size(Run run, double warmup, boolean ratio, String warmupName) {
        List<Derived> derived = new ArrayList<>();
        long updatesPerEpoch = 0;
        if (run.datasetSize().isPresent()) {
            long dataset = run.datasetSize().getAsLong(), batch = run.perDeviceBatchSize();
            long devices = run.devices(), accumulation = run.accumulation();
            long perDevice = batchesPerDevice(dataset, batch, devices, run.dropLast());
            String rounding = run.dropLast() ? "floor" : "ceil";
            derived.add(new Derived("batches per device per epoch", perDevice, rounding + "(" + rounding + "("
                    + dataset + " / " + batch + ") / " + devices + ")"));
            updatesPerEpoch = Math.max(run.floorUpdates() ? perDevice / accumulation : ceilDiv(perDevice,
                    accumulation), 1);
            derived.add(new Derived("updates per epoch", updatesPerEpoch, "max(" + (run.floorUpdates() ? "floor"
                    : "ceil") + "(" + perDevice + " / " + accumulation + "), 1)"));
        }
        long maxSteps = run.maxSteps() > 0 ? run.maxSteps() : (long) Math.ceil(run.epochs() * updatesPerEpoch);
        derived.add(new Derived(FILLS.get(0), maxSteps, run.maxSteps() > 0 ? "max_steps"
                : "ceil(" + DoubleFormat.formatCompact(run.epochs()) + " x " + updatesPerEpoch + ")"));
        long warmupSteps;
        if (warmup >= 1 && !ratio) {
            warmupSteps = (long) warmup;
            derived.add(new Derived(FILLS.get(1), warmupSteps, warmup == Math.rint(warmup) ? warmupName
                    : "int(" + DoubleFormat.formatCompact(warmup) + ")"));
        } else {
            warmupSteps = (long) Math.ceil(maxSteps * warmup);
            derived.add(new Derived(FILLS.get(1), warmupSteps, "ceil(" + maxSteps + " x "
                    + DoubleFormat.formatCompact(warmup) + ")"));
        }
        return new Sizes(maxSteps, warmupSteps, updatesPerEpoch, derived);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
