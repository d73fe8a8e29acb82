package lrsched.compat.torch;

import java.util.Arrays;

import lrsched.core.Libm;
import lrsched.expr.Expression;
import lrsched.schedule.Replay;

/**
 * The multiplying torch schedulers, whose {@code get_lr()} multiplies the group's current lr (the chainable form):
 * StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR and MultiplicativeLR, each a
 * {@link Rule.Multiplier}. Each ratio is written as torch 1.13 computes it; each cumulative product is its
 * telescoped closed form. The schedulers that set the lr outright are in {@link Overrides}.
 */
final class MultiplyingSchedulers {
    private MultiplyingSchedulers() {}

    static final String INT_MODULO_BY_ZERO = "integer modulo by zero";
    static final String FLOAT_DIVISION_BY_ZERO = "float division by zero";
    static final String NEGATIVE_POWER_OF_ZERO = "0.0 cannot be raised to a negative power";

    /** StepLR: lr * gamma at every epoch divisible by step_size (Python's %, so a negative size acts as |size|). */
    static final class Step extends Rule.Multiplier {
        private final long stepSize;
        private final double gamma;

        Step(long stepSize, double gamma) {
            this.stepSize = stepSize;
            this.gamma = gamma;
        }

        @Override
        String name() {
            return "StepLR";
        }

        @Override
        double first() {
            return 1;
        }

        @Override
        double ratio(long e) {
            return e % stepSize != 0 ? 1 : gamma;
        }

        @Override
        double cumulative(long e) {
            return e == 0 ? 1 : Libm.pow(gamma, e / Math.abs(stepSize));
        }

        @Override
        double closedFormAtZero() {
            return 1;
        }

        @Override
        Failure failure() {
            return stepSize == 0 ? new Failure(1, INT_MODULO_BY_ZERO) : Failure.NONE;
        }

        @Override
        Failure enterFailure() {
            return stepSize == 0 ? new Failure(0, "integer division or modulo by zero") : Failure.NONE;
        }
    }

    /** MultiStepLR: lr * gamma^(times e occurs in milestones) at each epoch e (a Counter, so order is free). */
    static final class MultiStep extends Rule.Multiplier {
        private final long[] sorted;
        private final double gamma;

        MultiStep(long[] milestones, double gamma) {
            this.sorted = milestones.clone();
            Arrays.sort(this.sorted);
            this.gamma = gamma;
        }

        @Override
        String name() {
            return "MultiStepLR";
        }

        private int countIn(long from, long to) { // milestones m with from <= m <= to
            return Math.max(0, atOrBelow(to) - atOrBelow(from - 1));
        }

        private int atOrBelow(long t) {
            int n = 0;
            while (n < sorted.length && sorted[n] <= t) {
                n++;
            }
            return n;
        }

        @Override
        double first() {
            int c = countIn(0, 0);
            return c == 0 ? 1 : Libm.pow(gamma, c);
        }

        @Override
        double ratio(long e) {
            int c = countIn(e, e);
            return c == 0 ? 1 : Libm.pow(gamma, c);
        }

        @Override
        double cumulative(long e) {
            return Libm.pow(gamma, countIn(1, e));
        }

        @Override
        double fresh(long e, double base) {
            return base * Libm.pow(gamma, countIn(0, e));
        }

        @Override
        double closedFormAtZero() {
            return Libm.pow(gamma, atOrBelow(0));
        }
    }

    /** ConstantLR: lr * factor in the constructor's step, lr / factor at epoch total_iters (if >= 1). */
    static final class Constant extends Rule.Multiplier {
        private final double factor;
        private final long totalIters;

        Constant(double factor, long totalIters) {
            this.factor = factor;
            this.totalIters = totalIters;
        }

        @Override
        String name() {
            return "ConstantLR";
        }

        @Override
        double first() {
            return factor;
        }

        @Override
        double ratio(long e) {
            return e == totalIters ? 1.0 / factor : 1;
        }

        @Override
        double cumulative(long e) {
            return totalIters >= 1 && e >= totalIters ? 1.0 / factor : 1;
        }

        @Override
        double closedFormAtZero() {
            return factor + (0 >= totalIters ? 1 : 0) * (1 - factor);
        }

        @Override
        Failure failure() {
            return factor == 0 && totalIters >= 1 ? new Failure(totalIters, FLOAT_DIVISION_BY_ZERO) : Failure.NONE;
        }
    }

    /** LinearLR: factor moving from start_factor to end_factor over total_iters, applied as per-step ratios. */
    static final class Linear extends Rule.Multiplier {
        private final double startFactor;
        private final double endFactor;
        private final long totalIters;

        Linear(double startFactor, double endFactor, long totalIters) {
            this.startFactor = startFactor;
            this.endFactor = endFactor;
            this.totalIters = totalIters;
        }

        @Override
        String name() {
            return "LinearLR";
        }

        private double factorAt(long e) {
            return startFactor + (endFactor - startFactor) * Math.min(totalIters, e) / totalIters;
        }

        @Override
        double first() {
            return startFactor;
        }

        @Override
        double ratio(long e) {
            if (e > totalIters) {
                return 1;
            }
            return 1. + (endFactor - startFactor)
                    / (totalIters * startFactor + (e - 1) * (endFactor - startFactor));
        }

