package lrsched.core;

import java.util.Arrays;
import java.util.function.LongToDoubleFunction;

/**
 * Where a schedule's values may stop being monotone: the steps split into pieces, and on each piece the doubles
 * {@link Schedule#at} returns never rise or never fall (as computed, not only as real functions: every operation on
 * the step is monotone, as IEEE rounding and Java's semi-monotonic {@code Math} functions are; {@link Libm}'s glibc
 * algorithms carry no such promise, so LibmMonotoneTest looks for a turn where one is likeliest). A piece starts where
 * the curve may jump (a restart, a stair, a milestone) or turn (a peak). Charts and stats use it to evaluate a column
 * of a huge range at its ends and a few steps inside instead of at every step ({@code CurveSampler}).
 */
@FunctionalInterface
public interface Pieces {

    /**
     * The first step after {@code step} where a new piece starts ({@link Long#MAX_VALUE} when the piece of
     * {@code step} never ends).
     */
    long next(long step);

    /** The schedule cannot name its pieces: charts evaluate every step. */
    Pieces UNKNOWN = step -> {
        throw new UnsupportedOperationException("unknown pieces");
    };

    /** Monotone on all steps. */
    Pieces ONE = step -> Long.MAX_VALUE;

    /** Whether the pieces are known. */
    default boolean known() {
        return this != UNKNOWN;
    }

    /** New pieces start at the given steps (any order) and nowhere else. */
    static Pieces at(long... starts) {
        long[] sorted = Arrays.stream(starts).sorted().distinct().toArray();
        return step -> {
            int i = Arrays.binarySearch(sorted, step);
            int k = i >= 0 ? i + 1 : -i - 1;
            return k < sorted.length ? sorted[k] : Long.MAX_VALUE;
        };
    }

    /**
     * New pieces start at the first whole step past each of these real phase ends (a branch taken while
     * {@code step <= end}, as the one-cycle schedules choose their phase) and nowhere else.
     */
    static Pieces past(double... ends) {
        long[] starts = new long[ends.length];
        for (int i = 0; i < ends.length; i++) {
            starts[i] = ends[i] >= 0x1p63 ? Long.MAX_VALUE : (long) Math.floor(ends[i]) + 1;
        }
        return at(starts);
    }

    /** New pieces start where either these or {@code other} start (unknown when either is). */
    default Pieces and(Pieces other) {
        if (!known() || !other.known()) {
            return UNKNOWN;
        }
        return step -> Math.min(next(step), other.next(step));
    }

    /**
     * These pieces below {@code limit}, and from {@code limit} on every step a piece of its own (where the numbers
     * that find these pieces stop being exact doubles).
     */
    default Pieces everyStepFrom(long limit) {
        return step -> step >= limit ? plus(step, 1) : Math.min(limit, next(step));
    }

    /**
     * A wave that turns (from falling to rising or back) at the real steps {@code start + k * half}, k = 1, 2, ...,
     * and is monotone in between (a cosine of a step-proportional argument). The computed argument crosses each turn
     * within a step of the real one, so the two steps either side of it are pieces of their own. {@code half}
     * infinite or NaN: no turns.
     */
    static Pieces turns(long start, double half) {
        if (!(half > 0) || Double.isInfinite(half)) {
            return step -> step < start ? start : Long.MAX_VALUE;
        }
        return step -> {
            if (step < start) {
                return start;
            }
            long best = Long.MAX_VALUE;
            double k0 = Math.floor((step - start) / half);
            for (double k = Math.max(1, k0 - 1); k <= k0 + 2; k++) {
                double turn = Math.floor(start + k * half);
                for (double b = turn - 1; b <= turn + 2; b++) {
                    if (b > step && b < best) {
                        best = b >= 0x1p63 ? Long.MAX_VALUE : (long) b;
                    }
                }
            }
            return best;
        };
    }

    /**
     * Pieces that start at {@code start} and wherever {@code index}, a non-decreasing function of the step (a cycle
     * or stair number, computed exactly as the schedule computes it), changes from {@code start} on: a galloping
     * search, so a piece costs a few dozen evaluations of the index whatever its length.
     */
    static Pieces whereChanges(long start, LongToDoubleFunction index) {
        return step -> {
            if (step < start) {
                return start;
            }
            double current = index.applyAsDouble(step);
            long lo = step; // index(lo) == current
            long hi = plus(step, 1);
            for (long d = 2; index.applyAsDouble(hi) == current; d = d > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : d * 2) {
                if (hi == Long.MAX_VALUE) {
                    return Long.MAX_VALUE;
                }
                lo = hi;
                hi = plus(step, d);
            }
            while (hi - lo > 1) { // index(hi) differs
                long mid = lo + (hi - lo) / 2;
                if (index.applyAsDouble(mid) == current) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return hi;
        };
    }

    /** {@code a + b}, or {@link Long#MAX_VALUE} when it does not fit. */
    static long plus(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
