package lrsched.schedule;

import java.util.ArrayList;
import java.util.List;

import lrsched.core.StepOutOfRangeException;

/**
 * Replays a library's recursion step by step, where it has no closed form (torch: a MultiplicativeLR whose lambda
 * reads the epoch, a ChainedScheduler with a cosine, SequentialLR with a milestone at or below 0; Paddle's
 * recursive CosineAnnealingDecay, LinearLR and MultiplicativeDecay).
 * The state after every {@value #STRIDE} steps is kept, so evaluating many steps in order costs one replay and any
 * single step at most {@value #STRIDE} steps from a kept state. Results do not depend on the order of calls.
 * The last state asked for is kept too, so a run of steps in order costs one step each. Thread-safe
 * (synchronized). Steps past {@value #LIMIT} are refused rather than replayed for minutes.
 */
public final class Replay {
    public static final int STRIDE = 4096;
    public static final long LIMIT = 5_000_000L;

    /** Advances {@code state} (its element 0 is the value) from step {@code t - 1} to step {@code t}. */
    @FunctionalInterface
    public interface Step {
        void advance(double[] state, long t);
    }

    private final String what;
    private final Step step;
    private final List<double[]> kept = new ArrayList<>();
    private double[] last;
    private long lastStep;

    /**
     * @param what    names the recursion in the message for steps past the limit
     * @param initial the state at step 0
     */
    public Replay(String what, double[] initial, Step step) {
        this.what = what;
        this.step = step;
        kept.add(initial.clone());
    }

    /** The value (state element 0) at step {@code t}. */
    public synchronized double at(long t) {
        if (t > LIMIT) {
            throw new StepOutOfRangeException(LIMIT + 1, what + " has no closed form, so lrsched replays the library's "
                    + "step-by-step recursion, up to step " + LIMIT + " only");
        }
        int index = (int) (t / STRIDE);
        while (kept.size() <= index) {
            double[] next = kept.get(kept.size() - 1).clone();
            long from = (long) (kept.size() - 1) * STRIDE;
            for (long s = from + 1; s <= from + STRIDE; s++) {
                step.advance(next, s);
            }
            kept.add(next);
        }
        long from = (long) index * STRIDE;
        double[] state;
        if (last != null && lastStep >= from && lastStep <= t) {
            from = lastStep; // steps asked in order continue from the previous one
            state = last.clone(); // a copy: a step that raises must not corrupt what is kept
        } else {
            state = kept.get(index).clone();
        }
        for (long s = from + 1; s <= t; s++) {
            step.advance(state, s);
        }
        last = state;
        lastStep = t;
        return state[0];
    }
}
