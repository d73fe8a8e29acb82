package lrsched.compat.deepspeed;

import java.util.ArrayList;
import java.util.List;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * DeepSpeed's schedulers ({@code deepspeed.runtime.lr_schedules}) under their class names and keyword arguments
 * (the {@code params} of a ds_config {@code scheduler} block).
 *
 * <p>Index convention: DeepSpeed's engine builds the scheduler with {@code last_batch_iteration = -1} (the
 * constructor sets the LR of update 0) and calls {@code scheduler.step()} after every applied optimizer step, so
 * update {@code s >= 1} runs with {@code get_lr()} at {@code last_batch_iteration = s - 1}. Each schedule here is
 * written as f(last_batch_iteration) and row s is f(s - 1). See src/docs/compat/deepspeed.md.
 */
public final class DeepSpeedTypes implements Catalog {

    static final Param OPTIMIZER_LR_IGNORED = Param.ignored("lr",
            "the optimizer's lr: overwritten by this scheduler (accepted, no effect)");
    static final Param WARMUP_MIN_LR = Param.real("warmup_min_lr", "LR at the start of the warmup").defaultsTo(0.0);
    static final Param WARMUP_NUM_STEPS = Param.integer("warmup_num_steps",
            "warmup length (raised to at least 2)").defaultsTo(1000).checkingPythonType();
    static final Param WARMUP_TYPE = Param.text("warmup_type",
            "log or linear; any other value only warns in DeepSpeed and means log").defaultsTo("log");
    static final Param TOTAL_NUM_STEPS = Param.integer("total_num_steps", "total number of training steps")
            .nonNegative();
    /** The optimizer's lr where a scheduler reads it (WarmupCosineLR; WarmupLR's describes it as its default). */
    static final Param OPTIMIZER_LR = Param.real("lr", "the optimizer's lr, which the ratios scale");
    /** WarmupLR defaults it to the optimizer's lr, WarmupDecayLR to 0.001. */
    static final Param WARMUP_MAX_LR = Param.real("warmup_max_lr", "LR after the warmup");
    static final Param WARMUP_MIN_RATIO = Param.real("warmup_min_ratio", "ratio at the start of the warmup")
            .defaultsTo(0.0);
    static final Param COS_MIN_RATIO = Param.real("cos_min_ratio", "ratio at the end of the cosine")
            .defaultsTo(0.0001);

