package lrsched.compat.timm;

import java.util.OptionalLong;

import lrsched.schedule.Cycles;
import lrsched.schedule.PythonCycles;
import lrsched.schedule.Schedule;

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

    private double curve(double t, long step) {
        if (c.warmupPrefix()) {
            t -= c.warmupT();
        }
        Cycles.Position cycle = PythonCycles.locate(t, c.tInitial(), c.cycleMul(), step);
        if (!(cycle.index() < c.cycleLimit())) {
            return c.lrMin();
        }
        double peak = c.lr() * Math.pow(c.cycleDecay(), cycle.index());
        return shape.at(c.lrMin(), peak, cycle.offset(), cycle.length());
    }

    @Override
    public OptionalLong warmupEnd() {
        return c.warmupT() > 0 ? OptionalLong.of(c.warmupT()) : OptionalLong.empty();
    }
}
