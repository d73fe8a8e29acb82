package lrsched.compat.fairseq;

import static lrsched.compat.fairseq.FairseqTypes.LR;
import static lrsched.compat.fairseq.FairseqTypes.MAX_UPDATE;
import static lrsched.compat.fairseq.FairseqTypes.ROW_NOTE;
import static lrsched.compat.fairseq.FairseqTypes.WARMUP_UPDATES;
import static lrsched.compat.fairseq.FairseqTypes.pyList;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/** fairseq's polynomial_decay, tri_stage and triangular schedulers (row s = step_update(s)). */
final class Schedules {
    private Schedules() {}

    /** Updates from here on are each their own piece in triangular (cycle numbers no longer exact doubles). */
    private static final long EXACT = 1L << 52;

    private static final Param END_LEARNING_RATE = Param.real("end_learning_rate", "LR at and after total_num_update")
            .defaultsTo(0.0);
    private static final Param POWER = Param.real("power", "decay exponent (a negative one would make the LR grow "
            + "without bound toward total_num_update)").defaultsTo(1.0).nonNegative();
    private static final Param TOTAL_NUM_UPDATE = Param.real("total_num_update", "update where the decay ends")
            .defaultsToComputed("max_update");
    private static final Param FORCE_ANNEAL = Param.integer("force_anneal",
            "anneal from this epoch (refused: needs epoch boundaries)").optional();

    static TypeDef polynomialDecay() {
        return TypeDef.builder("fairseq.polynomial_decay", "linear warmup from 0, then polynomial decay to "
                        + "end_learning_rate")
                .formula("W = warmup_updates, T = total_num_update\n"
                        + "W > 0 and n <= W: lr * n / W\n"
                        + "n >= T: end_learning_rate\n"
                        + "else: (lr - end) * (1 - (n - W) / (T - W))^power + end")
                .notes(ROW_NOTE + " With a warmup, update 0 runs at LR 0 and the peak is at update W. "
                        + "total_num_update defaults to max_update. force_anneal and a per-epoch lr list change "
                        + "the LR at epoch boundaries, which lrsched cannot see: both are refused. warmup_updates "
                        + "and power are >= 0 (a negative power turns the decay into unbounded growth toward "
                        + "total_num_update).")
                .params(LR, WARMUP_UPDATES, END_LEARNING_RATE, POWER, TOTAL_NUM_UPDATE, MAX_UPDATE, FORCE_ANNEAL)
                .build(a -> {
                    double[] lrs = a.reals(LR);
                    a.check(lrs.length == 1, LR, () -> "fairseq switches to lr[epoch] at each epoch start; lrsched "
                            + "cannot see epoch boundaries, so give one lr (got " + pyList(lrs) + ")");
                    double total = a.has(TOTAL_NUM_UPDATE) ? a.real(TOTAL_NUM_UPDATE) : a.integer(MAX_UPDATE);
                    a.check(total > 0, TOTAL_NUM_UPDATE, () -> "AssertionError (fairseq asserts "
                            + "total_num_update > 0; it defaults to max_update, which is 0 unless set)");
                    a.check(!a.has(FORCE_ANNEAL), FORCE_ANNEAL, () -> "force_anneal switches the LR at an "
                            + "epoch boundary; lrsched cannot evaluate it from the update count");
                    double lr = lrs[0], end = a.real(END_LEARNING_RATE), power = a.real(POWER);
                    long w = a.integer(WARMUP_UPDATES);
                    Schedule s = n -> {
                        if (w > 0 && n <= w) {
                            return n / (double) w * lr;
                        }
                        if (n >= total) {
                            return end;
                        }
                        double remaining = 1 - (n - w) / (total - w);
                        return (lr - end) * Libm.pow(remaining, power) + end;
                    };
                    // the warmup (n <= W), the decay, end_learning_rate from the first n >= T: each monotone
                    return s.withPieces(Pieces.at(w + 1, (long) Math.ceil(total))).withWarmupEnd(w);
                });
    }

