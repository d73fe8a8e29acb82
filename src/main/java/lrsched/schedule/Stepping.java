package lrsched.schedule;

import java.util.OptionalLong;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;

/** How often training code steps a scheduler, relative to optimizer updates. */
public final class Stepping {
    private Stepping() {}

    /** Stepped once per epoch of {@code stepsPerEpoch} updates: update s sees the schedule at floor(s / spe). */
    public static Schedule perEpoch(Schedule inner, long stepsPerEpoch) {
        return new Mapped(inner, Long.MAX_VALUE) {
            @Override
            long counter(long step) {
                return step / stepsPerEpoch;
            }

            @Override
            long firstUpdate(long counter) {
                return saturatedMultiply(counter, stepsPerEpoch);
            }
        };
    }

    /** Stepped {@code n} times per update: update s sees the schedule at n * s. */
    public static Schedule repeated(Schedule inner, long n) {
        return new Mapped(inner, Long.MAX_VALUE / n) {
            @Override
            long counter(long step) {
                return step * n;
            }

            @Override
            long firstUpdate(long counter) {
                return -Math.floorDiv(-counter, n);
            }
        };
    }

    private static long saturatedMultiply(long a, long b) {
        long r = a * b;
        return Math.multiplyHigh(a, b) != 0 || r < 0 ? Long.MAX_VALUE : r;
    }

    private abstract static class Mapped implements Schedule {
        private final Schedule inner;
        private final long maxStep;

        Mapped(Schedule inner, long maxStep) {
            this.inner = inner;
            this.maxStep = maxStep;
        }

        /** The scheduler's own counter at update {@code step}. */
        abstract long counter(long step);

        /** The first update whose counter reaches {@code counter}. */
        abstract long firstUpdate(long counter);

        private OptionalLong update(OptionalLong counter) {
            return counter.isPresent() ? OptionalLong.of(firstUpdate(counter.getAsLong())) : counter;
        }

        /** The counter never falls as the update grows, so the inner pieces carry over, mapped to updates. */
        @Override
        public Pieces pieces() {
            Pieces own = inner.pieces();
            if (!own.known()) {
                return Pieces.UNKNOWN;
            }
            return step -> Math.max(step + 1, firstUpdate(own.next(counter(Math.min(step, maxStep)))));
        }

        @Override
        public double at(long step) {
            if (step > maxStep) {
                throw new StepOutOfRangeException(step, "the scheduler's counter would exceed 64 bits");
            }
            return inner.at(counter(step));
        }

        @Override
        public OptionalLong warmupEnd() {
            return update(inner.warmupEnd());
        }

        @Override
        public OptionalLong nominalEnd() {
            return update(inner.nominalEnd());
        }
    }
}
