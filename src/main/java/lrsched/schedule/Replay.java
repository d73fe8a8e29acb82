package lrsched.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongUnaryOperator;

import lrsched.core.StepOutOfRangeException;

/**
 * Replays a library's step-by-step recursion (torch's chainable {@code get_lr()}, which multiplies or shifts the
 * group's current lr; Paddle's recursive CosineAnnealingDecay, LinearLR and MultiplicativeDecay), so that every row is
 * the same double the library computes: a closed form is equal only up to rounding.
 *
 * <p>The state after every {@value #STRIDE} steps is kept as the replay passes it, so any step costs at most
 * {@value #STRIDE} steps from a kept state once the replay has been that far; the last state asked for is kept too,
 * so a run of steps in order costs one step each. Steps up to {@value #LIMIT} are replayed (the first far step costs
 * up to {@value #LIMIT} steps, about a second); past it the closed form is used where the recursion has one (equal up
 * to rounding), else the step is refused. Memory is bounded ({@value #LIMIT} / {@value #STRIDE} kept states). Results
 * do not depend on the order of calls. Thread-safe (synchronized).
 *
 * <p>A recursion may name the steps that can change its state ({@code nextChange}): the steps in between leave it
 * unchanged bit for bit (torch's {@code lr * 1}), so the replay jumps over them, and a StepLR or MultiStepLR costs a
 * step per stair, not per step.
 */
public final class Replay {
    public static final int STRIDE = 1024;
    /** The last step replayed; documented in src/docs/compat/torch.md. */
    public static final long LIMIT = 10_000_000L;

    /** Advances {@code state} (its element 0 is the value) from step {@code t - 1} to step {@code t}. */
    @FunctionalInterface
    public interface Step {
        void advance(double[] state, long t);
    }

    private final String what;
    private final Step step;
    private final LongToDoubleFunction beyond;
    private final LongUnaryOperator nextChange;
    private final List<double[]> kept = new ArrayList<>();
    private double[] last;
    private long lastStep;

    /**
     * A recursion without a closed form: steps past {@link #LIMIT} are refused.
     *
     * @param what    names the recursion in the message for steps past the limit
     * @param initial the state at step 0
     */
    public Replay(String what, double[] initial, Step step) {
        this(what, initial, step, null);
    }

    /** A recursion whose value past {@link #LIMIT} is {@code beyond} (its closed form). */
    public Replay(double[] initial, Step step, LongToDoubleFunction beyond) {
        this("", initial, step, beyond, t -> t);
    }

    /**
     * A recursion whose value past {@link #LIMIT} is {@code beyond}, and whose step {@code t} leaves the state
     * unchanged (bit for bit) unless {@code t} is at or after {@code nextChange(t)}'s result: {@code nextChange(t)}
     * is the first step at or after {@code t} that may change it ({@code t} itself when unsure).
     */
    public Replay(double[] initial, Step step, LongUnaryOperator nextChange, LongToDoubleFunction beyond) {
        this("", initial, step, beyond, nextChange);
    }

    private Replay(String what, double[] initial, Step step, LongToDoubleFunction beyond) {
        this(what, initial, step, beyond, t -> t);
    }

    private Replay(String what, double[] initial, Step step, LongToDoubleFunction beyond,
                   LongUnaryOperator nextChange) {
        this.what = what;
        this.step = step;
        this.beyond = beyond;
        this.nextChange = nextChange;
        kept.add(initial.clone());
    }

    /** The value (state element 0) at step {@code t}. */
    public double at(long t) {
        if (t > LIMIT) {
            if (beyond != null) {
                return beyond.applyAsDouble(t);
            }
            throw new StepOutOfRangeException(LIMIT + 1, what + " has no closed form, so lrsched replays the library's "
                    + "step-by-step recursion, up to step " + LIMIT + " only");
        }
        return replayed(t);
    }

    private synchronized double replayed(long t) {
        int index = (int) Math.min(t / STRIDE, kept.size() - 1); // the nearest kept state at or before t
        long from = (long) index * STRIDE;
        double[] state;
        if (last != null && lastStep >= from && lastStep <= t) {
            from = lastStep; // steps asked in order continue from the previous one
            state = last;
            last = null; // until the steps succeed: one that raises must not leave a half-advanced state behind
        } else {
            state = kept.get(index).clone();
        }
        for (long s = from + 1; s <= t; s++) {
            long change = nextChange.applyAsLong(s);
            if (change > s) { // steps s..change-1 keep the state: record the strides among them and jump
                long until = Math.min(t, change - 1);
                for (long k = (long) kept.size() * STRIDE; k >= s && k <= until; k += STRIDE) {
                    kept.add(state.clone());
                }
                s = until;
                continue;
            }
            step.advance(state, s);
            if (s % STRIDE == 0 && s / STRIDE == kept.size()) {
                kept.add(state.clone());
            }
        }
        last = state;
        lastStep = t;
        return state[0];
    }
}
