package lrsched.compat.detectron2;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Param;

/**
 * An fvcore scheduler over a run of {@code maxIter} iterations, times {@code lr}: row s is
 * {@code lr * multiplier(s / maxIter)}, as detectron2's LRMultiplier sets it ({@code base_lr * multiplier} at
 * {@code last_epoch = s}); the fvcore types on their own have lr 1 (exactly their value). Rows from maxIter on, which
 * no detectron2 training uses, hold the last iteration's value (fvcore raises beyond where = 1 for several
 * schedulers).
 */
record ParamSchedule(Fvcore multiplier, double lr, long maxIter) implements Schedule {

    @Override
    public double at(long step) {
        long row = Math.max(0, Math.min(step, maxIter - 1));
        try {
            return lr * multiplier.at((double) row / (double) maxIter);
        } catch (Fvcore.PythonError e) {
            throw new IllegalStateException("fvcore raises at iteration " + row + ": " + e.getMessage(), e);
        }
    }

    /**
     * A piece wherever fvcore's piece number changes (where = row / maxIter never falls as the row grows; the rows
     * from maxIter on repeat the last one); unknown where the scheduler cannot say.
     */
    @Override
    public Pieces pieces() {
        if (!multiplier.hasPieces()) {
            return Pieces.UNKNOWN;
        }
        return Pieces.whereChanges(0, step -> multiplier.piece((double) Math.max(0, Math.min(step, maxIter - 1))
                / (double) maxIter));
    }

    /**
     * The schedule, refused at {@code p} when fvcore would raise at its first or last iteration (a step scheduler
     * whose index runs past its values once WHERE_EPSILON reaches a whole iteration, in runs of 10^6 iterations).
     */
    static ParamSchedule checked(Args a, Param p, Fvcore multiplier, double lr, long maxIter) {
        ParamSchedule s = new ParamSchedule(multiplier, lr, maxIter);
        for (long row : new long[] {0, maxIter - 1}) {
            String raised = raises(multiplier, row, maxIter);
            if (raised != null) {
                long first = row;
                while (first > 0 && raises(multiplier, first - 1, maxIter) != null) {
                    first--;
                }
                long from = first;
                throw a.error(p, raised + " (fvcore raises from iteration " + from + " of " + maxIter + " on)");
            }
        }
        return s;
    }

    /** fvcore's exception at a row, or null. */
    private static String raises(Fvcore multiplier, long row, long maxIter) {
        try {
            multiplier.at((double) row / (double) maxIter);
            return null;
        } catch (Fvcore.PythonError e) {
            return e.getMessage();
        }
    }
}
