package lrsched.schedule;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Pieces;
import lrsched.core.Schedule;

/** Schedules made of other schedules. */
public final class Composite {
    private Composite() {}

    /**
     * Child {@code i} runs from {@code boundaries[i-1]} (0 for the first) up to {@code boundaries[i]}, seeing its
     * local step (the global step minus its start), as optax's join_schedules does.
     */
    public static Schedule sequence(List<Schedule> children, long[] boundaries) {
        Schedule[] parts = children.toArray(new Schedule[0]);
        long[] starts = boundaries.clone();
        return new Schedule() {
            @Override
            public double at(long step) {
                int i = Shapes.countAtOrBelow(starts, step);
                long start = i == 0 ? 0 : starts[i - 1];
                return parts[i].at(step - start);
            }

            /** A new piece at every boundary and at each child's own piece starts, shifted to its start. */
            @Override
            public Pieces pieces() {
                Pieces[] own = new Pieces[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    own[k] = parts[k].pieces();
                    if (!own[k].known()) {
                        return Pieces.UNKNOWN;
                    }
                }
                return step -> {
                    int i = Shapes.countAtOrBelow(starts, step);
                    long start = i == 0 ? 0 : starts[i - 1];
                    long child = Pieces.plus(start, own[i].next(step - start));
                    return i < starts.length ? Math.min(starts[i], child) : child;
                };
            }

            @Override
            public OptionalLong warmupEnd() {
                return parts[0].warmupEnd();
            }
        };
    }

    /** The pointwise product of the children. */
    public static Schedule product(List<Schedule> children) {
        Schedule[] parts = children.toArray(new Schedule[0]);
        return new Schedule() {
            @Override
            public double at(long step) {
                double v = 1;
                for (Schedule s : parts) {
                    v *= s.at(step);
                }
                return v;
            }

            @Override
            public OptionalLong warmupEnd() {
                long end = 0;
                for (Schedule s : parts) {
                    end = Math.max(end, s.warmupEnd().orElse(0));
                }
                return end > 0 ? OptionalLong.of(end) : OptionalLong.empty();
            }
        };
    }
}
