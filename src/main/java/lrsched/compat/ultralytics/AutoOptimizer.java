package lrsched.compat.ultralytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

import lrsched.registry.Args;

/**
 * {@code build_optimizer(name="auto")}: 0.01 (SGD, MuSGD in newer releases) when the run has more than 10000
 * iterations, else AdamW with {@code round(0.002 * 5 / (4 + nc), 6)}; iterations are
 * {@code ceil(len(dataset) / max(batch, nbs)) * epochs}.
 */
final class AutoOptimizer {
    private static final long MAX_ITERATIONS = 10000;

    private AutoOptimizer() {}

    static double lr(Args a, long batchesPerEpoch, long epochs) {
        long fewest;
        long most;
        double perIteration = Math.max(a.real(UltralyticsTypes.BATCH), a.integer(UltralyticsTypes.NBS));
        if (a.has(UltralyticsTypes.DATASET_SIZE)) {
            fewest = most = iterations(a.integer(UltralyticsTypes.DATASET_SIZE), perIteration, epochs);
        } else {
            double batch = a.real(UltralyticsTypes.BATCH);
            a.check(batch >= 1 && batch == Math.rint(batch), UltralyticsTypes.BATCH, () -> "optimizer auto needs the "
                    + "run's iterations and batch " + a.shown(UltralyticsTypes.BATCH) + " is AutoBatch's (the batch "
                    + "is picked at run time); give dataset_size, the training images");
            long b = (long) batch;
            fewest = iterations((batchesPerEpoch - 1) * b + 1, perIteration, epochs);
            most = iterations(batchesPerEpoch * b, perIteration, epochs);
        }
        if (fewest > MAX_ITERATIONS) {
            return 0.01;
        }
        long low = fewest;
        long high = most;
        a.check(most <= MAX_ITERATIONS, UltralyticsTypes.DATASET_SIZE, () -> "optimizer auto picks lr0 by whether "
                + "the run's iterations, ceil(dataset_size / max(batch, nbs)) * epochs, exceed 10000, and "
                + batchesPerEpoch + " batches per epoch allow " + low + " to " + high + "; give dataset_size, the "
                + "training images");
        a.check(a.has(UltralyticsTypes.NC), UltralyticsTypes.NC, () -> "optimizer auto replaces lr0 by round(0.002 * "
                + "5 / (4 + nc), 6) for a run of at most 10000 iterations; give nc, the dataset's number of classes "
                + "(ultralytics takes it from the data YAML, 10 when it has none), or name the optimizer");
        double fit = 0.002 * 5 / (4 + a.integer(UltralyticsTypes.NC));
        return Double.parseDouble(new BigDecimal(fit).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
    }

    private static long iterations(long images, double perIteration, long epochs) {
        return (long) Math.ceil(images / perIteration) * epochs;
    }
}
