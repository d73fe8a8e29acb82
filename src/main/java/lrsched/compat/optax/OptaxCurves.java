package lrsched.compat.optax;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Composite;
import lrsched.schedule.Shapes;

/**
 * The curves of optax's schedules (google-deepmind/optax optax/schedules/_schedule.py and _join.py), in float64,
 * without optax's argument handling (which lives in {@link OptaxTypes}). Keras' schedules that compute the same
 * formula reuse these: Keras' CosineDecay is {@link #cosine} (after a {@link #polynomial} warmup, joined),
 * its PolynomialDecay without cycle is {@link #polynomial} and its ExponentialDecay is {@link #exponential}.
 */
public final class OptaxCurves {
    private OptaxCurves() {}

    /**
     * {@code init} until {@code begin}, then {@code (init - end) * (1 - (t - begin)/steps)^power + end}, then
     * {@code end} from {@code begin + steps} on. {@code steps} must be positive.
     */
    public static Schedule polynomial(double init, double end, double power, double steps, double begin) {
        Schedule s = t -> {
            double elapsed = Math.min(Math.max(t - begin, 0), steps);
            return (init - end) * Math.pow(1 - elapsed / steps, power) + end;
        };
        // one piece: each operation is monotone in t (Math.pow semi-monotonic in its base)
        return s.withPieces(Pieces.ONE);
    }

    /**
     * {@code init} up to {@code begin}, then {@code init * rate^((t - begin)/steps)}, the exponent floored when
     * {@code staircase}. {@code steps} must be positive.
     */
    public static Schedule exponential(double init, double steps, double rate, double begin, boolean staircase) {
        Schedule s = t -> {
            double elapsed = t - begin;
            if (elapsed <= 0) {
                return init;
            }
            double p = elapsed / steps;
            return init * Math.pow(rate, staircase ? Math.floor(p) : p);
        };
        // init up to begin, then a positive rate to a non-decreasing power (Math.pow semi-monotonic in its
        // exponent); a negative rate alternates in sign at whole powers
        return s.withPieces(rate > 0 ? Pieces.at((long) Math.floor(begin) + 1) : Pieces.UNKNOWN);
    }

    /**
     * {@code init * ((1 - alpha) * (0.5 * (1 + cos(pi t / steps)))^exponent + alpha)} with t held at
     * {@code steps} afterwards. {@code steps} must be positive.
     */
    public static Schedule cosine(double init, double steps, double alpha, double exponent) {
        Schedule s = t -> cosineAt(init, steps, alpha, exponent, t);
        // one piece: Math.cos on [0, pi] and Math.pow are semi-monotonic, the rest is monotone arithmetic
        return s.withPieces(Pieces.ONE);
    }

    /** {@link #cosine} at a real-valued step (Keras casts steps to floats). */
    public static double cosineAt(double init, double steps, double alpha, double exponent, double t) {
        double held = Math.min(t, steps);
        double wave = 0.5 * (1 + Math.cos(Math.PI * held / steps));
        return init * ((1 - alpha) * Math.pow(wave, exponent) + alpha);
    }

    /**
     * optax's join_schedules: the first child at t; then, for each (boundary, child) pair in list order, that
     * child at {@code t - boundary} wherever {@code t >= boundary}. A later pair overrides an earlier one, so
     * boundaries out of order hide children; boundaries or children without a partner are ignored (zip).
     * Not {@link lrsched.schedule.Composite#sequence}, which assumes increasing boundaries.
     */
    public static Schedule join(List<Schedule> children, long[] boundaries) {
        Schedule[] parts = children.toArray(new Schedule[0]);
        long[] starts = boundaries.clone();
        int pairs = Math.min(starts.length, parts.length - 1);
        return new Schedule() {
            @Override
            public double at(long t) {
                // only the child that wins is evaluated (optax computes all; the others' values are discarded)
                int winner = -1;
                for (int i = 0; i < pairs; i++) {
                    if (t >= starts[i]) {
                        winner = i;
                    }
                }
                return winner < 0 ? parts[0].at(t) : parts[winner + 1].at(t - starts[winner]);
            }

            /**
             * With boundaries in order (repeats allowed) the join is {@link Composite#sequence} of
             * the paired children, and has its pieces; boundaries out of order hide children: unknown.
             */
            @Override
            public Pieces pieces() {
                for (int i = 1; i < pairs; i++) {
                    if (starts[i] < starts[i - 1]) {
                        return Pieces.UNKNOWN;
                    }
                }
                return Composite.sequence(Arrays.asList(parts).subList(0, pairs + 1),
                        Arrays.copyOf(starts, pairs)).pieces();
            }

            @Override
            public OptionalLong warmupEnd() {
                return parts[0].warmupEnd();
            }
        };
    }

