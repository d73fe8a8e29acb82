package lrsched.compat.torch;

import java.util.List;

import lrsched.core.StepOutOfRangeException;

/**
 * What building several torch schedulers on one optimizer does to its param group, in the order they are built:
 * each constructor may set the group's lr (CyclicLR) or its {@code initial_lr} (OneCycleLR), captures
 * {@code base_lrs = initial_lr}, and takes its own first step on the shared lr.
 *
 * @param bases     each scheduler's {@code base_lrs[0]}
 * @param initialLr the group's {@code initial_lr} once all are built (SequentialLR resets the lr to it)
 * @param lr        the group's lr once all are built (ChainedScheduler starts from it)
 */
record Group(double[] bases, double initialLr, double lr) {

    static Group build(List<Rule> rules, double optimizerLr) {
        double lr = optimizerLr;
        double initial = Double.NaN;
        double[] bases = new double[rules.size()];
        for (int i = 0; i < bases.length; i++) {
            Rule rule = rules.get(i);
            lr = rule.groupLrBeforeInit(lr);
            if (!Double.isNaN(rule.initialLrOverride())) {
                initial = rule.initialLrOverride();
            }
            if (Double.isNaN(initial)) {
                initial = lr;
            }
            bases[i] = initial;
            lr = rule.constructorStep(lr, initial);
        }
        return new Group(bases, initial, lr);
    }

    /**
     * {@code value}, or a refusal when it is not finite: torch's float arithmetic overflows to inf (or gives nan)
     * without raising, and no output can use such a learning rate.
     */
    static double finite(String type, long step, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new StepOutOfRangeException(step, "torch." + type + " gives " + value + " at step " + step
                    + " (torch's float arithmetic overflows or divides by zero there without raising)");
        }
        return value;
    }

    static StepOutOfRangeException failure(String composite, Rule rule, long step, String message) {
        return new StepOutOfRangeException(step, "torch." + composite + ": its torch." + rule.name()
                + " raises at step " + step + ": " + message);
    }
}
