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
                Pieces[] own = piecesOf(parts);
                if (own == null) {
                    return Pieces.UNKNOWN;
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

    /**
     * The pieces of a left-to-right product of {@code parts}: where every factor stays in one of its own pieces and
     * none moves against another. On such a span each factor is monotone, so its values at the span's ends say
     * whether it rises, falls or is constant; when all of them are +0 or more and no two move opposite ways, every
     * partial product moves their way (IEEE multiplication of non-negative numbers is monotone in each factor).
     * Elsewhere (a rising factor times a falling one, a negative factor) each step is its own piece. A span is at
     * most as long again as its start step, so the ends evaluated stay within twice the steps charted.
     */
    static Pieces productPieces(Schedule[] parts) {
        Pieces[] own = piecesOf(parts);
        if (own == null) {
            return Pieces.UNKNOWN;
        }
        return step -> {
            long end = Pieces.plus(step, Math.max(1, step));
            for (Pieces p : own) {
                end = Math.min(end, p.next(step));
            }
            if (end - step <= 1) {
                return end;
            }
            int direction = 0;
            for (Schedule s : parts) {
                double first = s.at(step);
                double last = s.at(end - 1);
                if (!nonNegative(first) || !nonNegative(last)) {
                    return step + 1;
                }
                int d = Double.compare(last, first);
                if (d != 0) {
                    if (direction != 0 && d != direction) {
                        return step + 1;
                    }
                    direction = d;
                }
            }
            return end;
        };
    }

    /** Each part's pieces, or null when one of them cannot name its pieces. */
    private static Pieces[] piecesOf(Schedule[] parts) {
        Pieces[] own = new Pieces[parts.length];
        for (int k = 0; k < parts.length; k++) {
            own[k] = parts[k].pieces();
            if (!own[k].known()) {
                return null;
            }
        }
        return own;
    }

    /** At least +0 (a -0.0 would flip a zero product's sign). */
    private static boolean nonNegative(double v) {
        return v >= 0 && Math.copySign(1.0, v) > 0;
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
            public Pieces pieces() {
                return productPieces(parts);
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
