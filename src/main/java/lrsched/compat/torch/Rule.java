package lrsched.compat.torch;

import lrsched.core.Pieces;

/**
 * The arithmetic of one torch 1.13 scheduler on one param group. A rule knows its own keyword arguments only; the
 * lr it starts from ({@code base}, torch's {@code base_lrs[0]}) is passed in, because inside SequentialLR and
 * ChainedScheduler it is decided by the order the schedulers were built in.
 *
 * <p>Three faces of the same scheduler are needed:
 * <ul>
 *   <li>{@link #update}: torch's {@code get_lr()} (the chainable form), computed as torch computes it from the
 *   group's current lr; used where torch's recursion has no closed form (ChainedScheduler with a cosine, odd
 *   SequentialLR milestones);</li>
 *   <li>{@link #fresh}: the value after {@code e} steps when nothing else touches the lr, in closed form; equal to
 *   torch's recursion up to rounding, including the recursion's quirks (where torch's own
 *   {@code _get_closed_form_lr} would disagree with its recursion, the recursion wins);</li>
 *   <li>{@link #enter}: what {@code scheduler.step(0)} does when SequentialLR reaches this child's milestone
 *   (torch's {@code _get_closed_form_lr} where the class has one, else {@code get_lr()}).</li>
 * </ul>
 */
abstract class Rule {
    /** Where torch raises while stepping: the first local epoch that fails and torch's message. */
    record Failure(long epoch, String message) {
        static final Failure NONE = new Failure(Long.MAX_VALUE, "");

        boolean reachedBy(long epoch) {
            return epoch >= this.epoch;
        }
    }

    /** torch's class name, for messages. */
    abstract String name();

    /**
     * Where {@link #fresh} may stop being monotone in the epoch (see Pieces): a rule that is not replayed, and a
     * replayed one past {@code Replay.LIMIT}, where its closed form is used.
     */
    Pieces pieces() {
        return Pieces.UNKNOWN;
    }

    /**
     * Where torch's recursion, {@link #update} from the constructor's value on, may stop being monotone in the epoch,
     * as computed. A {@link Multiplier}'s {@code lr * ratio} keeps its sign and never rises (falls) while every ratio
     * is in [0, 1] (at least 1), since IEEE rounding is monotone and {@code x * 1 == x}.
     */
    Pieces replayedPieces() {
        return Pieces.UNKNOWN;
    }

    /**
     * The pieces of this rule's run by local epoch, as TorchSchedule and SequentialLR compute it: the closed form's
     * for a rule that sets the lr outright; for the others the recursion's up to {@code Replay.LIMIT} (from whatever
     * lr the run starts with: the arguments above do not depend on it), a new piece where the closed form takes over,
     * and the closed form's (a constant times {@link #fresh}'s shape).
     */
    final Pieces runPieces() {
        return this instanceof Overriding ? pieces()
                : replayedPieces().and(Pieces.at(lrsched.schedule.Replay.LIMIT + 1)).and(pieces());
    }

    /**
     * The first local epoch at or after {@code e >= 1} whose {@link #update} may change the lr ({@code e} when
     * unsure); the epochs before it return the lr unchanged, bit for bit (a ratio of exactly 1), and a replay skips
     * them.
     */
    long nextChange(long e) {
        return e;
    }

    /** The group lr the constructor sets before the base class reads {@code initial_lr} (CyclicLR: base_lr). */
    double groupLrBeforeInit(double lr) {
        return lr;
    }

    /** The {@code initial_lr} the constructor writes over the group's (OneCycleLR), or NaN. */
    double initialLrOverride() {
        return Double.NaN;
    }

    /**
     * The constructor's own first step, with the group's {@code initial_lr} as base. Differs from
     * {@code update(lr, 0, initialLr)} only for CyclicLR, which reads base_lrs = initial_lr in that step.
     */
    double constructorStep(double lr, double initialLr) {
        return update(lr, 0, initialLr);
    }

