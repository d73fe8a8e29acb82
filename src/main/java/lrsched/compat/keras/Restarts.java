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
        Schedule s = t -> {
            double[] at = locate(t, first, tMul);
            double cycle = at[0], fraction = at[1];
            double wave = 0.5 * Math.pow(mMul, cycle) * (1.0 + Math.cos(Math.PI * fraction));
            return lr * ((1 - alpha) * wave + alpha);
        };
        // a piece per cycle (its index never falls: corrected against increasing starts), the fraction rising
        return s.withPieces(Cycles.pieces(0, t -> {
            double[] at = locate(t, first, tMul);
            return new Cycles.Position((long) at[0], at[1], 1);
        }, Cycles.Position::offset, 1));
    }

    /** The cycle index and the fraction of it at step {@code t}, in Keras' operations. */
    private static double[] locate(long t, double first, double tMul) {
        double fraction = t / first;
        double cycle;
        if (tMul == 1.0) {
            cycle = Math.floor(fraction);
            fraction -= cycle;
        } else {
            double ratio = Math.log(1.0 - fraction * (1.0 - tMul)) / Math.log(tMul);
            if (!Double.isFinite(ratio)) {
                throw new StepOutOfRangeException(t, "Keras returns NaN from here on: with t_mul " + tMul
                        + " the cycles " + (tMul > 0 ? "shrink and end at step first_decay_steps / (1 - t_mul)"
                        : "are undefined") + " (log of a non-positive number)");
            }
            cycle = corrected(Math.floor(ratio), fraction, tMul);
            double done = (1.0 - Math.pow(tMul, cycle)) / (1.0 - tMul);
            fraction = (fraction - done) / Math.pow(tMul, cycle);
        }
        return new double[] {cycle, fraction};
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
