package lrsched.compat.timm;

import java.util.OptionalLong;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
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
        this.cycles = new PythonCycles.Locator(config.tInitial(), config.cycleMul());
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

    /** Cycles of geometric length (cycle_mul != 1), as timm locates them. */
    private final PythonCycles.Locator cycles;

    /** Position {@code t} on the cycles' axis: after the warmup with warmup_prefix. */
    private double shifted(double t) {
        return c.warmupPrefix() ? t - c.warmupT() : t;
    }

    /**
     * The cycle index of position {@code u} (already {@link #shifted}) as computed: timm's i = t // t_initial with
     * cycle_mul 1 (Python's float floor division, which a fractional t_initial can tell from floor(t / t_initial)),
     * else the floored log quotient, which timm then makes an int (here: {@code (long)}).
     */
    private double key(double u, long step) {
        return c.cycleMul() == 1 ? PyFloat.floorDiv(u, c.tInitial()) : cycles.index(u, step);
    }

    /** The cycle index timm uses for key {@code key}. */
    private double index(double key) {
        return c.cycleMul() == 1 ? key : (double) (long) key;
    }

    /**
     * The warmup (a line), then a piece per cycle: within one the shape is monotone in the offset, which grows with
     * the step; the cycle index never falls.
     */
    @Override
    public Pieces pieces() {
        long warm = Math.max(0, c.warmupT());
        return Pieces.whereChanges(warm, step -> index(key(shifted(step), step)));
    }

    private double curve(double t, long step) {
        double u = shifted(t);
        double key = key(u, step);
        double index = index(key);
        if (!(index < c.cycleLimit())) {
            return c.lrMin();
        }
        double peak = c.lr() * PyFloat.pow(c.cycleDecay(), index);
        // t_curr = t - t_initial * i with cycle_mul 1, else t - (1 - mul^i) / (1 - mul) * t_initial
        boolean geometric = c.cycleMul() != 1;
        double begin = geometric ? cycles.begin(key) : c.tInitial() * key;
        double length = geometric ? cycles.length(key) : c.tInitial();
        double value = shape.at(c.lrMin(), peak, u - begin, length);
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
