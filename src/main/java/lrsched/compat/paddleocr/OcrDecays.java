package lrsched.compat.paddleocr;

import java.util.List;
import java.util.OptionalLong;

import lrsched.compat.paddle.LrSchedulerSubclass;
import lrsched.core.DoubleFormat;
import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.registry.Args;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;
import lrsched.schedule.Replay;

/**
 * PaddleOCR's own LRScheduler subclasses (PaddlePaddle/PaddleOCR ppocr/optimizer/lr_scheduler.py at
 * f773f2c9b5e4065058067873d116d9c6c2d1e617): CyclicalCosineDecay, OneCycleDecay and TwoStepCosineDecay, with their
 * argument names, defaults and refusals. Row {@code s} is {@code scheduler()} after the constructor's step and
 * {@code s} calls of {@code step()}; {@code paddle.LinearWarmup} can wrap each of them.
 */
final class OcrDecays {
    private static final Param LEARNING_RATE = Param.real("learning_rate", "the initial learning rate");
    private static final Param LAST_EPOCH = Param.integer("last_epoch",
            "epoch to resume from; only -1 (a freshly built scheduler) is modelled").defaultsTo(-1);
    private static final Param VERBOSE = Param.ignored("verbose", "prints each update; no effect on the lr");
    private static final Param ETA_MIN = Param.real("eta_min", "the minimum learning rate").defaultsTo(0.0);

    private static final Param T_MAX = Param.integer("T_max", "accepted and unused by get_lr");
    private static final Param CYCLE = Param.integer("cycle", "iterations of one cosine cycle").defaultsTo(1);

    private static final Param MAX_LR = Param.real("max_lr", "the peak learning rate");
    private static final Param EPOCHS = Param.integer("epochs", "epochs of the cycle").checkingPythonType();
    private static final Param STEPS_PER_EPOCH = Param.integer("steps_per_epoch", "iterations per epoch")
            .checkingPythonType();
    private static final Param PCT_START = Param.real("pct_start", "fraction of the steps spent rising")
            .defaultsTo(0.3).checkingPythonType();
    private static final Param ANNEAL_STRATEGY = Param.text("anneal_strategy", "cos or linear").defaultsTo("cos");
    private static final Param DIV_FACTOR = Param.real("div_factor", "initial rate = max_lr / div_factor")
            .defaultsTo(25.0);
    private static final Param FINAL_DIV_FACTOR = Param.real("final_div_factor",
            "final rate = initial rate / final_div_factor").defaultsTo(1e4);
    private static final Param THREE_PHASE = Param.bool("three_phase", "rise, fall back to the initial rate, then "
            + "fall to the final rate").defaultsTo(false);

    private static final Param T_MAX1 = Param.integer("T_max1", "iterations of the first cosine's half period")
            .checkingPythonType();
    private static final Param T_MAX2 = Param.integer("T_max2", "the half period after T_max1")
            .checkingPythonType();
    private static final Param TWO_STEP_ETA_MIN = ETA_MIN.defaultsTo(0);

    private static final String ROW = "row s = scheduler() after s calls of scheduler.step() (row 0: after the "
            + "constructor)\n";

    private OcrDecays() {}

