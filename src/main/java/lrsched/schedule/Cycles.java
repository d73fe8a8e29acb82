package lrsched.schedule;

import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;

import lrsched.core.Libm;
import lrsched.core.Pieces;

/** Locating a step among cycles whose lengths grow geometrically (SGDR-style restarts), in constant time. */
public final class Cycles {
    private Cycles() {}

    /** Cycle {@code index} (0-based), {@code offset} steps into it, of {@code length} steps. */
    public record Position(long index, double offset, double length) {}

    /** Cycle {@code index} (0-based), which begins at {@code begin} and is {@code length} steps long. */
    public record Span(long index, double begin, double length) {}

    /**
     * Where step {@code u} falls when the first cycle has {@code period} steps and each next one is {@code mult}
     * times longer.
     */
    public static Position locate(long u, double period, double mult) {
        if (mult == 1) {
            long i = (long) Math.floor(u / period);
            return new Position(i, u - i * period, period);
        }
        long i = (long) Math.floor(Math.log1p(u * (mult - 1) / period) / Math.log(mult));
        // correct floating-point error at cycle boundaries
        while (i > 0 && start(i, period, mult) > u) {
            i--;
        }
        while (start(i + 1, period, mult) <= u) {
            i++;
        }
        double begin = start(i, period, mult);
        return new Position(i, u - begin, period * Libm.pow(mult, i));
    }

    /**
     * {@link #locate} for one {@code period} and {@code mult}, the same positions at a fraction of the cost: the
     * starts and lengths of the first {@value #KEPT_CYCLES} cycles are computed once, as locate computes them, and a
     * step among them is found by binary search (locate takes a logarithm and up to four powers per step). Steps past
     * them are located as before. The cycle last asked for is kept (immutable, so thread-safe) with the start of the
     * next one: a run of steps in order costs two comparisons each and one object per cycle.
     */
    public static Locator locator(double period, double mult) {
        return new Locator(period, mult);
    }

    /** See {@link #locator}. */
    public static final class Locator {
        private final double period;
        private final double mult;
        private final double[] starts = new double[KEPT_CYCLES + 1];
        private final double[] lengths = new double[KEPT_CYCLES];
        /** Cycles 0 .. kept - 1 are in the table; starts[kept] is where it ends. */
        private final int kept;
        private volatile Kept last;

        /** A cycle and where the next one starts: the steps in [span.begin, next) are in it, and only they. */
        private record Kept(Span span, double next) {}

        private Locator(double period, double mult) {
            this.period = period;
            this.mult = mult;
            int n = 0;
            if (mult != 1) {
                starts[0] = start(0, period, mult);
                while (n < KEPT_CYCLES) {
                    double next = start(n + 1, period, mult);
                    if (!(next > starts[n]) || next > 0x1p62) { // kept only while they increase and steps reach them
                        break;
                    }
                    lengths[n] = period * Libm.pow(mult, n);
                    starts[++n] = next;
                }
            }
            kept = n;
        }

        /** Where step {@code u >= 0} falls, as {@link #locate} says. */
        public Position position(long u) {
            Span span = at(u);
            return new Position(span.index(), u - span.begin(), span.length());
        }

        /**
         * The cycle holding step {@code u >= 0}, as {@link #locate} finds it: its offset is {@code u - begin}. With
         * mult 1 the index is u / period as locate divides; otherwise the cycles' starts increase (powers are
         * monotone), so the cycle locate settles on, the one whose start is at or below u and whose successor's is
         * above, is the only such one, and a kept cycle whose bounds hold u is the one locate would find.
         */
        public Span at(long u) {
            Kept k = last;
            if (mult == 1) {
                long i = (long) Math.floor(u / period);
                if (k == null || k.span().index() != i) {
                    k = new Kept(new Span(i, i * period, period), Double.NaN);
                    last = k;
                }
                return k.span();
            }
            if (k != null && k.span().begin() <= u && u < k.next()) {
                return k.span();
            }
            if (u < starts[kept]) {
                int lo = 0;
                int hi = kept - 1; // the last cycle whose start is at or below u
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (starts[mid] <= u) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                k = new Kept(new Span(lo, starts[lo], lengths[lo]), starts[lo + 1]);
            } else {
                Position p = locate(u, period, mult);
                long i = p.index();
                k = new Kept(new Span(i, start(i, period, mult), p.length()), start(i + 1, period, mult));
            }
            last = k;
            return k.span();
        }
    }

    /** Cycles whose starts {@link #locator} keeps. */
    static final int KEPT_CYCLES = 64;

    /** Step {@code offset} of a cycle of {@code length} steps, both exact integers. */
    public record Exact(long offset, long length) {}

    /**
     * Where step {@code u} falls when the libraries count it in integers (PyTorch's and Paddle's
     * CosineAnnealingWarmRestarts stepped one by one: T_cur counts up and, on reaching T_i, restarts while T_i is
     * multiplied by T_mult): exact, in at most 63 rounds. Lengths past 64 bits stay at Long.MAX_VALUE.
     */
    public static Exact locateExactly(long u, long period, long mult) {
        if (mult == 1) {
            return new Exact(u % period, period);
        }
        long offset = u;
        long length = period;
        long longest = Long.MAX_VALUE / mult; // the longest length that can be multiplied (one division per call)
        while (offset >= length) {
            offset -= length;
            length = length > longest ? Long.MAX_VALUE : length * mult;
        }
        return new Exact(offset, length);
    }

    /** A cycle of {@link ExactCycles}: it starts at step {@code start} and is {@code length} steps long. */
    public record Cycle(long start, long length) {}

    /**
     * {@link #locateExactly} for one {@code period} and {@code mult}, as the cycle holding a step: the cycle last
     * asked for is kept (immutable, so thread-safe), so a run of steps in order costs a comparison each and one
     * object per cycle, not an object per step.
     */
    public static final class ExactCycles {
        private final long period;
        private final long mult;
        private volatile Cycle last;

        public ExactCycles(long period, long mult) {
            this.period = period;
            this.mult = mult;
        }

        /** The cycle holding step {@code u}: {@code u - start} is locateExactly's offset, {@code length} its length. */
        public Cycle at(long u) {
            Cycle c = last;
            if (c != null && u >= c.start() && u - c.start() < c.length()) {
                return c;
            }
            Exact e = locateExactly(u, period, mult);
            c = new Cycle(u - e.offset(), e.length());
            last = c;
            return c;
        }
    }

    /**
     * The pieces of a cosine (or any shape monotone in its argument on [0, top]) that restarts each cycle, from step
     * {@code from} on: a new piece where the cycle index changes (it must never fall as the step grows) and, inside a
     * cycle, where the argument (rising with the step) leaves [0, top], as rounding lets it at a cycle's ends and the
     * shape would turn there. Each step is its own piece once the index reaches 2^50 (where 3 index + 2, the value
     * the search compares, stops being exact).
     *
     * @param locate   the cycle at a step, as the schedule computes it
     * @param argument the shape's argument in that cycle, as the schedule computes it
     */
    public static Pieces pieces(long from, LongFunction<Position> locate, ToDoubleFunction<Position> argument,
                                double top) {
        return Pieces.whereChanges(from, step -> {
            Position c = locate.apply(step);
            if (c.index() >= 1L << 50) {
                return Double.NaN; // equal to nothing: every step a piece
            }
            double x = argument.applyAsDouble(c);
            return 3.0 * c.index() + (x < 0 ? 0 : x <= top ? 1 : 2);
        });
    }

    private static double start(long i, double period, double mult) {
        return period * (Libm.pow(mult, i) - 1) / (mult - 1);
    }
}
