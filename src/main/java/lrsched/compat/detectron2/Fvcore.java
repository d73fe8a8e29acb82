package lrsched.compat.detectron2;

import java.util.Arrays;
import java.util.List;
import lrsched.core.Libm;

/**
 * fvcore's parameter schedulers (facebookresearch/fvcore fvcore/common/param_scheduler.py at
 * 3378afe0d71dc2aa95e358bc78dc9b67cb48825a): pure functions of {@code where}, the fraction of training done, in
 * [0, 1). Each follows fvcore's float64 Python operation by operation, so that the values are the same doubles
 * (except where fvcore calls cos or {@code **}, which Java may round one ulp apart from glibc). Where fvcore raises,
 * {@link #at} throws a {@link PythonError} with fvcore's exception; the catalogs turn it into a refusal.
 */
sealed interface Fvcore {
    /** fvcore's ParamScheduler.WHERE_EPSILON, added to {@code where} before it is compared or cut to an index. */
    double WHERE_EPSILON = 1e-6;

    /** The value at {@code where}, fvcore's {@code __call__}. */
    double at(double where);

    /**
     * A piece number that never falls as {@code where} grows, such that where it stays the same the computed values
     * never rise or never fall (a stair's or a composite's part's index; 0 for a monotone formula); NaN when this
     * scheduler cannot say (it must then never be called). Never throws.
     */
    default double piece(double where) {
        return 0;
    }

    /** Whether {@link #piece} names the pieces. */
    default boolean hasPieces() {
        return true;
    }

    /** More than the largest {@link #piece} number. */
    default double pieceCount() {
        return 1;
    }

