package lrsched.schedule;

import java.util.Optional;

import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;

/** Finding where a schedule starts refusing steps (PyTorch's OneCycleLR past total_steps, for instance). */
public final class Refusals {
    private Refusals() {}

    /**
     * The refusal at the first step in [0, upTo] that {@code schedule} refuses, or empty when it computes
     * {@code upTo}. Schedules that refuse a step refuse every later one, so a bisection finds the first.
     */
    public static Optional<StepOutOfRangeException> first(Schedule schedule, long upTo) {
        StepOutOfRangeException refusal = at(schedule, upTo);
        if (refusal == null) {
            return Optional.empty();
        }
        long lo = 0, hi = upTo; // invariant: hi is refused, and refusal is its exception
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            StepOutOfRangeException r = at(schedule, mid);
            if (r != null) {
                hi = mid;
                refusal = r;
            } else {
                lo = mid + 1;
            }
        }
        return Optional.of(refusal.step() == hi ? refusal : new StepOutOfRangeException(hi, refusal.getMessage()));
    }

    private static StepOutOfRangeException at(Schedule schedule, long step) {
        try {
            schedule.at(step);
            return null;
        } catch (StepOutOfRangeException e) {
            return e;
        }
    }
}
