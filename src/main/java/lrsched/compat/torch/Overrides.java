package lrsched.compat.torch;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.expr.Expression;
import lrsched.schedule.Cycles;

/**
 * The torch schedulers whose {@code get_lr()} computes the lr from the epoch alone (LambdaLR, CyclicLR,
 * CosineAnnealingWarmRestarts, OneCycleLR), and CosineAnnealingLR, whose recursion is affine in the group's lr.
 */
final class Overrides {
    private Overrides() {}

    /**
     * A schedule that is not a torch scheduler (a native or another library's type) used as a child of SequentialLR
     * or ChainedScheduler: it sets the lr to its own value at the local epoch, as a LambdaLR would. An lrsched
     * extension; torch has no such thing.
     */
    static final class Foreign extends Rule.Overriding {
        private final lrsched.core.Schedule schedule;

        Foreign(lrsched.core.Schedule schedule) {
            this.schedule = schedule;
        }

        @Override
        String name() {
            return "(non-torch child)";
        }

        @Override
        double fresh(long e, double base) {
            return schedule.at(e);
        }

        @Override
        Pieces pieces() {
            return schedule.pieces();
        }
    }

    /** LambdaLR: base * lr_lambda(e). */
    static final class Lambda extends Rule.Overriding {
        private final Expression lambda;

        Lambda(Expression lambda) {
            this.lambda = lambda;
        }

        @Override
        String name() {
            return "LambdaLR";
        }

        @Override
        double fresh(long e, double base) {
            return base * lambda.evaluate(e);
        }
    }

    /**
     * CosineAnnealingWarmRestarts: cosine from base to eta_min over T_i steps, T_i = T_0 * T_mult^i. torch counts
     * T_cur and T_i as integers, so the cycle is located exactly, here in at most 63 rounds.
     */
    static final class WarmRestarts extends Rule.Overriding {
        private final Cycles.ExactCycles cycles;
        private final double etaMin;

        WarmRestarts(long t0, long tMult, double etaMin) {
            this.cycles = new Cycles.ExactCycles(t0, tMult);
            this.etaMin = etaMin;
        }

        @Override
        String name() {
            return "CosineAnnealingWarmRestarts";
        }

        @Override
        double fresh(long e, double base) {
            Cycles.Cycle cycle = cycles.at(e);
            return etaMin + (base - etaMin) * (1 + Libm.cos(Math.PI * (e - cycle.start()) / cycle.length())) / 2;
        }

        /** Each cycle is one piece: the cosine falls from lr to eta_min (monotone operations on T_cur). */
        @Override
        Pieces pieces() {
            return e -> {
                Cycles.Cycle cycle = cycles.at(e);
                return Pieces.plus(cycle.start(), cycle.length());
            };
        }
    }

    /** CyclicLR: triangle waves between base_lr and max_lr, scaled per cycle or per iteration. */
    static final class Cyclic extends Rule.Overriding {
        /** A scale function of the cycle number or of the iteration. */
        interface Scale {
            double at(double x);
        }

        private final double baseLr;
        private final double maxLr;
        private final double totalSize;
        private final double stepRatio;
        private final Scale scale;
        private final boolean byCycle;
        private final Failure failure;

        /** @param failure where torch's scale function raises (triangular2's {@code 2.0 ** (cycle - 1)} overflow) */
        Cyclic(double baseLr, double maxLr, double stepSizeUp, double stepSizeDown, Scale scale, boolean byCycle,
               Failure failure) {
            this.baseLr = baseLr;
            this.maxLr = maxLr;
            this.totalSize = stepSizeUp + stepSizeDown;
            this.stepRatio = stepSizeUp / totalSize;
            this.scale = scale;
            this.byCycle = byCycle;
            this.failure = failure;
        }

        /** The cycle number torch computes at step {@code e}: {@code floor(1 + e / total_size)}. */
        static double cycle(long e, double stepSizeUp, double stepSizeDown) {
            return Math.floor(1 + e / (stepSizeUp + stepSizeDown));
        }

        @Override
        Failure failure() {
            return failure;
        }

        @Override
        String name() {
            return "CyclicLR";
        }

