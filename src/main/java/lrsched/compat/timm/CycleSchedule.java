package lrsched.compat.timm;

import java.util.OptionalLong;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Cycles;
import lrsched.schedule.PyFloat;
import lrsched.schedule.PythonCycles;

/**
 * timm's cosine, tanh and poly schedulers: a linear warmup, then restart cycles of geometric length whose peak
 * decays by {@code cycle_decay} per cycle, then {@code lr_min} after {@code cycle_limit} cycles. Row {@code t} is
 * {@code _get_lr(t)}.
 */
final class CycleSchedule implements Schedule {

    /** The decay shape within one cycle: {@code position} runs from 0 to {@code length}. */
    interface Shape {
        double at(double lrMin, double peak, double position, double length);
    }

    /** The constructor arguments the three schedulers share. */
    record Config(double lr, double tInitial, double lrMin, double cycleMul, double cycleDecay, long cycleLimit,
                  long warmupT, double warmupLrInit, boolean warmupPrefix) {}

    private final Config c;
    private final Shape shape;
    private final double warmupSlope;

    /**
     * @param warmToCurve whether the warmup rises to the curve's value at {@code warmup_t} (timm's Tanh without
     *                    warmup_prefix) instead of to {@code lr} (cosine and poly: a jump when the curve has
     *                    already moved on at raw t = warmup_t)
     */
    CycleSchedule(Config config, Shape shape, boolean warmToCurve) {
        this.c = config;
        this.shape = shape;
        double target = warmToCurve && !config.warmupPrefix() ? curve(config.warmupT(), config.warmupT())
                : config.lr();
        // timm tests `if self.warmup_t:`, so a negative warmup_t also gets a (never used) slope
        this.warmupSlope = config.warmupT() != 0 ? (target - config.warmupLrInit()) / config.warmupT() : 1;
    }

    @Override
    public double at(long step) {
        if (step < c.warmupT()) {
            return c.warmupLrInit() + step * warmupSlope;
        }
        return curve(step, step);
    }

    /** Cycle {@code index}, {@code offset} into it, of {@code length}. */
    private record Place(double index, double offset, double length) {}

    private Place place(double t, long step) {
        if (c.warmupPrefix()) {
            t -= c.warmupT();
        }
        if (c.cycleMul() == 1) {
            // timm: i = t // t_initial (Python's float floor division, which a fractional t_initial can tell
            // from floor(t / t_initial)); t_curr = t - t_initial * i
            double index = PyFloat.floorDiv(t, c.tInitial());
            return new Place(index, t - c.tInitial() * index, c.tInitial());
        }
        Cycles.Position cycle = PythonCycles.locate(t, c.tInitial(), c.cycleMul(), step);
        return new Place(cycle.index(), cycle.offset(), cycle.length());
    }

    /**
     * The warmup (a line), then a piece per cycle: within one the shape is monotone in the offset, which grows with
     * the step; the cycle index never falls.
     */
    @Override
    public Pieces pieces() {
        long warm = Math.max(0, c.warmupT());
        return Pieces.whereChanges(warm, step -> place(step, step).index());
    }

    private double curve(double t, long step) {
        Place place = place(t, step);
        double index = place.index();
        if (!(index < c.cycleLimit())) {
            return c.lrMin();
        }
        double peak = c.lr() * PyFloat.pow(c.cycleDecay(), index);
        double value = shape.at(c.lrMin(), peak, place.offset(), place.length());
        if (!Double.isFinite(value)) {
            // the declared domains keep this out of reach for sensible arguments; what is left are extremes
            // (t_initial * cycle_mul^i raised to k_decay overflowing or underflowing to 0), where Python raises
            throw new StepOutOfRangeException(step, "timm's formula has no finite value at this step (Python raises "
                    + "OverflowError or ZeroDivisionError here, or yields a complex number): " + value);
        }
        return value;
    }

    @Override
    public OptionalLong warmupEnd() {
        return c.warmupT() > 0 ? OptionalLong.of(c.warmupT()) : OptionalLong.empty();
    }
}