        @Override
        double cumulative(long e) {
            return e == 0 || totalIters <= 0 ? 1 : factorAt(e) / startFactor;
        }

        @Override
        double fresh(long e, double base) {
            return totalIters <= 0 ? base * startFactor : base * factorAt(e);
        }

        @Override
        double closedFormAtZero() {
            return factorAt(0);
        }

        @Override
        Failure failure() {
            return startFactor == 0 && totalIters >= 1 ? new Failure(1, FLOAT_DIVISION_BY_ZERO) : Failure.NONE;
        }

        @Override
        Failure enterFailure() {
            return totalIters == 0 ? new Failure(0, FLOAT_DIVISION_BY_ZERO) : Failure.NONE;
        }
    }

    /** ExponentialLR: lr * gamma at every step after the first. */
    static final class Exponential extends Rule.Multiplier {
        private final double gamma;

        Exponential(double gamma) {
            this.gamma = gamma;
        }

        @Override
        String name() {
            return "ExponentialLR";
        }

        @Override
        double first() {
            return 1;
        }

        /** With {@code _is_initial}, ExponentialLR keeps the lr only in the constructor's step. */
        @Override
        double realFirst() {
            return gamma;
        }

        @Override
        double ratio(long e) {
            return gamma;
        }

        @Override
        double cumulative(long e) {
            return Libm.pow(gamma, e);
        }

        @Override
        double closedFormAtZero() {
            return 1;
        }
    }

    /** PolynomialLR: (1 - e/total_iters)^power, applied as per-step ratios; constant past total_iters. */
    static final class Polynomial extends Rule.Multiplier {
        private final long totalIters;
        private final double power;

        Polynomial(long totalIters, double power) {
            this.totalIters = totalIters;
            this.power = power;
        }

        @Override
        String name() {
            return "PolynomialLR";
        }

        @Override
        double first() {
            return 1;
        }

        /** With {@code _is_initial}, PolynomialLR keeps the lr only in the constructor's step. */
        @Override
        double realFirst() {
            return ratio(0);
        }

        @Override
        double ratio(long e) {
            if (e > totalIters) {
                return 1;
            }
            return Libm.pow((1.0 - (double) e / totalIters) / (1.0 - (double) (e - 1) / totalIters), power);
        }

        @Override
        double cumulative(long e) {
            if (e == 0 || totalIters <= 0) {
                return 1;
            }
            return Libm.pow(1.0 - (double) Math.min(totalIters, e) / totalIters, power);
        }

        @Override
        double closedFormAtZero() {
            return Libm.pow(1.0 - (double) Math.min(totalIters, 0) / totalIters, power);
        }

        @Override
        Failure failure() {
            return power < 0 && totalIters >= 1 ? new Failure(totalIters, NEGATIVE_POWER_OF_ZERO) : Failure.NONE;
        }

        @Override
        Failure enterFailure() {
            if (totalIters == 0) {
                return new Failure(0, "division by zero");
            }
            return totalIters < 0 && power < 0 ? new Failure(0, NEGATIVE_POWER_OF_ZERO) : Failure.NONE;
        }
    }

    /**
     * MultiplicativeLR: lr * lr_lambda(e) at every step after the first. A lambda that reads the epoch has no closed
     * form: its running product is replayed (and kept) step by step.
     */
    static final class Multiplicative extends Rule.Multiplier {
        private final Expression lambda;
        private final Replay product;

        Multiplicative(Expression lambda) {
            this.lambda = lambda;
            this.product = lambda.usesVariable()
                    ? new Replay("torch.MultiplicativeLR with an lr_lambda that depends on epoch",
                            new double[] {1.0}, (state, t) -> state[0] *= lambda.evaluate(t))
                    : null;
        }

        @Override
        String name() {
            return "MultiplicativeLR";
        }

        @Override
        double first() {
            return 1;
        }

        /** With {@code _is_initial}, MultiplicativeLR keeps the lr only in the constructor's step. */
        @Override
        double realFirst() {
            return lambda.evaluate(0);
        }

        /**
         * No closed form, so SequentialLR's {@code step(0)} or {@code _update_lr(0)} runs get_lr() at epoch 0: it
         * keeps the lr before {@link TorchChange#INITIAL_MODE} ({@code last_epoch > 0} is false), multiplies by
         * lambda(0) from it on (not the constructor's step).
         */
        @Override
        double enter(TorchRelease release, double lr, double base) {
            return release.has(TorchChange.INITIAL_MODE) ? lr * lambda.evaluate(0) : lr;
        }

        @Override
        double ratio(long e) {
            return lambda.evaluate(e);
        }

        @Override
        double cumulative(long e) {
            return product == null ? Libm.pow(lambda.evaluate(0), e) : product.at(e);
        }

        @Override
        double closedFormAtZero() {
            throw new IllegalStateException("MultiplicativeLR has no closed form; enter() keeps the lr");
        }

        /** MultiplicativeLR has no {@code _get_closed_form_lr}: {@code step(0)} keeps the group's lr. */
        @Override
        double enter(double lr, double base) {
            return lr;
        }
    }
}
