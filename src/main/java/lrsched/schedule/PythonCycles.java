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
        if (mult == 1) {
            double index = Math.floor(t / first);
            return new Cycles.Position((long) index, t - first * index, first);
        }
        double arg = 1 - t / first * (1 - mult);
        if (!(arg > 0) || !(mult > 0)) {
            throw new StepOutOfRangeException(step, "ValueError: math domain error (the cycles of multiplier "
                    + mult + " end before this step: log of a non-positive number)");
        }
        double index = Math.floor(Libm.log(arg) / Libm.log(mult));
        double power = Libm.pow(mult, index);
        return new Cycles.Position((long) index, t - (1 - power) / (1 - mult) * first, power * first);
    }
}
