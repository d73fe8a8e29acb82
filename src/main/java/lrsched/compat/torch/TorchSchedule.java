package lrsched.compat.torch;

import java.util.OptionalLong;

import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;

/**
 * One torch scheduler used alone on a fresh optimizer whose lr is {@code lr}: row {@code s} is the lr after
 * {@code s} calls of {@code scheduler.step()}. Also carries its rule for SequentialLR and ChainedScheduler.
 */
final class TorchSchedule implements Schedule {
    private final Rule rule;
    private final double lr;
    private final boolean lrGiven;
    private final double base;
    private final long warmupEnd;

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
        return Group.finite(rule.name(), step, rule.fresh(step, base));
    }

    @Override
    public OptionalLong warmupEnd() {
        return warmupEnd > 0 ? OptionalLong.of(warmupEnd) : OptionalLong.empty();
    }
}