        /**
         * With a scale of the cycle number (triangular, triangular2, a scale_fn in cycle mode), constant in a cycle,
         * the lr is monotone on each ramp: x and the ramp's scale factor are monotone operations on the step for a
         * fixed cycle. A new piece starts where the cycle or the ramp changes (found on the index torch's own
         * arithmetic computes). A scale of the iteration (exp_range) multiplies a rising ramp by a falling scale:
         * unknown.
         */
        @Override
        Pieces pieces() {
            if (!byCycle || !(stepRatio > 0 && stepRatio <= 1) || !(totalSize > 0) || Double.isInfinite(totalSize)) {
                return Pieces.UNKNOWN;
            }
            return Pieces.whereChanges(0, e -> {
                double cycle = Math.floor(1 + e / totalSize);
                double x = 1. + e / totalSize - cycle;
                return 2 * cycle + (x <= stepRatio ? 0 : 1);
            });
        }

        /** CyclicLR writes base_lr into the group before the base class reads initial_lr. */
        @Override
        double groupLrBeforeInit(double lr) {
            return baseLr;
        }

        /** torch's constructor step still sees base_lrs = initial_lr; base_lr replaces it afterwards. */
        @Override
        double constructorStep(double lr, double initialLr) {
            return initialLr + (maxLr - initialLr) * 0.0 * scale.at(byCycle ? 1 : 0);
        }

        @Override
        double fresh(long e, double base) {
            double cycle = Math.floor(1 + e / totalSize); // as cycle(), with the sum computed once
            double x = 1. + e / totalSize - cycle;
            double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
            double baseHeight = (maxLr - baseLr) * scaleFactor;
            try {
                return baseLr + baseHeight * scale.at(byCycle ? cycle : e);
            } catch (lrsched.core.StepOutOfRangeException refused) {
                // scale_fn of the cycle number refuses at a cycle: the row is the iteration
                throw new lrsched.core.StepOutOfRangeException(e, refused.getMessage());
            }
        }
    }

    /** OneCycleLR: two (or three) annealing phases between max_lr/div_factor, max_lr and the minimum. */
    static final class OneCycle extends Rule.Overriding {
        private final long totalSteps;
        private final double[] ends;
        private final double[] startLrs;
        private final double[] endLrs;
        private final boolean cosine;
        private final double initialLr;
        private final Failure failure;

        /**
         * @param countsFromOne the message past the end says {@code Tried to step total_steps+1 times} (from
         *                      {@link TorchChange#ONE_CYCLE_STEP_COUNT} on; before: +2)
         */
        OneCycle(double maxLr, long totalSteps, double pctStart, boolean cosine, double divFactor,
                 double finalDivFactor, boolean threePhase, boolean countsFromOne) {
            this.totalSteps = totalSteps;
            this.cosine = cosine;
            this.initialLr = maxLr / divFactor;
            double minLr = initialLr / finalDivFactor;
            if (threePhase) {
                ends = new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1};
                startLrs = new double[] {initialLr, maxLr, initialLr};
                endLrs = new double[] {maxLr, initialLr, minLr};
            } else {
                ends = new double[] {pctStart * totalSteps - 1, totalSteps - 1};
                startLrs = new double[] {initialLr, maxLr};
                endLrs = new double[] {maxLr, minLr};
            }
            this.failure = findFailure(countsFromOne);
        }