    /**
     * {@code schedule}, refusing (with {@link StepOutOfRangeException}) the steps where it is not a finite number.
     * The libraries return NaN or infinity there (a negative decay_rate to a fractional power, 0 to a negative
     * power, a growth that overflows); a learning rate cannot be either, and a training loop would break at that
     * step, so lrsched names the step and the reason instead of printing the value.
     */
    public static Schedule finiteOnly(Schedule schedule, String library) {
        return new Schedule() {
            @Override
            public double at(long t) {
                double value = schedule.at(t);
                if (!Double.isFinite(value)) {
                    throw new StepOutOfRangeException(t, library + " computes " + value + " at this step (the formula"
                            + " leaves the finite numbers with these arguments)");
                }
                return value;
            }

            @Override
            public OptionalLong warmupEnd() {
                return schedule.warmupEnd();
            }

            @Override
            public OptionalLong nominalEnd() {
                return schedule.nominalEnd();
            }

            /** The schedule's (a value that is not finite is refused, and the chart then takes every step). */
            @Override
            public Pieces pieces() {
                return schedule.pieces();
            }
        };
    }

    /** {@code init} times every scale whose boundary is {@code <= t}; boundaries sorted increasingly. */
    public static Schedule piecewiseConstant(double init, long[] sortedBoundaries, double[] scales) {
        long[] bounds = sortedBoundaries.clone();
        double[] factors = scales.clone();
        Schedule s = t -> {
            double value = init;
            for (int i = 0; i < bounds.length && t >= bounds[i]; i++) {
                value = factors[i] * value;
            }
            return value;
        };
        return s.withPieces(Pieces.at(bounds)); // constant between boundaries
    }

    /**
     * optax's piecewise_interpolate_schedule: values v0 = init, v(k+1) = v(k) * scale(k); on
     * [b(k-1), b(k)) (b(-1) = 0) move from v(k) to v(k+1) linearly or by a half cosine, with progress
     * (t - b(k-1)) / max(b(k) - b(k-1), 1); from the last boundary on, the last value. An empty interval
     * (a boundary at 0 or below) contributes nothing.
     */
    public static Schedule piecewiseInterpolate(boolean cosine, double init, long[] sortedBoundaries,
                                                double[] scales) {
        int n = sortedBoundaries.length;
        long[] bounds = new long[n + 1];
        double[] values = new double[n + 1];
        values[0] = init;
        for (int k = 0; k < n; k++) {
            bounds[k + 1] = sortedBoundaries[k];
            values[k + 1] = values[k] * scales[k];
        }
        Schedule s = t -> {
            // optax sums indicator-weighted terms; the intervals are disjoint, so at most one term is non-zero
            double total = 0;
            for (int k = 0; k < n; k++) {
                if (bounds[k] <= t && t < bounds[k + 1]) {
                    double p = (double) (t - bounds[k]) / Math.max(bounds[k + 1] - bounds[k], 1);
                    total += cosine ? Shapes.cosine(values[k], values[k + 1], p)
                            : Shapes.linear(values[k], values[k + 1], p);
                }
            }
            return bounds[n] <= t ? total + values[n] : total;
        };
        // on each interval a line or a half cosine of a non-decreasing progress (0 + x is x), then the last value
        return s.withPieces(Pieces.at(bounds));
    }
}