    /** An exception fvcore (or detectron2) raises, as Python prints it: "ValueError: ...". */
    final class PythonError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PythonError(String pythonException) {
            super(pythonException, null, false, false);
        }
    }

    record Constant(double value) implements Fvcore {
        @Override
        public double at(double where) {
            if (where >= 1.0) {
                throw new PythonError("RuntimeError: where in ParamScheduler must be in [0, 1]: got " + where);
            }
            return value;
        }
    }

    record Cosine(double startValue, double endValue) implements Fvcore {
        @Override
        public double at(double where) {
            return endValue + 0.5 * (startValue - endValue) * (1 + Libm.cos(Math.PI * where));
        }
    }

    record Exponential(double startValue, double decay) implements Fvcore {
        @Override
        public double at(double where) {
            return startValue * Libm.pow(decay, where);
        }
    }

    record Linear(double startValue, double endValue) implements Fvcore {
        @Override
        public double at(double where) {
            return endValue * where + startValue * (1 - where);
        }

        /**
         * A rising and a falling product, each rounded, can wiggle by an ulp in their sum; with an end at 0 (a
         * product 0 * x, a signed zero that adds nothing) only one term moves.
         */
        @Override
        public boolean hasPieces() {
            return startValue == 0 || endValue == 0;
        }
    }

    record PolynomialDecay(double baseValue, double power) implements Fvcore {
        @Override
        public double at(double where) {
            return baseValue * Libm.pow(1 - where, power);
        }
    }

    /** MultiStepParamScheduler after its constructor: the milestones before num_updates. */
    record MultiStep(double[] values, long numUpdates, long[] milestones) implements Fvcore {
        /**
         * fvcore's constructor: without milestones they split num_updates evenly; without num_updates the last
         * milestone is it.
         */
        static MultiStep of(double[] values, Long numUpdates, long[] milestones) {
            if (numUpdates == null && milestones == null) {
                throw new PythonError("ValueError: num_updates and milestones cannot both be None");
            }
            if (milestones == null) {
                long width = (long) Math.ceil(numUpdates / (double) values.length);
                milestones = new long[Math.max(values.length - 1, 0)];
                for (int i = 0; i < milestones.length; i++) {
                    milestones[i] = width * (i + 1);
                }
            } else if (milestones.length != values.length - (numUpdates != null ? 1 : 0)) {
                throw new PythonError("ValueError: MultiStep scheduler requires a list of "
                        + (values.length - (numUpdates != null ? 1 : 0)) + " miletones");
            }
            if (numUpdates == null) {
                if (milestones.length == 0) {
                    throw new PythonError("IndexError: list index out of range");
                }
                numUpdates = milestones[milestones.length - 1];
                milestones = Arrays.copyOf(milestones, milestones.length - 1);
            }
            if (numUpdates < values.length) {
                throw new PythonError("ValueError: Total num_updates must be greater than length of param schedule");
            }
            long start = 0;
            for (long milestone : milestones) {
                if (milestone >= numUpdates) {
                    throw new PythonError("ValueError: Milestone must be smaller than total number of updates: "
                            + "num_updates=" + numUpdates + ", milestone=" + milestone);
                }
                if (start >= milestone) {
                    throw new PythonError("ValueError: Milestone must be smaller than start epoch: start_epoch="
                            + start + ", milestone=" + milestone);
                }
                start = milestone;
            }
            return new MultiStep(values.clone(), numUpdates, milestones.clone());
        }

        @Override
        public double at(double where) {
            if (where > 1.0) {
                throw new PythonError("RuntimeError: where in ParamScheduler must be in [0, 1]: got " + where);
            }
            return values[index(where)];
        }

        private int index(double where) {
            long epoch = (long) ((where + WHERE_EPSILON) * (double) numUpdates);
            int index = 0; // bisect_right: the milestones at or before the epoch
            while (index < milestones.length && milestones[index] <= epoch) {
                index++;
            }
            return index;
        }

        /** A constant piece per milestone index (non-decreasing in where: each operation is). */
        @Override
        public double piece(double where) {
            return index(where);
        }

        @Override
        public double pieceCount() {
            return milestones.length + 1;
        }
    }

    /** StepParamScheduler: num_updates is only checked; the values split [0, 1) evenly. */
    record Step(double[] values) implements Fvcore {
        static Step of(double numUpdates, double[] values) {
            if (numUpdates <= 0) {
                throw new PythonError("ValueError: Number of updates must be larger than 0");
            }
            if (values.length == 0) {
                throw new PythonError("ValueError: Step scheduler requires a list of at least one param value");
            }
            return new Step(values.clone());
        }

        @Override
        public double at(double where) {
            long index = (long) piece(where);
            if (index >= values.length) {
                throw new PythonError("IndexError: list index out of range");
            }
            return values[(int) index];
        }

        /** A constant piece per index (non-decreasing in where: each operation is). */
        @Override
        public double piece(double where) {
            return (long) ((where + WHERE_EPSILON) * values.length);
        }

        @Override
        public double pieceCount() {
            return values.length + 2.0; // where + WHERE_EPSILON may reach 1
        }
    }

    /** StepWithFixedGammaParamScheduler: a Step over base_value times gamma^k, each value from the one before. */
    static Step stepWithFixedGamma(double baseValue, long numDecays, double gamma, long numUpdates) {
        if (!(baseValue > 0 && gamma > 0)) {
            throw new PythonError("ValueError: base_value and gamma must be positive numbers");
        }
        if (numDecays <= 0 || numUpdates <= 0) {
            throw new PythonError("ValueError: num_decays and num_updates must be positive integers");
        }
        if (numDecays > 1_000_000) {
            throw new PythonError("ValueError: num_decays is " + numDecays + "; lrsched takes at most 1000000");
        }
        double[] values = new double[(int) numDecays + 1];
        values[0] = baseValue;
        for (int i = 1; i < values.length; i++) {
            values[i] = values[i - 1] * gamma;
            if (Double.isInfinite(values[i])) { // fvcore would go on with inf; lrsched refuses (not Python's words)
                throw new PythonError("base_value * gamma^" + i + " overflows float64 to inf; lrsched refuses a "
                        + "schedule that is not finite");
            }
        }
        return Step.of(numUpdates, values);
    }

    /** CompositeParamScheduler: each scheduler for its length of [0, 1), "rescaled" to [0, 1) or "fixed". */
    record Composite(List<Fvcore> schedulers, double[] lengths, List<String> intervalScaling) implements Fvcore {
        static Composite of(List<Fvcore> schedulers, double[] lengths, List<String> intervalScaling) {
            if (schedulers.size() != lengths.length) {
                throw new PythonError("ValueError: Schedulers and lengths must be same length");
            }
            if (schedulers.isEmpty()) {
                throw new PythonError("ValueError: There must be at least one scheduler in the composite scheduler");
            }
            double[] kept = lengths.clone();
            double sum = sum(kept, kept.length);
            if (Math.abs(sum - 1.0) >= 1e-3) {
                throw new PythonError("ValueError: The sum of all values in lengths must be 1");
            }
            if (sum != 1.0) {
                kept[kept.length - 1] = 1.0 - sum(kept, kept.length - 1);
            }
            for (String s : intervalScaling) {
                if (!s.equals("rescaled") && !s.equals("fixed")) {
                    throw new PythonError("ValueError: Unsupported interval_scaling: " + s);
                }
            }
            if (intervalScaling.size() < schedulers.size()) {
                throw new PythonError("IndexError: list index out of range (interval_scaling has "
                        + intervalScaling.size() + " items for " + schedulers.size() + " schedulers)");
            }
            return new Composite(List.copyOf(schedulers), kept, List.copyOf(intervalScaling));
        }

        /** Python's sum of the first n: from the int 0, left to right. */
        private static double sum(double[] values, int n) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += values[i];
            }
            return total;
        }

        @Override
        public double at(double where) {
            int i = part(where);
            if (intervalScaling.get(i).equals("rescaled") && lengths[i] == 0) {
                throw new PythonError("ZeroDivisionError: float division by zero");
            }
            return schedulers.get(i).at(partWhere(i, where));
        }

        /** The scheduler that runs at {@code where}: never falls as where grows. */
        private int part(double where) {
            int i = 0;
            double runningTotal = lengths[0];
            while (where + WHERE_EPSILON > runningTotal && i < schedulers.size() - 1) {
                i++;
                runningTotal += lengths[i];
            }
            return i;
        }

        /** The where scheduler {@code i} sees: where itself, or (where - start) / length, both monotone in where. */
        private double partWhere(int i, double where) {
            if (!intervalScaling.get(i).equals("rescaled") || lengths[i] == 0) {
                return where;
            }
            double runningTotal = lengths[0];
            for (int k = 1; k <= i; k++) {
                runningTotal += lengths[k];
            }
            double start = runningTotal - lengths[i];
            return (where - start) / lengths[i];
        }

        /** A new piece at each part and at the part's own pieces: part i numbers its pieces from i * span. */
        @Override
        public double piece(double where) {
            int i = part(where);
            return i * span() + schedulers.get(i).piece(partWhere(i, where));
        }

        private double span() {
            return schedulers.stream().mapToDouble(Fvcore::pieceCount).max().orElse(1);
        }

        @Override
        public double pieceCount() {
            return schedulers.size() * span();
        }

        /** Whether the parts name theirs, and the numbers stay exact doubles. */
        @Override
        public boolean hasPieces() {
            return schedulers.stream().allMatch(Fvcore::hasPieces) && pieceCount() < 0x1p52;
        }
    }

    /**
     * detectron2's WarmupParamScheduler (detectron2/solver/lr_scheduler.py): a Composite of a warmup (constant at
     * warmup_factor * scheduler(0), or linear from there to the scheduler's value at the warmup's end, or at 0 with
     * rescale_interval) for warmup_length, then the scheduler, "fixed" (or "rescaled" with rescale_interval).
     */
    static Composite warmup(Fvcore scheduler, double warmupFactor, double warmupLength, String warmupMethod,
                            boolean rescaleInterval) {
        double endValue = rescaleInterval ? scheduler.at(0.0) : scheduler.at(warmupLength);
        double startValue = warmupFactor * scheduler.at(0.0);
        Fvcore warmup;
        if (warmupMethod.equals("constant")) {
            warmup = new Constant(startValue);
        } else if (warmupMethod.equals("linear")) {
            warmup = new Linear(startValue, endValue);
        } else {
            throw new PythonError("ValueError: Unknown warmup method: " + warmupMethod);
        }
        return Composite.of(List.of(warmup, scheduler), new double[] {warmupLength, 1 - warmupLength},
                List.of("rescaled", rescaleInterval ? "rescaled" : "fixed"));
    }
}