    private static final Param WARMUP_STEPS = Param.integer("warmup_steps", "warmup length").defaultsTo(0)
            .nonNegative();
    private static final Param HOLD_STEPS = Param.integer("hold_steps", "steps at lr after the warmup").defaultsTo(0)
            .nonNegative();
    private static final Param DECAY_STEPS = Param.integer("decay_steps", "steps of exponential decay").defaultsTo(0)
            .nonNegative();
    private static final Param PHASE_RATIO = Param.reals("phase_ratio",
            "three fractions of max_update for warmup, hold, decay").optional().nonNegative();
    private static final Param INIT_LR_SCALE = Param.real("init_lr_scale", "LR at update 0, as a fraction of lr")
            .defaultsTo(0.01);
    private static final Param FINAL_LR_SCALE = Param.real("final_lr_scale", "LR after the decay, as a fraction of lr")
            .defaultsTo(0.01);

    static TypeDef triStage() {
        return TypeDef.builder("fairseq.tri_stage", "linear warmup, hold, exponential decay, then hold at "
                        + "final_lr_scale * lr")
                .formula("phases W, H, D (or int(max_update * phase_ratio[k]))\n"
                        + "n < W: lr * init_lr_scale + n * lr * (1 - init_lr_scale) / W\n"
                        + "n < W + H: lr\n"
                        + "n <= W + H + D: lr * exp(log(final_lr_scale) * (n - W - H) / D)\n"
                        + "after: lr * final_lr_scale")
                .notes(ROW_NOTE + " phase_ratio overrides the step counts with int(max_update * ratio), which "
                        + "truncates (0.29 * 100 gives 28), and must add up to 1 exactly in floating point "
                        + "(0.3 + 0.6 + 0.1 does not). decay_steps 0 divides by zero in fairseq. Stage lengths and "
                        + "phase ratios are >= 0.")
                .params(LR, WARMUP_STEPS, HOLD_STEPS, DECAY_STEPS, PHASE_RATIO, INIT_LR_SCALE, FINAL_LR_SCALE,
                        MAX_UPDATE)
                .build(a -> {
                    double lr = FairseqTypes.singleLr(a, "tri-stage lr");
                    long w, h, d;
                    if (a.has(PHASE_RATIO)) {
                        double[] r = a.reals(PHASE_RATIO);
                        a.check(r.length == 3, PHASE_RATIO, () -> "takes three ratios (warmup, hold, decay)");
                        long maxUpdate = a.integer(MAX_UPDATE);
                        a.check(maxUpdate > 0, MAX_UPDATE, () -> "AssertionError (fairseq asserts max_update > 0 "
                                + "when phase_ratio is given)");
                        a.check(r[0] + r[1] + r[2] == 1, PHASE_RATIO, () -> "AssertionError: phase ratios must "
                                + "add up to 1 (in floating point they add up to "
                                + FairseqTypes.pyFloat(r[0] + r[1] + r[2]) + ")");
                        w = (long) (maxUpdate * r[0]);
                        h = (long) (maxUpdate * r[1]);
                        d = (long) (maxUpdate * r[2]);
                    } else {
                        w = a.integer(WARMUP_STEPS);
                        h = a.integer(HOLD_STEPS);
                        d = a.integer(DECAY_STEPS);
                    }
                    a.check(w + h + d > 0, PHASE_RATIO, () -> "AssertionError: please specify steps or "
                            + "phase_ratio (warmup_steps + hold_steps + decay_steps must be > 0)");
                    double finalScale = a.real(FINAL_LR_SCALE);
                    a.check(finalScale > 0, FINAL_LR_SCALE, () -> "ValueError: math domain error "
                            + "(fairseq takes log(final_lr_scale))");
                    a.check(d != 0, DECAY_STEPS, () -> "ZeroDivisionError: float division by zero "
                            + "(fairseq divides -log(final_lr_scale) by decay_steps)");
                    double init = a.real(INIT_LR_SCALE) * lr, last = finalScale * lr;
                    double slope = w != 0 ? (lr - init) / w : 0;
                    double decayRate = -Libm.log(finalScale) / d;
                    Schedule s = n -> {
                        if (n < w) {
                            return init + slope * n;
                        }
                        if (n < w + h) {
                            return lr;
                        }
                        if (n <= w + h + d) {
                            return lr * Libm.exp(-decayRate * (n - w - h));
                        }
                        return last;
                    };
                    // warmup line, hold, exp of a falling argument, final hold
                    return s.withPieces(Pieces.at(w, w + h, w + h + d + 1)).withWarmupEnd(w);
                });
    }

