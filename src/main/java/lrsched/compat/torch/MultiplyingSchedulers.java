package lrsched.compat.torch;

import java.util.Arrays;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.expr.Expression;
import lrsched.schedule.LinearRatios;
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

        /** gamma at each multiple of step_size, 1 elsewhere. */
        @Override
        int side() {
            return Double.compare(gamma, 1);
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

        /** Ratios 1 and gamma: one piece when gamma >= 0. */
        @Override
        Pieces replayedPieces() {
            return gamma >= 0 ? Pieces.ONE : Pieces.UNKNOWN;
        }

        /** The next multiple of step_size (the ratio is 1 elsewhere). */
        @Override
        long nextChange(long e) {
            if (gamma == 1) {
                return Long.MAX_VALUE;
            }
            if (stepSize == 0 || stepSize == Long.MIN_VALUE) {
                return e;
            }
            long m = Math.abs(stepSize);
            long r = e % m;
            return r == 0 ? e : Pieces.plus(e, m - r);
        }

        /** lr * gamma^k for the stair k (Libm.pow monotone in k: LibmMonotoneTest). */
        @Override
        Pieces pieces() {
            return gamma >= 0 ? Pieces.ONE : Pieces.UNKNOWN;
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

        /** 1 between milestones (each milestone starts a piece). */
        @Override
        int side() {
            return 0;
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

        /** Constant (ratio 1) between milestones, in the recursion and in the closed form. */
        @Override
        Pieces replayedPieces() {
            return Pieces.at(sorted);
        }

        /** The next milestone. */
        @Override
        long nextChange(long e) {
            for (long m : sorted) {
                if (m >= e) {
                    return m;
                }
            }
            return Long.MAX_VALUE;
        }

        @Override
        Pieces pieces() {
            return Pieces.at(sorted);
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

        /** 1 except at total_iters, which starts a piece. */
        @Override
        int side() {
            return 0;
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

        /** Constant (ratio 1) before and from total_iters on, in the recursion and in the closed form. */
        @Override
        Pieces replayedPieces() {
            return Pieces.at(totalIters);
        }

        /** total_iters (the ratio is 1 elsewhere). */
        @Override
        long nextChange(long e) {
            return e <= totalIters ? totalIters : Long.MAX_VALUE;
        }

        @Override
        Pieces pieces() {
            return Pieces.at(totalIters);
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

        /** Towards end_factor below total_iters (see replayedPieces), 1 after it. */
        @Override
        int side() {
            return Double.compare(endFactor, startFactor);
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

        /** Ratios 1 past total_iters, on one side of 1 below it ({@link LinearRatios#oneSided}). */
        @Override
        Pieces replayedPieces() {
            if (totalIters <= 0) {
                return Pieces.ONE;
            }
            return LinearRatios.oneSided(startFactor, totalIters) ? Pieces.at(totalIters) : Pieces.UNKNOWN;
        }

        /** start_factor + (end_factor - start_factor) * min(total_iters, e) / total_iters: monotone operations. */
        @Override
        Pieces pieces() {
            return Pieces.at(totalIters);
        }

        /** The ratio is 1 past total_iters. */
        @Override
        long nextChange(long e) {
            return e <= totalIters ? e : Long.MAX_VALUE;
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
        int side() {
            return Double.compare(gamma, 1);
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

        /** Every ratio is gamma. */
        @Override
        Pieces replayedPieces() {
            return gamma >= 0 ? Pieces.ONE : Pieces.UNKNOWN;
        }

        @Override
        long nextChange(long e) {
            return gamma == 1 ? Long.MAX_VALUE : e;
        }

        /** lr * gamma^e (Libm.pow monotone in e: LibmMonotoneTest). */
        @Override
        Pieces pieces() {
            return gamma >= 0 ? Pieces.ONE : Pieces.UNKNOWN;
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

        /** pow(q, power) with q in [0, 1] (see replayedPieces). */
        @Override
        int side() {
            return -Double.compare(power, 0);
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

        /**
         * Each ratio up to total_iters is pow(q, power) with q = (1 - e/T) / (1 - (e-1)/T) in [0, 1] as computed
         * (monotone operations, numerator <= denominator, denominator > 0 while T < 2^53): in [0, 1] for a positive
         * power, at least 1 for a negative one (Libm.pow monotone in its base, pow(1, p) = 1: LibmMonotoneTest);
         * 1 past total_iters.
         */
        @Override
        Pieces replayedPieces() {
            return Double.isNaN(power) || totalIters >= 1L << 53 ? Pieces.UNKNOWN : Pieces.ONE;
        }

        /** pow(1 - min(T, e) / T, power): monotone in e. */
        @Override
        Pieces pieces() {
            return Double.isNaN(power) ? Pieces.UNKNOWN : Pieces.ONE;
        }

        /** The ratio is 1 past total_iters. */
        @Override
        long nextChange(long e) {
            return e <= totalIters ? e : Long.MAX_VALUE;
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

        /** The constant factor's side of 1 (only a constant factor has pieces). */
        @Override
        int side() {
            return lambda.usesVariable() ? 0 : Double.compare(lambda.evaluate(0), 1);
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

        /**
         * A constant factor c = lr_lambda(0) (a lambda that does not read the epoch): the recursion multiplies by c
         * at every step and the closed form is c^e, both monotone when c is +0 or more (a -0.0 would flip the
         * zero's sign each step).
         */
        @Override
        Pieces pieces() {
            if (lambda.usesVariable()) {
                return Pieces.UNKNOWN;
            }
            double c;
            try {
                c = lambda.evaluate(0);
            } catch (RuntimeException e) {
                return Pieces.UNKNOWN; // the lambda raises: the steps are refused as they come
            }
            return c >= 0 && Math.copySign(1.0, c) > 0 ? Pieces.ONE : Pieces.UNKNOWN;
        }

        @Override
        Pieces replayedPieces() {
            return pieces();
        }

        /** MultiplicativeLR has no {@code _get_closed_form_lr}: {@code step(0)} keeps the group's lr. */
        @Override
        double enter(double lr, double base) {
            return lr;
        }
    }
}