        /** Past total_steps torch refuses; a phase of zero length divides by zero when it is first used. */
        private Failure findFailure(boolean countsFromOne) {
            if (ends[0] == 0) {
                return new Failure(0, MultiplyingSchedulers.FLOAT_DIVISION_BY_ZERO);
            }
            int last = ends.length - 1;
            double previous = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < last; i++) {
                previous = Math.max(previous, ends[i]);
            }
            long firstInLast = previous < 0 ? 0 : (long) Math.floor(previous) + 1;
            if (ends[last] == ends[last - 1] && firstInLast <= totalSteps) {
                return new Failure(firstInLast, MultiplyingSchedulers.FLOAT_DIVISION_BY_ZERO);
            }
            // 1.13 printed last_epoch + 1; torch 2.0 (pytorch/pytorch#92040) prints last_epoch
            return new Failure(totalSteps + 1, "Tried to step " + (totalSteps + (countsFromOne ? 1 : 2))
                    + " times. The specified number of total steps is " + totalSteps);
        }

        @Override
        String name() {
            return "OneCycleLR";
        }

        @Override
        double initialLrOverride() {
            return initialLr;
        }

        /** The first step past the peak. */
        long peakEnd() {
            return (long) Math.floor(ends[0]) + 1;
        }

        /**
         * A piece per phase (linear or a half cosine in the phase's progress), and one from the last phase's end on,
         * where the cosine's progress passes 1 and it would turn.
         */
        @Override
        Pieces pieces() {
            long[] starts = new long[ends.length];
            for (int i = 0; i < ends.length; i++) {
                starts[i] = (long) Math.floor(ends[i]) + 1;
            }
            return Pieces.at(starts);
        }

        @Override
        Failure failure() {
            return failure;
        }

        @Override
        double fresh(long e, double base) {
            double start = 0;
            for (int i = 0; i < ends.length; i++) {
                if (e <= ends[i] || i == ends.length - 1) {
                    double pct = (e - start) / (ends[i] - start);
                    return cosine
                            ? endLrs[i] + (startLrs[i] - endLrs[i]) / 2.0 * (Libm.cos(Math.PI * pct) + 1)
                            : (endLrs[i] - startLrs[i]) * pct + startLrs[i];
                }
                start = ends[i];
            }
            throw new AssertionError("unreachable");
        }
    }

    /**
     * CosineAnnealingLR. Its recursion is affine in the group's lr and adds a fixed amount one step after each
     * minimum (which makes it periodic); alone it equals the closed form, which is what {@link #fresh} computes.
     */
    static final class Cosine extends Rule {
        private final long tMax;
        private final double etaMin;

        Cosine(long tMax, double etaMin) {
            this.tMax = tMax;
            this.etaMin = etaMin;
        }

        @Override
        String name() {
            return "CosineAnnealingLR";
        }

        @Override
        double update(double lr, long e, double base) {
            if (e == 0) {
                return lr;
            }
            if ((e - 1 - tMax) % (2 * tMax) == 0) {
                return lr + (base - etaMin) * (1 - Libm.cos(Math.PI / tMax)) / 2;
            }
            // torch's math.cos(math.pi * e / self.T_max) and the same of e - 1: computed afresh, both (a cache of
            // the last one would have to be an object per step to stay thread-safe: garbage at every step)
            return (1 + Libm.cos(Math.PI * e / tMax)) / (1 + Libm.cos(Math.PI * (e - 1) / tMax)) * (lr - etaMin)
                    + etaMin;
        }

        /** With {@code _is_initial} a step to epoch 0 outside the constructor is a real recursion step. */
        @Override
        double realStep(double lr, long e, double base) {
            if (e != 0) {
                return update(lr, e, base);
            }
            if ((-1 - tMax) % (2 * tMax) == 0) {
                return lr + (base - etaMin) * (1 - Libm.cos(Math.PI / tMax)) / 2;
            }
            return (1 + Libm.cos(0.0)) / (1 + Libm.cos(Math.PI * -1 / tMax)) * (lr - etaMin) + etaMin;
        }

        /** Row 0 is the group's lr untouched (the recursion's first step), then the closed form. */
        @Override
        double fresh(long e, double base) {
            return e == 0 ? base : closedForm(e, base);
        }

        private double closedForm(long e, double base) {
            return etaMin + (base - etaMin) * (1 + Libm.cos(Math.PI * e / tMax)) / 2;
        }

        @Override
        double enter(double lr, double base) {
            return closedForm(0, base);
        }

        /**
         * With eta_min 0 each step is {@code lr * r} exactly ({@code lr - 0.0} and {@code + 0.0} change no value),
         * r = (1 + cos(pi e / T)) / (1 + cos(pi (e-1) / T)) in [0, 1] while the cosine falls and at least 1 while it
         * rises (Libm.cos monotone between turns), so the recursion turns only where the closed form does; the step
         * after each minimum, which adds a fixed amount, is next to a turn, so a piece of its own. With another
         * eta_min the recursion computes {@code r * (lr - eta_min) + eta_min}, and {@code (lr - eta_min) + eta_min}
         * can round above lr: a rise of an ulp inside a falling half, so its pieces stay unknown.
         */
        @Override
        Pieces replayedPieces() {
            return etaMin == 0 ? pieces() : Pieces.UNKNOWN;
        }

        /** The closed form turns at each multiple of T_max. */
        @Override
        Pieces pieces() {
            return Pieces.turns(0, Math.abs((double) tMax));
        }

        @Override
        Failure failure() {
            return tMax == 0 ? new Failure(1, MultiplyingSchedulers.INT_MODULO_BY_ZERO) : Failure.NONE;
        }

        @Override
        Failure enterFailure() {
            return tMax == 0 ? new Failure(0, MultiplyingSchedulers.FLOAT_DIVISION_BY_ZERO) : Failure.NONE;
        }
    }
}