    static List<TypeDef> types() {
        return List.of(
                scheduler(TypeDef.builder("paddleocr.CyclicalCosineDecay", "cosine restarts every cycle iterations")
                        .formula(ROW + "f(0) = learning_rate;  f(s) = eta_min + 0.5 * (learning_rate - eta_min) * "
                                + "(1 + cos(pi * (s % cycle) / cycle))")
                        .notes("T_max is required and unused. A cycle of 0 divides by zero at row 1 "
                                + "(ZeroDivisionError), which lrsched refuses.")
                        .params(LEARNING_RATE, T_MAX, CYCLE, ETA_MIN), OcrDecays::cyclicalCosine),
                scheduler(TypeDef.builder("paddleocr.OneCycleDecay", "1cycle (torch's OneCycleLR arithmetic) over "
                                + "epochs * steps_per_epoch iterations")
                        .formula(ROW + "total = epochs * steps_per_epoch; initial = max_lr / div_factor; final = "
                                + "initial / final_div_factor\n"
                                + "phase ends: pct_start * total - 1, total - 1  (three_phase: pct_start * total - 1, "
                                + "2 * pct_start * total - 2, total - 1)\n"
                                + "p = (s - phase start) / (phase end - phase start); cos: end + (start - end) / 2 * "
                                + "(cos(pi p) + 1); linear: (end - start) * p + start")
                        .notes("Rows 0..total exist (row total extrapolates the last phase); later steps raise "
                                + "ValueError. pct_start must be written as a float (the class checks the type).")
                        .params(MAX_LR, EPOCHS, STEPS_PER_EPOCH, PCT_START, ANNEAL_STRATEGY, DIV_FACTOR,
                                FINAL_DIV_FACTOR, THREE_PHASE), OcrDecays::oneCycle),
                scheduler(TypeDef.builder("paddleocr.TwoStepCosineDecay", "Paddle's cosine recursion with half period "
                                + "T_max1 up to T_max1, then with half period T_max2")
                        .formula(ROW + "T = T_max1 while s <= T_max1, else T_max2;  f(0) = learning_rate\n"
                                + "f(s) = (1 + cos(pi s / T)) / (1 + cos(pi (s-1) / T)) * (f(s-1) - eta_min) + eta_min;"
                                + "  where (s - 1 - T) % (2T) == 0: f(s) = f(s-1) + (learning_rate - eta_min) * (1 - "
                                + "cos(pi / T)) / 2")
                        .notes("Stepped with step(epoch) (inside LinearWarmup) it uses its closed form eta_min + "
                                + "(learning_rate - eta_min) * (1 + cos(pi s / T)) / 2. Past T_max1 the recursion "
                                + "goes on from the first cosine's value, which is eta_min at s = T_max1.")
                        .params(LEARNING_RATE, T_MAX1, T_MAX2, TWO_STEP_ETA_MIN), OcrDecays::twoStepCosine));
    }

    private static Schedule cyclicalCosine(Args a) {
        double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
        long cycle = a.integer(CYCLE);
        double etaMin = a.real(ETA_MIN);
        String type = a.type().name();
        Schedule rows = s -> {
            if (s == 0) {
                return lr;
            }
            if (cycle == 0) {
                throw new StepOutOfRangeException(s, type + " divides by zero at step " + s + " (cycle is 0: "
                        + "ZeroDivisionError: integer division or modulo by zero)");
            }
            long relative = Math.floorMod(s, cycle);
            return etaMin + 0.5 * (lr - etaMin) * (1 + Libm.cos(Math.PI * relative / cycle));
        };
        // a cosine of s % cycle falls (or, with eta_min above the rate, rises) within each cycle; row 0 is the rate
        Pieces cycles = cycle > 0 ? step -> step / cycle < Long.MAX_VALUE / cycle - 1 ? (step / cycle + 1) * cycle
                : Long.MAX_VALUE : Pieces.UNKNOWN;
        return LrSchedulerSubclass.of(type, rows, rows, OptionalLong.empty(), cycles);
    }

