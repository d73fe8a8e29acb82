package lrsched.compat.mmengine;

import java.util.ArrayList;
import java.util.List;

import lrsched.compat.mmengine.Monotone.Effect;
import lrsched.core.Pieces;

/**
 * The monotone pieces of a {@link Run}'s rows, found once for every scheduler list: each scheduler's stretches
 * ({@link Monotone}, in its own steps) are placed on the rows where the runner steps it (its global step g at row g,
 * or at row g * epoch_length when it is epoch-based), and between two consecutive starts of anyone's stretches the
 * rows after the first are each changed by every scheduler in one way or kept. Such a run of rows is one piece when
 * the effects agree: all multiplications by ratios in [0, 1] (the lr never moves away from 0, whatever its sign, and
 * a product of such ratios is one too), all by ratios >= 1, or a lone scheduler overwriting the lr with a monotone
 * function of its step; otherwise (a rising and a falling factor in the same rows, or an effect not known to be
 * monotone) every row of it is a piece of its own. From the row where the last window closes the lr is frozen.
 */
final class RunPieces implements Pieces {
    private final List<Placed> placed = new ArrayList<>();
    private final boolean alone;
    private final long frozenFrom;

    /** A scheduler's stretches on the rows. */
    private record Placed(Scheduler scheduler, Monotone stretches, long epochLength) {
        /** The row where the runner steps this scheduler at its global step g (g >= 0). */
        long row(long g) {
            if (!scheduler.byEpoch()) {
                return g;
            }
            return g > Long.MAX_VALUE / epochLength ? Long.MAX_VALUE : g * epochLength;
        }

        /** The last global step stepped at a row <= {@code row}. */
        long global(long row) {
            return scheduler.byEpoch() ? row / epochLength : row;
        }

        /** The first row after {@code row} where one of this scheduler's stretches starts. */
        long next(long row) {
            long local = global(row) - scheduler.begin();
            long start = stretches.next(local);
            if (start == Long.MAX_VALUE) {
                return start;
            }
            return row(Pieces.plus(scheduler.begin(), start));
        }

        /** The effect on rows {@code row + 1 .. until - 1} (a stretch's rows after its start, or none). */
        Effect effect(long row, long until) {
            long g = global(row) + 1; // the first global step stepped after row
            long at = row(g);
            long local = g - scheduler.begin();
            if (at >= until || local < 0 || g >= scheduler.end()) {
                return Effect.KEEPS;
            }
            return stretches.effect(local);
        }
    }

    RunPieces(List<Scheduler> schedulers, double[] bases, long epochLength, long frozenFrom) {
        for (int i = 0; i < schedulers.size(); i++) {
            placed.add(new Placed(schedulers.get(i), Monotone.of(schedulers.get(i), bases[i]),
                    Math.max(epochLength, 1)));
        }
        this.alone = schedulers.size() == 1;
        this.frozenFrom = frozenFrom;
    }

    @Override
    public long next(long step) {
        if (step >= frozenFrom) {
            return Long.MAX_VALUE;
        }
        long until = Long.MAX_VALUE;
        for (Placed p : placed) {
            until = Math.min(until, p.next(step));
        }
        boolean shrinks = false, grows = false, sets = false, unknown = false;
        for (Placed p : placed) {
            switch (p.effect(step, until)) {
                case SHRINKS -> shrinks = true;
                case GROWS -> grows = true;
                case SETS -> sets = true;
                case UNKNOWN -> unknown = true;
                default -> { }
            }
        }
        boolean agree = !unknown && !(shrinks && grows) && !(sets && !alone);
        return agree ? until : step + 1;
    }
}
