package lrsched.compat.fairseq;

import java.util.ArrayList;
import java.util.List;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.Range;
import lrsched.registry.TypeDef;
import lrsched.schedule.Cycles;
import lrsched.schedule.PythonCycles;

/**
 * fairseq's LR schedulers ({@code --lr-scheduler NAME}, fairseq/optim/lr_scheduler/) under their registered names
 * and config fields.
 *
 * <p>Index convention: fairseq's trainer calls {@code step_update(0)} right after building the scheduler and
 * {@code step_update(num_updates)} after every applied update, so row s is {@code step_update(s)}. fairseq's
 * {@code lr} is a list (one LR per epoch for the fixed scheduler); these schedulers use one value, written as a
 * number or a one-element list. See src/docs/compat/fairseq.md.
 */
public final class FairseqTypes implements Catalog {
    static final Param LR = Param.reals("lr", "optimization.lr: one learning rate (a one-element list in fairseq)")
            .defaultsTo(List.of(0.25));
    static final Param MAX_UPDATE = Param.integer("max_update",
            "optimization.max_update, the default length where a scheduler needs one").defaultsTo(0).nonNegative();
    /** lr_shrink: a decay factor. Above 1 the bounds grow per period and overflow at large update counts. */
    static final Range SHRINK = Range.between(0, true, 1, true);
    static final Param WARMUP_UPDATES = Param.integer("warmup_updates", "warmup length").defaultsTo(0)
            .nonNegative();
    private static final Param WARMUP_INIT_LR = Param.real("warmup_init_lr", "LR at update 0 (negative: min_lr)")
            .defaultsTo(-1.0);
    private static final Param MIN_LR = Param.real("min_lr", "the minimum learning rate (an LR: not negative)")
            .defaultsTo(0.0).nonNegative();
    private static final Param T_MULT = Param.real("t_mult", "each period is t_mult times longer than the one before "
            + "(it is the base of a logarithm)").defaultsTo(1.0).positive();
    private static final Param LR_PERIOD_UPDATES = Param.real("lr_period_updates",
            "first period length (<= 0: max_update - warmup_updates)").defaultsTo(-1.0);
    private static final Param LR_SHRINK = Param.real("lr_shrink", "factor on both bounds per period (a decay: "
            + "growth would overflow)").defaultsTo(0.1).in(SHRINK);
    static final String ROW_NOTE = "Row s is step_update(s) (the trainer calls step_update(0) before the first "
            + "update). lr defaults to fairseq's optimization.lr [0.25].";

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(TypeDef.builder("fairseq.inverse_sqrt", "linear warmup, then decay with 1/sqrt(update)")
                .formula("W = warmup_updates; init = warmup_init_lr (default 0, or lr when W = 0)\n"
                        + "n < W: init + n * (lr - init) / W\n"
                        + "n >= W: lr * sqrt(W) / sqrt(n)")
                .notes(ROW_NOTE + " warmup_updates 0 divides by zero in fairseq (ZeroDivisionError).")
                .params(LR, WARMUP_UPDATES.defaultsTo(4000),
                        WARMUP_INIT_LR.describedAs("LR at update 0 (negative: 0, or lr without warmup)"))
                .build(a -> {
                    double lr = singleLr(a, "inverse_sqrt");
                    long w = a.integer(WARMUP_UPDATES);
                    a.check(w != 0, WARMUP_UPDATES, () -> "ZeroDivisionError: float division by zero "
                            + "(fairseq divides (lr - warmup_init_lr) by warmup_updates)");
                    double init = a.real(WARMUP_INIT_LR) >= 0 ? a.real(WARMUP_INIT_LR) : 0;
                    double slope = (lr - init) / w, scale = lr * Libm.pow(w, 0.5);
                    Schedule s = n -> n < w ? init + n * slope : scale * Libm.pow(n, -0.5);
                    // the warmup line, then the inverse square root: each monotone in the update
                    return s.withPieces(Pieces.at(Math.max(0, w))).withWarmupEnd(w);
                }));
        all.add(cosine());
        all.add(Schedules.polynomialDecay());
        all.add(Schedules.triStage());
        all.add(Schedules.triangular());
        return all;
    }

    private static TypeDef cosine() {
        return TypeDef.builder("fairseq.cosine", "linear warmup, then cosine cycles with restarts (SGDR)")
                .formula("n < W: warmup_init_lr + n * (lr - warmup_init_lr) / W   (W = warmup_updates)\n"
                        + "u = n - W; period P = lr_period_updates (or max_update - W); cycle i of length "
                        + "P * t_mult^i,\n  i = floor(log(1 - u / P * (1 - t_mult)) / log(t_mult)) when t_mult != 1\n"
                        + "f = min_i + 0.5 * (max_i - min_i) * (1 + cos(pi * x / L)), max_i = lr * lr_shrink^i, "
                        + "min_i = min_lr * lr_shrink^i")
                .notes(ROW_NOTE + " No cycle limit: it restarts for ever, both bounds shrinking by lr_shrink "
                        + "(default 0.1) per cycle. warmup_init_lr defaults to min_lr. The cycle index uses Python's "
                        + "math.log(x, t_mult) with its rounding; t_mult < 1 raises 'math domain error' once the "
                        + "finite total length is used up. (Old fairseq releases had lr as the minimum and a "
                        + "required max_lr; this is the current form.) Domains: min_lr, warmup_updates >= 0, "
                        + "t_mult > 0, lr_shrink in [0, 1] (fairseq accepts a growing lr_shrink, which overflows "
                        + "at large update counts: lrsched keeps to shrinking), and without lr_period_updates "
                        + "max_update - warmup_updates > 0 (fairseq divides by it after the warmup).")
                .params(LR.describedAs("the maximum learning rate (must be > min_lr)"), MIN_LR, WARMUP_UPDATES,
                        WARMUP_INIT_LR, T_MULT, LR_PERIOD_UPDATES, LR_SHRINK, MAX_UPDATE)
                .build(a -> {
                    double max = a.reals(LR).length == 1 ? a.reals(LR)[0] : Double.NaN;
                    singleLr(a, "cosine");
                    double min = a.real(MIN_LR);
                    a.check(max > min, LR, () -> "AssertionError: max_lr (=" + pyList(a.reals(LR))
                            + ") must be more than min_lr (=" + pyFloat(min) + ")");
                    long w = a.integer(WARMUP_UPDATES);
                    double init = a.real(WARMUP_INIT_LR) < 0 ? min : a.real(WARMUP_INIT_LR);
                    double period = a.real(LR_PERIOD_UPDATES);
                    if (period <= 0) {
                        long maxUpdate = a.integer(MAX_UPDATE);
                        a.check(maxUpdate > 0, LR_PERIOD_UPDATES,
                                () -> "AssertionError: Either --max_update or --lr-period-updates must be set");
                        period = maxUpdate - w;
                        // fairseq divides by this period after the warmup: 0 raises ZeroDivisionError at every
                        // update from warmup_updates on, a negative one runs the cycles backwards (the bounds grow
                        // by 1 / lr_shrink per period until they overflow)
                        a.check(period > 0, MAX_UPDATE, () -> "without lr_period_updates the period is "
                                + "max_update - warmup_updates = " + (maxUpdate - w) + ", which must be > 0 (fairseq "
                                + "divides by it after the warmup: ZeroDivisionError at 0, cycles running backwards "
                                + "below 0)");
                    }
                    double p = period, mult = a.real(T_MULT), shrink = a.real(LR_SHRINK);
                    double slope = w > 0 ? (max - init) / w : 1;
                    PythonCycles.Locator cycles = new PythonCycles.Locator(p, mult);
                    Schedule s = n -> {
                        if (n < w) {
                            return init + n * slope;
                        }
                        double t = n - w;
                        double i = cycles.index(t, n);
                        double g = Libm.pow(shrink, (long) i);
                        double lo = min * g, hi = max * g;
                        double offset = t - cycles.begin(i);
                        double value = lo + 0.5 * (hi - lo) * (1 + Libm.cos(Math.PI * offset / cycles.length(i)));
                        if (!Double.isFinite(value)) {
                            // only extremes reach this (a period so short that update / period overflows):
                            // fairseq's math.floor of an infinite index raises OverflowError
                            throw new StepOutOfRangeException(n, "OverflowError: cannot convert float infinity to "
                                    + "integer (the cycle index of update " + n + " overflows)");
                        }
                        return value;
                    };
                    // the warmup line, then a piece per cycle: both bounds fixed in it, the cosine's argument rising
                    return s.withPieces(Cycles.pieces(w, n -> PythonCycles.locate(n - w, p, mult, n),
                            c -> Math.PI * c.offset() / c.length(), Math.PI)).withWarmupEnd(w);
                });
    }

    /** The one LR these schedulers take; fairseq refuses a longer list with {@code scheduler}'s message. */
    static double singleLr(Args a, String scheduler) {
        double[] lr = a.reals(LR);
        a.check(lr.length == 1, LR, () -> "ValueError: Cannot use a fixed learning rate schedule with "
                + scheduler + ". Consider --lr-scheduler=fixed instead. (" + pyList(lr) + ")");
        return lr[0];
    }

    /** A list of floats as Python prints it. */
    static String pyList(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(pyFloat(values[i]));
        }
        return b.append(']').toString();
    }

    static String pyFloat(double v) {
        return lrsched.core.DoubleFormat.format(v);
    }
}
