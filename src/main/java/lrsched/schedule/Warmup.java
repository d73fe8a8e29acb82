package lrsched.schedule;

import java.util.OptionalLong;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;

/**
 * The warmup every native schedule accepts: over steps [0, W) the learning rate rises from {@code from} to the
 * schedule's own value at step W, along a linear, cosine or exponential ramp; from W on the schedule is unchanged.
 */
public final class Warmup implements Schedule {
    /** Ramp shapes. */
    public enum Shape { LINEAR, COSINE, EXPONENTIAL }

    private final Schedule after;
    private final long steps;
    private final Shape shape;
    private final double from;
    private final double target;

    private Warmup(Schedule after, long steps, Shape shape, double from) {
        this.after = after;
        this.steps = steps;
        this.shape = shape;
        this.from = from;
        this.target = after.at(steps);
    }

    /** {@code after} with a warmup of {@code steps} steps ({@code after} itself when steps is 0). */
    public static Schedule of(Schedule after, long steps, Shape shape, double from) {
        return steps <= 0 ? after : new Warmup(after, steps, shape, from);
    }

    @Override
    public double at(long step) {
        if (step >= steps) {
            return after.at(step);
        }
        double p = (double) step / steps;
        switch (shape) {
            case COSINE:
                return Shapes.cosine(from, target, p);
            case EXPONENTIAL:
                return from * Libm.pow(target / from, p);
            default:
                return Shapes.linear(from, target, p);
        }
    }

    /** The ramp is one piece (every shape is a monotone formula of the step), then the schedule's own pieces. */
    @Override
    public Pieces pieces() {
        Pieces own = after.pieces();
        if (!own.known()) {
            return Pieces.UNKNOWN;
        }
        return step -> step < steps ? steps : own.next(step);
    }

    @Override
    public OptionalLong warmupEnd() {
        return OptionalLong.of(steps);
    }
}