    /** torch's {@code get_lr()} at local epoch {@code e >= 0} with the group's current {@code lr}. */
    abstract double update(double lr, long e, double base);

    /** The lr after {@code e} steps of this scheduler alone, starting from a group whose lr is {@code base}. */
    abstract double fresh(long e, double base);

    /** SequentialLR's {@code step(0)} at this child's milestone, with the group's current {@code lr}. */
    abstract double enter(double lr, double base);

    /**
     * torch's {@code get_lr()} outside the constructor (its {@code _is_initial} is false) at local epoch {@code e},
     * in a release with {@link TorchChange#INITIAL_MODE}: differs from {@link #update} only at {@code e = 0}, which
     * such a release treats as a real step (before, {@code last_epoch == 0} kept the lr there). Reached when
     * SequentialLR steps a child from -1 (a milestone at or below 0).
     */
    double realStep(double lr, long e, double base) {
        return update(lr, e, base);
    }

    /** A {@code step()} to local epoch {@code e} outside the constructor, as {@code release} computes it. */
    final double step(TorchRelease release, double lr, long e, double base) {
        return release.has(TorchChange.INITIAL_MODE) ? realStep(lr, e, base) : update(lr, e, base);
    }

    /**
     * SequentialLR's start of this child at its milestone in {@code release}: {@code step(0)}, or
     * {@code _update_lr(0)} from {@link TorchChange#UPDATE_LR_AT_MILESTONE} on. Both take the closed form at epoch 0
     * where the class has one ({@link #enter}); the classes without one override this.
     */
    double enter(TorchRelease release, double lr, double base) {
        return enter(lr, base);
    }

    /** Where stepping raises in torch. */
    Failure failure() {
        return Failure.NONE;
    }

    /** Whether {@link #enter} raises (torch's closed form at epoch 0 divides by zero for some arguments). */
    Failure enterFailure() {
        return Failure.NONE;
    }

    /** A rule whose {@code get_lr()} ignores the group's lr: LambdaLR, CyclicLR, OneCycleLR, warm restarts. */
    abstract static class Overriding extends Rule {
        @Override
        final double update(double lr, long e, double base) {
            return fresh(e, base);
        }

        @Override
        final double enter(double lr, double base) {
            return fresh(0, base);
        }
    }

    /**
     * A rule whose {@code get_lr()} multiplies the group's lr: by {@link #first} in the constructor's step and by
     * {@link #ratio} at each later step.
     */
    abstract static class Multiplier extends Rule {
        /** The factor of the constructor's step (local epoch 0). */
        abstract double first();

        /** The factor of the step to local epoch {@code e >= 1}, as torch computes it. */
        abstract double ratio(long e);

        /** The product of {@link #ratio} over epochs 1..e, in closed form (1 for e = 0). */
        abstract double cumulative(long e);

        /** torch's {@code _get_closed_form_lr()} at epoch 0 divided by base (SequentialLR's entry factor). */
        abstract double closedFormAtZero();

        /**
         * Which way this rule moves the lr inside one of its {@link #runPieces} (after the piece's first epoch):
         * -1 when its ratios there are in [0, 1] and its closed form falls, 1 when they are at least 1 and it rises,
         * 0 when they are exactly 1 and it is constant. Meaningful only where the pieces are known
         * (ChainedScheduler multiplies rules that must agree).
         */
        abstract int side();

        /**
         * The factor of a step to epoch 0 outside the constructor with {@link TorchChange#INITIAL_MODE} ({@link #first}
         * unless overridden).
         */
        double realFirst() {
            return first();
        }

        @Override
        final double update(double lr, long e, double base) {
            return e == 0 ? lr * first() : lr * ratio(e);
        }

        @Override
        final double realStep(double lr, long e, double base) {
            return e == 0 ? lr * realFirst() : lr * ratio(e);
        }

        @Override
        double fresh(long e, double base) {
            return base * first() * cumulative(e);
        }

        @Override
        double enter(double lr, double base) {
            return base * closedFormAtZero();
        }
    }
}