    private static Schedule oneCycle(Args a) {
        long epochs = a.integer(EPOCHS);
        a.check(epochs > 0, EPOCHS, () -> "ValueError: Expected positive integer epochs, but got " + epochs);
        long perEpoch = a.integer(STEPS_PER_EPOCH);
        a.check(perEpoch > 0, STEPS_PER_EPOCH, () -> "ValueError: Expected positive integer steps_per_epoch, but "
                + "got " + perEpoch);
        long total = epochs * perEpoch;
        double max = a.real(MAX_LR);
        double initial = max / a.real(DIV_FACTOR);
        double last = initial / a.real(FINAL_DIV_FACTOR);
        double pct = a.real(PCT_START);
        a.check(pct >= 0 && pct <= 1, PCT_START, () -> "ValueError: Expected float between 0 and 1 pct_start, but "
                + "got " + DoubleFormat.format(pct));
        String anneal = a.text(ANNEAL_STRATEGY);
        a.check(anneal.equals("cos") || anneal.equals("linear"), ANNEAL_STRATEGY, () -> "ValueError: "
                + "anneal_strategy must by one of 'cos' or 'linear', instead got " + anneal);
        baseLr(a, max, MAX_LR);
        boolean cos = anneal.equals("cos");
        double[] ends = a.bool(THREE_PHASE) ? new double[] {pct * total - 1, 2 * pct * total - 2, total - 1}
                : new double[] {pct * total - 1, total - 1};
        double[] rates = a.bool(THREE_PHASE) ? new double[] {initial, max, initial, last}
                : new double[] {initial, max, last};
        String type = a.type().name();
        Schedule rows = s -> {
            if (s > total) {
                throw new StepOutOfRangeException(s, type + " has rows 0.." + total + " (ValueError: Tried to step "
                        + (s + 1) + " times. The specified number of total steps is " + total + ")");
            }
            double start = 0;
            for (int i = 0; i < ends.length; i++) {
                if (s <= ends[i] || i == ends.length - 1) {
                    double p = (s - start) / (ends[i] - start);
                    if (Double.isNaN(p) || Double.isInfinite(p)) {
                        throw new StepOutOfRangeException(s, type + " divides by zero at step " + s + " (a phase "
                                + "of zero length: ZeroDivisionError: float division by zero)");
                    }
                    return cos ? rates[i + 1] + (rates[i] - rates[i + 1]) / 2.0 * (Libm.cos(Math.PI * p) + 1)
                            : (rates[i + 1] - rates[i]) * p + rates[i];
                }
                start = ends[i];
            }
            throw new AssertionError("the last phase takes every step");
        };
        try {
            rows.at(0); // the constructor's step
        } catch (StepOutOfRangeException e) {
            throw a.error(PCT_START, "ZeroDivisionError: float division by zero (the first phase has no length: "
                    + "pct_start * epochs * steps_per_epoch is 1)");
        }
        // a piece per phase (p monotone in the step, cos on [0, pi]); at row total p passes 1
        return LrSchedulerSubclass.of(type, rows, rows, OptionalLong.of(total), Pieces.past(ends));
    }

    private static Schedule twoStepCosine(Args a) {
        long t1 = a.integer(T_MAX1);
        long t2 = a.integer(T_MAX2);
        a.check(t1 > 0, T_MAX1, () -> "AssertionError:  'T_max1' must be a positive integer.");
        // (the class's message names T_max1 for T_max2 too)
        a.check(t2 > 0, T_MAX2, () -> "AssertionError:  'T_max1' must be a positive integer.");
        double etaMin = a.real(TWO_STEP_ETA_MIN);
        double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
        double rise1 = (lr - etaMin) * (1 - Libm.cos(Math.PI / t1)) / 2;
        double rise2 = (lr - etaMin) * (1 - Libm.cos(Math.PI / t2)) / 2;
        Replay replay = new Replay(a.type().name(), new double[] {lr}, (state, t) -> {
            long half = t <= t1 ? t1 : t2;
            if (Math.floorMod(t - 1 - half, 2 * half) == 0) {
                state[0] = state[0] + (t <= t1 ? rise1 : rise2);
            } else {
                state[0] = (1 + Libm.cos(Math.PI * t / half)) / (1 + Libm.cos(Math.PI * (t - 1) / half))
                        * (state[0] - etaMin) + etaMin;
            }
        });
        Schedule closed = s -> etaMin + (lr - etaMin) * (1 + Libm.cos(Math.PI * s / (s <= t1 ? t1 : t2))) / 2;
        return LrSchedulerSubclass.of(a.type().name(), replay::at, closed, OptionalLong.empty(), Pieces.UNKNOWN);
    }

    /** LRScheduler's own check of the rate its constructor receives. */
    private static double baseLr(Args a, double lr, Param blamed) {
        a.check(lr >= 0, blamed, () -> "ValueError: Invalid learning rate: " + DoubleFormat.format(lr));
        return lr;
    }

    /** A scheduler with LRScheduler's last_epoch and verbose arguments. */
    private static TypeDef scheduler(TypeDef.Builder b, java.util.function.Function<Args, Schedule> factory) {
        return b.params(LAST_EPOCH, VERBOSE).build(a -> {
            a.check(a.integer(LAST_EPOCH) == -1, LAST_EPOCH, () -> "only last_epoch=-1 (a freshly built "
                    + "scheduler) is modelled; resuming needs the scheduler's saved state");
            return factory.apply(a);
        });
    }
}
