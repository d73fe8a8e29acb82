package lrsched.compat.ultralytics;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;

/**
 * The LR of one parameter group per batch as ultralytics' {@code BaseTrainer._do_train} sets it: LambdaLR's
 * {@code lr * lf(epoch)} from each epoch's start, overwritten during the warmup by {@code np.interp(ni, [0, nw],
 * [start, lr * lf(epoch)])}. numpy interpolates as {@code (fp1 - fp0) / (xp1 - xp0) * (x - xp0) + fp0} and returns
 * {@code fp0} at {@code x == xp0} and {@code fp1} at {@code x == xp1}; the same operations here give the same doubles.
 */
final class TrainerSchedule implements Schedule {
    private final double lr;
    private final double lrf;
    private final boolean cosine;
    private final long epochs;
    private final long batchesPerEpoch;
    private final long warmupBatches;
    private final double start;
    private final boolean legacy;

    private TrainerSchedule(double lr, double lrf, boolean cosine, long epochs, long batchesPerEpoch,
                            long warmupBatches, double start, boolean legacy) {
        this.lr = lr;
        this.lrf = lrf;
        this.cosine = cosine;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.warmupBatches = warmupBatches;
        this.start = start;
        this.legacy = legacy;
    }

    /**
     * @param legacy whether the release is older than 8.4.103: warmup while {@code ni <= nw}, with
     *               {@code nw = max(round(warmup_epochs * nb), 100)} ({@code -1} without warmup)
     */
    static Schedule of(double lr, double lrf, boolean cosine, long epochs, long batchesPerEpoch,
                       double warmupEpochs, double start, boolean legacy) {
        long nw;
        if (legacy) {
            nw = warmupEpochs > 0 ? Math.max((long) Math.rint(warmupEpochs * batchesPerEpoch), 100) : -1;
        } else {
            double w = Math.min(warmupEpochs, Math.max(epochs - 1, 0));
            nw = w > 0 ? (long) Math.rint(w * batchesPerEpoch) : 0;
        }
        long total = epochs * batchesPerEpoch;
        Schedule s = new TrainerSchedule(lr, lrf, cosine, epochs, batchesPerEpoch, nw, start, legacy);
        long warmupEnd = legacy ? nw + 1 : nw;
        return s.withWarmupEnd(warmupEnd < total ? warmupEnd : 0).withNominalEnd(total);
    }

    @Override
    public double at(long step) {
        long ni = Math.min(step, epochs * batchesPerEpoch - 1);
        long epoch = ni / batchesPerEpoch;
        double target = lr * lf(epoch);
        long nw = warmupBatches;
        if (legacy) {
            if (ni < nw) {
                return interpolated(ni, target);
            }
            return target; // ni == nw is numpy's right end, exactly the target; later batches have the scheduler's
        }
        if (ni < nw) {
            return interpolated(ni, target);
        }
        if (nw > epoch * batchesPerEpoch) {
            return interpolated(nw - 1, target); // the warmup's last batch is in this epoch: its LR stays
        }
        return target;
    }

    /**
     * A piece per epoch (the target is constant in an epoch, the warmup a line towards it, then held), and new
     * ones where the warmup ends (the last interpolated batch and the target may round either way of each other);
     * from the last batch on, the rows repeat it.
     */
    @Override
    public Pieces pieces() {
        long total = epochs * batchesPerEpoch;
        Pieces byEpoch = step -> step >= total - 1 ? Long.MAX_VALUE : (step / batchesPerEpoch + 1) * batchesPerEpoch;
        return byEpoch.and(Pieces.at(warmupBatches, warmupBatches + 1));
    }

    private double interpolated(long ni, double target) {
        if (ni == 0) {
            return start;
        }
        double slope = (target - start) / (double) warmupBatches;
        return slope * (double) ni + start;
    }

    /** The trainer's lf: linear, or ultralytics' one_cycle(1, lrf, epochs). */
    private double lf(long epoch) {
        if (cosine) {
            return Math.max((1 - Libm.cos(epoch * Math.PI / epochs)) / 2, 0) * (lrf - 1) + 1;
        }
        return Math.max(1 - (double) epoch / (double) epochs, 0) * (1.0 - lrf) + lrf;
    }
}
