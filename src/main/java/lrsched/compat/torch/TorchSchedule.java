package lrsched.compat.torch;

import java.util.OptionalLong;
import java.util.function.LongToDoubleFunction;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Replay;

/**
 * One torch scheduler used alone on a fresh optimizer whose lr is {@code lr}: row {@code s} is the lr after
 * {@code s} calls of {@code scheduler.step()}. A scheduler whose {@code get_lr()} reads the group's lr (the chainable
 * forms) is replayed as torch steps it, so each row is torch's own double, up to {@link Replay#LIMIT}; past it,
 * and for the others, the closed form. Also carries its rule for SequentialLR and ChainedScheduler.
 */
final class TorchSchedule implements Schedule {
    private final Rule rule;
    private final double lr;
    private final boolean lrGiven;
    private final double base;
    private final long warmupEnd;
    private final Replay replay;

    /**
     * @param lr      the optimizer's lr (NaN when the spec gives none: CyclicLR and OneCycleLR do not need it)
     * @param lrGiven whether the spec wrote {@code lr} on this mapping (children of a composite must not)
     */
    TorchSchedule(Rule rule, double lr, boolean lrGiven, long warmupEnd) {
        this.rule = rule;
        this.lr = lr;
        this.lrGiven = lrGiven;
        this.warmupEnd = warmupEnd;
        double initial = rule.initialLrOverride();
        this.base = Double.isNaN(initial) ? rule.groupLrBeforeInit(lr) : initial;
        this.replay = rule instanceof Rule.Overriding ? null : chain(rule, rule.constructorStep(lr, base), base,
                e -> rule.fresh(e, base));
    }

    /**
     * torch's recursion for one chainable rule from {@code start} (its value at local epoch 0), each later step
     * {@code get_lr()} on the lr the previous one left (local epochs from 1 on, where every release computes
     * alike); past {@link Replay#LIMIT} {@code closedForm}.
     */
    static Replay chain(Rule rule, double start, double base, LongToDoubleFunction closedForm) {
        return new Replay(new double[] {start}, (state, e) -> state[0] = rule.update(state[0], e, base),
                rule::nextChange, closedForm);
    }

    Rule rule() {
        return rule;
    }

    boolean lrGiven() {
        return lrGiven;
    }

    @Override
    public double at(long step) {
        Rule.Failure failure = rule.failure();
        if (failure.reachedBy(step)) {
            throw new StepOutOfRangeException(failure.epoch(), "torch." + rule.name() + " raises at step "
                    + failure.epoch() + ": " + failure.message());
        }
        return Group.finite(rule.name(), step, replay != null ? replay.at(step) : rule.fresh(step, base));
    }

    /** The rule's pieces (see {@link Rule#runPieces}). */
    @Override
    public Pieces pieces() {
        return rule.runPieces();
    }

    @Override
    public OptionalLong warmupEnd() {
        return warmupEnd > 0 ? OptionalLong.of(warmupEnd) : OptionalLong.empty();
    }
}