    private static final String SHIFT_NOTE = "Row s is get_lr() at last_batch_iteration = s - 1 (DeepSpeed steps "
            + "the scheduler after each optimizer step); row 0 is the constructor's LR.";

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(TypeDef.builder("deepspeed.WarmupLR", "warm up from warmup_min_lr to warmup_max_lr, then hold")
                .formula("i = s - 1 (last_batch_iteration); W = max(2, warmup_num_steps)\n"
                        + "row 0: warmup_min_lr\n"
                        + "i < W: min + (max - min) * g, g = log(i + 1) / log(W) (log) or i / W (linear)\n"
                        + "i >= W: warmup_max_lr")
                .notes(SHIFT_NOTE + " The log warmup reaches warmup_max_lr at row W, the linear one at row W + 1. "
                        + "warmup_max_lr defaults to the optimizer's lr. An unknown warmup_type falls back to log.")
                .params(OPTIMIZER_LR.describedAs("the optimizer's lr: the default warmup_max_lr").optional(),
                        WARMUP_MIN_LR, WARMUP_MAX_LR.defaultsToComputed("lr (the optimizer's)"), WARMUP_NUM_STEPS,
                        WARMUP_TYPE)
                .build(a -> {
                    a.check(a.has(WARMUP_MAX_LR) || a.has(OPTIMIZER_LR), WARMUP_MAX_LR,
                            () -> "give warmup_max_lr, or lr (the optimizer's lr it defaults to)");
                    double max = a.has(WARMUP_MAX_LR) ? a.real(WARMUP_MAX_LR) : a.real(OPTIMIZER_LR);
                    return warmup(a, max, Double.NaN);
                }));
        all.add(TypeDef.builder("deepspeed.WarmupDecayLR", "WarmupLR, then linear decay to warmup_min_lr at "
                        + "total_num_steps")
                .formula("i = s - 1; W = max(2, warmup_num_steps); T = total_num_steps\n"
                        + "row 0: warmup_min_lr; i < W: as WarmupLR\n"
                        + "i >= W: min + (max - min) * max(0, (T - i) / max(1, T - W))")
                .notes(SHIFT_NOTE + " warmup_max_lr defaults to 0.001 here (not to the optimizer's lr). After "
                        + "total_num_steps the LR stays at warmup_min_lr. total_num_steps < warmup_num_steps only "
                        + "warns.")
                .params(OPTIMIZER_LR_IGNORED, TOTAL_NUM_STEPS, WARMUP_MIN_LR, WARMUP_MAX_LR.defaultsTo(0.001),
                        WARMUP_NUM_STEPS, WARMUP_TYPE)
                .build(a -> warmup(a, a.real(WARMUP_MAX_LR), a.integer(TOTAL_NUM_STEPS))));
        all.add(TypeDef.builder("deepspeed.WarmupCosineLR", "warm up a ratio of the optimizer's lr, then cosine "
                        + "decay to cos_min_ratio")
                .formula("i = s - 1; W = max(2, warmup_num_steps); T = total_num_steps\n"
                        + "row 0: 0\n"
                        + "i < W: r = warmup_min_ratio + g * (1 - warmup_min_ratio), g as WarmupLR\n"
                        + "i >= W: p = min(1, (i - W + 1) / max(1, T - W)); "
                        + "r = max(0, cos_min_ratio + (1 - cos_min_ratio) * (1 + cos(pi p)) / 2)\n"
                        + "f = lr * r")
                .notes(SHIFT_NOTE + " Update 0 runs at LR 0 whatever warmup_min_ratio is (get_lr() before the "
                        + "first step returns 0.0). The cosine starts one step in, and stays at cos_min_ratio after "
                        + "total_num_steps (DeepSpeed releases before the clamp rose again).")
                .params(OPTIMIZER_LR, TOTAL_NUM_STEPS, WARMUP_MIN_RATIO, WARMUP_NUM_STEPS, COS_MIN_RATIO, WARMUP_TYPE)
                .build(DeepSpeedTypes::warmupCosine));
        all.add(OneCycle.type());
        return all;
    }

    /** WarmupLR when {@code total} is NaN, WarmupDecayLR otherwise. */
    private static Schedule warmup(Args a, double max, double total) {
        long w = warmupSteps(a);
        boolean linear = linear(a);
        double min = a.real(WARMUP_MIN_LR), delta = max - min;
        Schedule s = row -> {
            long i = row - 1;
            if (i < 0) {
                return min;
            }
            double gamma;
            if (i < w) {
                gamma = warmupFraction(i, w, linear);
            } else if (Double.isNaN(total)) {
                gamma = 1.0;
            } else {
                gamma = Math.max(0.0, (total - i) / Math.max(1.0, total - w));
            }
            return min + delta * gamma;
        };
        // row 0, the warmup, then a constant or a decay clamped at 0: each a monotone formula of the step
        return s.withPieces(Pieces.at(1, w + 1)).withWarmupEnd(w + 1);
    }

    private static Schedule warmupCosine(Args a) {
        double lr = a.real(OPTIMIZER_LR), total = a.integer(TOTAL_NUM_STEPS);
        double startRatio = a.real(WARMUP_MIN_RATIO), endRatio = a.real(COS_MIN_RATIO);
        long w = warmupSteps(a);
        boolean linear = linear(a);
        Schedule s = row -> {
            long i = row - 1;
            if (i < 0) {
                return 0.0;
            }
            double ratio;
            if (i < w) {
                ratio = startRatio + warmupFraction(i, w, linear) * (1. - startRatio);
            } else {
                double progress = Math.min(1.0, (i - w + 1) / Math.max(1, total - w));
                double cos = (1 + Libm.cos(Math.PI * progress)) / 2;
                ratio = Math.max(0.0, endRatio + (1. - endRatio) * cos);
            }
            return lr * ratio;
        };
        // row 0 (0), the warmup, then the cosine over [0, pi] clamped at 1: each monotone in the step
        return s.withPieces(Pieces.at(1, w + 1)).withWarmupEnd(w + 1);
    }

    /** The warmup's share of the way from start to end after {@code i} scheduler steps. */
    private static double warmupFraction(long i, long w, boolean linear) {
        return linear ? (double) i / w : (1.0 / Libm.log(w)) * Libm.log(i + 1);
    }

    private static long warmupSteps(Args a) {
        long w = a.integer(WARMUP_NUM_STEPS);
        a.check(w > 0, WARMUP_NUM_STEPS, () -> "ValueError: warmup_num_steps must be a positive integer, got " + w);
        return Math.max(2, w);
    }

    private static boolean linear(Args a) {
        return a.text(WARMUP_TYPE).equals("linear");
    }
}
