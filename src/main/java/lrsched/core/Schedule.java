package lrsched.core;

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

    /** The first step after warmup, where the type knows it (for plot marks, stats and lint). */
    default OptionalLong warmupEnd() {
        return OptionalLong.empty();
    }

    /**
     * The step where the schedule's nominal run ends (HF's num_training_steps, PyTorch's T_max, lrsched's total),
     * where the type knows it (its factory sets it with {@link #withNominalEnd}): lint warns when the curve rises
     * again after it or the selection stops before it.
     */
    default OptionalLong nominalEnd() {
        return OptionalLong.empty();
    }

    /**
     * Where the computed values may stop being monotone ({@link Pieces}); {@link Pieces#UNKNOWN} unless the type
     * or the building block it is made of says. Must not claim a piece on which the doubles rise and fall.
     */
    default Pieces pieces() {
        return Pieces.UNKNOWN;
    }

    /** This schedule reporting {@code warmupEnd} as its warmup end (none when it is 0 or less). */
    default Schedule withWarmupEnd(long warmupEnd) {
        return Marked.of(this, warmupEnd > 0 ? OptionalLong.of(warmupEnd) : OptionalLong.empty(), nominalEnd());
    }

    /** This schedule reporting {@code end} as its nominal end. */
    default Schedule withNominalEnd(long end) {
        return Marked.of(this, warmupEnd(), OptionalLong.of(end));
    }

    /** This schedule reporting {@code pieces} as its monotone pieces (see {@link #pieces}: they must hold). */
    default Schedule withPieces(Pieces pieces) {
        return new Marked(this instanceof Marked m ? m.inner : this, warmupEnd(), nominalEnd(), pieces);
    }

    /** A schedule with marks attached; evaluation is the wrapped schedule's. */
    final class Marked implements Schedule {
        private final Schedule inner;
        private final OptionalLong warmupEnd;
        private final OptionalLong nominalEnd;
        private final Pieces pieces;

        private Marked(Schedule inner, OptionalLong warmupEnd, OptionalLong nominalEnd, Pieces pieces) {
            this.inner = inner;
            this.warmupEnd = warmupEnd;
            this.nominalEnd = nominalEnd;
            this.pieces = pieces;
        }

        static Schedule of(Schedule s, OptionalLong warmupEnd, OptionalLong nominalEnd) {
            Schedule inner = s instanceof Marked m ? m.inner : s;
            return new Marked(inner, warmupEnd, nominalEnd, s.pieces());
        }

        @Override
        public double at(long step) {
            return inner.at(step);
        }

        @Override
        public Pieces pieces() {
            return pieces;
        }

        @Override
        public OptionalLong warmupEnd() {
            return warmupEnd;
        }

        @Override
        public OptionalLong nominalEnd() {
            return nominalEnd;
        }
    }
}