    private static final Param MAX_LR = Param.real("max_lr", "the maximum learning rate (must be > lr)");
    private static final Param LR_PERIOD_UPDATES = Param.real("lr_period_updates", "cycle length in updates (below 2 "
            + "the half period lr_period_updates // 2 is 0 or negative)").defaultsTo(5000.0).atLeast(2);
    private static final Param LR_SHRINK = Param.real("lr_shrink", "factor on max_lr per cycle (a decay: growth "
            + "would overflow)").defaultsTo(0.1).in(FairseqTypes.SHRINK);
    private static final Param SHRINK_MIN = Param.bool("shrink_min", "also shrink lr per cycle").defaultsTo(false);

    static TypeDef triangular() {
        return TypeDef.builder("fairseq.triangular", "triangular cycles between lr and max_lr (Smith's CLR)")
                .formula("h = lr_period_updates // 2 (floored); cycle c = floor(n / (2h))\n"
                        + "x = |n / h - 2c - 1|; g = lr_shrink^c\n"
                        + "f = lo + (max_lr * g - lo) * max(0, 1 - x), lo = lr * g if shrink_min else lr")
                .notes(ROW_NOTE + " Each cycle is 2 * floor(lr_period_updates / 2) updates (an odd period loses "
                        + "one), starts at the bottom and peaks half way. lr_shrink (default 0.1) shrinks max_lr "
                        + "per cycle; lr only with shrink_min. lr_period_updates below 2 divides by zero (or, "
                        + "negative, runs the cycles backwards): lrsched requires >= 2. lr_shrink is in [0, 1] "
                        + "(fairseq accepts growth, which overflows: lrsched keeps to shrinking).")
                .params(LR.describedAs("the minimum learning rate"), MAX_LR, LR_PERIOD_UPDATES, LR_SHRINK, SHRINK_MIN)
                .build(a -> {
                    double lo = FairseqTypes.singleLr(a, "triangular"), hi = a.real(MAX_LR);
                    a.check(hi > lo, MAX_LR, () -> "AssertionError: max_lr must be more than lr");
                    // lr_period_updates >= 2 (declared): fairseq's half period lr_period_updates // 2 is 0 below
                    // 2 (ZeroDivisionError in the first step_update) and negative for negative periods
                    double half = Math.floor(a.real(LR_PERIOD_UPDATES) / 2);
                    double shrink = a.real(LR_SHRINK);
                    boolean shrinkMin = a.bool(SHRINK_MIN);
                    Schedule s = n -> {
                        double cycle = Math.floor(n / (2 * half));
                        double g = Libm.pow(shrink, cycle);
                        double top = hi * g, bottom = shrinkMin ? lo * g : lo;
                        double x = Math.abs(n / half - 2 * (cycle + 1) + 1);
                        return bottom + (top - bottom) * Math.max(0, 1 - x);
                    };
                    // within a cycle n / half - 2 (c + 1) + 1 never falls (each operation is monotone in n), so
                    // |.| turns once, where it passes 0: two pieces per cycle, numbered 2c and 2c + 1. Cycle
                    // numbers stay exact doubles below 2^52 updates; beyond, every update is its own piece.
                    Pieces halves = Pieces.whereChanges(0, n -> {
                        double cycle = Math.floor(n / (2 * half));
                        return 2 * cycle + (n / half - 2 * (cycle + 1) + 1 > 0 ? 1 : 0);
                    });
                    return s.withPieces(halves.everyStepFrom(EXACT));
                });
    }
}
