package lrsched.schedule;

import lrsched.core.Libm;
import lrsched.core.StepOutOfRangeException;

/**
 * Geometric restart cycles located exactly as timm ({@code CosineLRScheduler} and relatives) and fairseq
 * ({@code cosine}) locate them, rounding included.
 *
 * <p>Both compute the cycle index as {@code floor(math.log(1 - t / first * (1 - mult), mult))}, and Python's
 * {@code math.log(x, base)} is {@code log(x) / log(base)}. At some cycle starts that quotient lands just below the
 * integer ({@code math.log(1000, 10) == 2.9999999999999996}), so the library stays one more step in the previous
 * cycle. {@link Cycles#locate} corrects that error; lrsched's library types must keep it. For {@code mult < 1} the
 * cycles shrink and their total length is finite: past it the logarithm's argument is not positive and Python
 * raises {@code ValueError: math domain error}.
 */
public final class PythonCycles {
    private PythonCycles() {}

    /**
     * The cycle holding position {@code t} (which may be fractional or negative after a warmup shift) when the first
     * cycle is {@code first} long and each next one {@code mult} times longer.
     *
     * @param step the row being evaluated, reported when the library would raise
     */
    public static Cycles.Position locate(double t, double first, double mult, long step) {
        Cycles.Span span = span(index(t, first, mult, step), first, mult);
        return new Cycles.Position(span.index(), t - span.begin(), span.length());
    }

    /** The libraries' cycle index of position {@code t}: {@code floor(t / first)}, or the floored log quotient. */
    public static double index(double t, double first, double mult, long step) {
        if (mult == 1) {
            return Math.floor(t / first);
        }
        double arg = 1 - t / first * (1 - mult);
        if (!(arg > 0) || !(mult > 0)) {
            throw new StepOutOfRangeException(step, "ValueError: math domain error (the cycles of multiplier "
                    + mult + " end before this step: log of a non-positive number)");
        }
        return Math.floor(Libm.log(arg) / Libm.log(mult));
    }

    /**
     * Cycle {@code index} as the libraries compute it: it begins at {@code first * index}, or at
     * {@code (1 - mult^index) / (1 - mult) * first}, and is {@code first * mult^index} long (offsets are
     * {@code t - begin}, the libraries' own subtraction).
     */
    public static Cycles.Span span(double index, double first, double mult) {
        if (mult == 1) {
            return new Cycles.Span((long) index, first * index, first);
        }
        double power = Libm.pow(mult, index);
        return new Cycles.Span((long) index, (1 - power) / (1 - mult) * first, power * first);
    }

    /**
     * {@link #locate} for one {@code first} and {@code mult}, in parts that allocate nothing per step: the index of a
     * position ({@link #index}, the libraries' own computation at every step), then where that cycle begins and how
     * long it is. With mult 1 those are products; otherwise the last cycle's are kept (immutable, so thread-safe), so
     * a run of steps in order takes a power and an object once per cycle.
     */
    public static final class Locator {
        private final double first;
        private final double mult;
        private volatile Kept last;

        /** A cycle and the index it was computed from (an index past 2^63 stays apart from its neighbours). */
        private record Kept(double index, Cycles.Span span) {}

        public Locator(double first, double mult) {
            this.first = first;
            this.mult = mult;
        }

        /** The cycle index of position {@code t}, unrounded: {@code (long) index} is {@link #locate}'s. */
        public double index(double t, long step) {
            return PythonCycles.index(t, first, mult, step);
        }

        /** Where cycle {@code index} (from {@link #index}) begins: position t is {@code t - begin} into it. */
        public double begin(double index) {
            return mult == 1 ? first * index : kept(index).begin();
        }

        /** How long cycle {@code index} (from {@link #index}) is. */
        public double length(double index) {
            return mult == 1 ? first : kept(index).length();
        }

        private Cycles.Span kept(double index) {
            Kept k = last;
            if (k == null || k.index() != index) {
                k = new Kept(index, span(index, first, mult));
                last = k;
            }
            return k.span();
        }
    }
}
