package lrsched.schedule;

import java.util.OptionalLong;

/**
 * A learning-rate schedule: a pure function from the update number to the learning rate.
 *
 * <p>{@link #at(long)} must be evaluated in closed form (or in time that does not grow with the step), must not
 * depend on earlier calls, and must be safe to call from several threads. Step {@code s} is the 0-based index of
 * the optimizer update that uses the returned learning rate.
 */
@FunctionalInterface
public interface Schedule {

    /** The learning rate for update {@code step} (0-based, may be as large as {@link Long#MAX_VALUE}). */
    double at(long step);

    /** The first step after warmup, where the type knows it (for plot marks and stats). */
    default OptionalLong warmupEnd() {
        return OptionalLong.empty();
    }

    /** This schedule reporting {@code warmupEnd} as its warmup end. */
    default Schedule withWarmupEnd(long warmupEnd) {
        Schedule self = this;
        return new Schedule() {
            @Override
            public double at(long step) {
                return self.at(step);
            }

            @Override
            public OptionalLong warmupEnd() {
                return warmupEnd > 0 ? OptionalLong.of(warmupEnd) : OptionalLong.empty();
            }
        };
    }
}
