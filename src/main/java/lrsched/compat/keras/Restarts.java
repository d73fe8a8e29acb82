package lrsched.compat.keras;

import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Cycles;

/**
 * keras.optimizers.schedules.CosineDecayRestarts in float64, in Keras' own units (fractions f = t / first of the
 * first cycle) and operation order, with one change: the cycle index. Keras computes it as
 * {@code floor(log(1 - f (1 - t_mul)) / log(t_mul))}; at an exact restart that quotient can round just below the
 * integer in float64 (log(243) / log(3) = 4.999...), putting the restart step at the end of the previous cycle,
 * which float32 Keras does not do there. We correct the index against the cycle starts
 * S(i) = (1 - t_mul^i) / (1 - t_mul), so S(i) <= f < S(i+1). That also keeps the result independent of the last
 * bit of {@code Math.log}. (lrsched.schedule.Cycles locates cycles the same way but in steps and only for
 * t_mul >= 1; Keras also allows t_mul < 1, where cycles shrink towards a limit and the result turns NaN, which
 * we refuse as a step out of range.)
 */
final class Restarts {
    private Restarts() {}

    static Schedule of(double lr, double first, double tMul, double mMul, double alpha) {
        Locator cycles = new Locator(first, tMul);
        Schedule s = t -> {
            Cycle at = cycles.at(t);
            double wave = 0.5 * Math.pow(mMul, at.index()) * (1.0 + Math.cos(Math.PI * at.fraction(t / first)));
            return lr * ((1 - alpha) * wave + alpha);
        };
        // a piece per cycle (its index never falls: corrected against increasing starts), the fraction rising
        return s.withPieces(Cycles.pieces(0, t -> {
            Cycle at = cycles.at(t);
            return new Cycles.Position((long) at.index(), at.fraction(t / first), 1);
        }, Cycles.Position::offset, 1));
    }

    /**
     * Cycle {@code index}, which starts at fraction {@code done} of the first cycle and is {@code scale} times as
     * long: fraction f of the first cycle is {@code (f - done) / scale} of this one, in Keras' operations.
     */
    private record Cycle(double index, double done, double scale) {
        double fraction(double f) {
            return (f - done) / scale;
        }
    }

    /** Cycles of one schedule; the last is kept (immutable, so thread-safe), so its powers are taken once. */
    private static final class Locator {
        private final double first;
        private final double tMul;
        private volatile Cycle last;

        Locator(double first, double tMul) {
            this.first = first;
            this.tMul = tMul;
        }

        /** The cycle of step {@code t}, in Keras' operations (with t_mul 1: done = index, scale 1). */
        Cycle at(long t) {
            double fraction = t / first;
            double cycle;
            if (tMul == 1.0) {
                cycle = Math.floor(fraction);
            } else {
                double ratio = Math.log(1.0 - fraction * (1.0 - tMul)) / Math.log(tMul);
                if (!Double.isFinite(ratio)) {
                    throw new StepOutOfRangeException(t, "Keras returns NaN from here on: with t_mul " + tMul
                            + " the cycles " + (tMul > 0 ? "shrink and end at step first_decay_steps / (1 - t_mul)"
                            : "are undefined") + " (log of a non-positive number)");
                }
                cycle = corrected(Math.floor(ratio), fraction, tMul);
            }
            Cycle c = last;
            if (c == null || c.index() != cycle) {
                c = tMul == 1.0 ? new Cycle(cycle, cycle, 1)
                        : new Cycle(cycle, (1.0 - Math.pow(tMul, cycle)) / (1.0 - tMul), Math.pow(tMul, cycle));
                last = c;
            }
            return c;
        }
    }

    /** The i with S(i) <= fraction < S(i+1), from Keras' estimate (off by at most one). */
    private static double corrected(double cycle, double fraction, double tMul) {
        if (cycle > 0 && fraction < start(cycle, tMul)) {
            return cycle - 1;
        }
        if (fraction >= start(cycle + 1, tMul)) {
            return cycle + 1;
        }
        return cycle;
    }

    private static double start(double cycle, double tMul) {
        return (1.0 - Math.pow(tMul, cycle)) / (1.0 - tMul);
    }
}
