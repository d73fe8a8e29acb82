package lrsched.compat.nemo;

import static lrsched.compat.nemo.NemoTypes.CONSTANT_RATIO;
import static lrsched.compat.nemo.NemoTypes.CONSTANT_STEPS;
import static lrsched.compat.nemo.NemoTypes.HOLD_RATIO;
import static lrsched.compat.nemo.NemoTypes.HOLD_STEPS;
import static lrsched.compat.nemo.NemoTypes.LR;
import static lrsched.compat.nemo.NemoTypes.MAX_STEPS;
import static lrsched.compat.nemo.NemoTypes.MIN_LR;
import static lrsched.compat.nemo.NemoTypes.ROW_NOTE;
import static lrsched.compat.nemo.NemoTypes.WARMUP_RATIO;
import static lrsched.compat.nemo.NemoTypes.WARMUP_STEPS;

import java.util.List;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/** NoamAnnealing, NoamHoldAnnealing and T5InverseSquareRootAnnealing: the inverse-power decays. */
final class NoamFamily {
    private static final Param D_MODEL = Param.real("d_model", "model width: the LR scales by d_model^-0.5")
            .positive();
    private static final Param DECAY_RATE = Param.real("decay_rate",
            "exponent of the decay after the hold (0.5: Noam; Squeezeformer uses 1.0)").defaultsTo(0.5);

    private NoamFamily() {}

    static List<TypeDef> types() {
        return List.of(noam(), noamHold(), t5());
    }

    private static TypeDef noam() {
        return TypeDef.builder("nemo.NoamAnnealing", "Noam's schedule: lr * d_model^-0.5 * min(n^-0.5, n * W^-1.5)")
                .formula("n = max(1, s); W = warmup_steps (or int(warmup_ratio * max_steps))\n"
                        + "W > 0: lr * d_model^-0.5 * min(n^-0.5, n * W^-1.5); W = 0: lr * d_model^-0.5 * n^-0.5\n"
                        + "n > W: floored at min_lr")
                .notes(ROW_NOTE + " Rows 0 and 1 are equal (step max(1, s)). lr is a scale, not the peak: the peak "
                        + "(at W) is lr * (d_model * W)^-0.5. max_steps only sizes warmup_ratio; there is no end. "
                        + "min_lr above lr is refused (ValueError in NeMo's constructor).")
                .params(LR, D_MODEL, WARMUP_STEPS, WARMUP_RATIO,
                        MAX_STEPS.optional().describedAs("total steps: only sizes warmup_ratio"), MIN_LR)
                .build(a -> {
                    double normalize = Libm.pow(a.real(D_MODEL), -0.5);
                    long max = a.has(MAX_STEPS) ? a.integer(MAX_STEPS) : -1;
                    long w = NemoTypes.warmupSteps(a, max);
                    double lr = a.real(LR), min = a.real(MIN_LR);
                    a.check(lr >= min, MIN_LR, () -> "ValueError: NoamAnnealing received an initial learning rate "
                            + "that was lower than the minimum learning rate (lr " + lr + " < min_lr " + min + ")");
                    double warmupScale = w > 0 ? Libm.pow(w, -1.5) : 0;
                    Schedule s = row -> {
                        long n = Math.max(1, row);
                        double mult = w > 0 ? normalize * Math.min(Libm.pow(n, -0.5), n * warmupScale)
                                : normalize * Libm.pow(n, -0.5);
                        double out = lr * mult;
                        return n > w ? NemoTypes.pyMax(out, min) : out;
                    };
                    // min(n^-0.5, n W^-1.5) of a falling and a rising factor is the rising one on a prefix (where
                    // it is the smaller) and the falling one after: two pieces, split where the order changes, and
                    // the min_lr floor applies from n > W on
                    Pieces order = w > 0 ? Pieces.whereChanges(0, row -> {
                        long n = Math.max(1, row);
                        return n * warmupScale < Libm.pow(n, -0.5) ? 0 : 1;
                    }) : Pieces.ONE;
                    return s.withPieces(order.and(Pieces.at(Pieces.plus(w, 1)))).withWarmupEnd(w);
                });
    }

    private static TypeDef noamHold() {
        return TypeDef.builder("nemo.NoamHoldAnnealing", "linear warmup, hold, then lr * (W / (s - hold))^rate")
                .formula(WarmupFamily.HOLD_FORMULA.replace("H = ", "W = warmup_steps (or int(warmup_ratio * M)), "
                        + "M = max_steps\nH = ") + "otherwise: max(min_lr, lr * max(1, W^rate) / max(1, (s - h)^rate)),"
                        + " h = H - W (hold_steps) when H > 0, else 0")
                .notes(ROW_NOTE + " rate = decay_rate. Without a warmup NeMo raises ValueError ('Noam scheduler "
                        + "cannot be used without warmup steps') at the first decay step: refused here.")
                .params(LR, MAX_STEPS, WARMUP_STEPS, WARMUP_RATIO, HOLD_STEPS, HOLD_RATIO, DECAY_RATE, MIN_LR)
                .build(a -> {
                    WarmupFamily.Frame f = WarmupFamily.frame(a, true);
                    a.check(f.warmup() > 0 || f.holdEnd() > f.max(), f.warmup() == 0 && a.has(WARMUP_RATIO)
                                    ? WARMUP_RATIO : WARMUP_STEPS,
                            () -> "ValueError: Noam scheduler cannot be used without warmup steps (give warmup_steps "
                                    + "> 0 or warmup_ratio)");
                    double rate = a.real(DECAY_RATE);
                    long hold = f.holdEnd() > 0 ? f.holdEnd() - f.warmup() : 0;
                    double warmupDecay = Math.max(1, Libm.pow(f.warmup(), rate));
                    return WarmupFamily.schedule(f, true, s -> NemoTypes.pyMax(
                            f.lr() * warmupDecay / Math.max(1, Libm.pow(s - hold, rate)), f.min()));
                });
    }

    private static TypeDef t5() {
        return TypeDef.builder("nemo.T5InverseSquareRootAnnealing", "1 / sqrt(constant_steps), then 1 / sqrt(s): "
                        + "independent of lr")
                .formula("C = constant_steps, M = max_steps\ns <= C: 1 / sqrt(C)\ns > M: min_lr\notherwise: 1 / sqrt(s)")
                .notes(ROW_NOTE + " The optimizer's lr has no effect: the LR is T5's 1 / sqrt(step). constant_steps "
                        + "is required and > 0 (NeMo computes 1 / constant_steps ** 0.5 in the constructor even when "
                        + "constant_ratio is given: TypeError for None, ZeroDivisionError for 0).")
                .params(Param.ignored("lr", "the optimizer's lr: no effect on this scheduler"), MAX_STEPS,
                        CONSTANT_STEPS.describedAs("steps at 1 / sqrt(constant_steps) (required, > 0)"),
                        CONSTANT_RATIO.describedAs("accepted by NeMo's signature but unusable: constant_steps is "
                                + "still required"), MIN_LR)
                .build(a -> {
                    a.check(!(a.has(CONSTANT_STEPS) && a.has(CONSTANT_RATIO)), CONSTANT_RATIO, () ->
                            "AssertionError: Either use particular number of step or ratio (give constant_steps "
                                    + "only)");
                    a.check(a.has(CONSTANT_STEPS), CONSTANT_STEPS, () -> "TypeError: unsupported operand type(s) for"
                            + " ** or pow(): 'NoneType' and 'float' (NeMo needs constant_steps even with "
                            + "constant_ratio)");
                    long c = a.integer(CONSTANT_STEPS), max = a.integer(MAX_STEPS);
                    a.check(c > 0, CONSTANT_STEPS, () -> "ZeroDivisionError: float division by zero "
                            + "(constant_steps must be > 0)");
                    double constant = 1 / Math.sqrt(c), min = a.real(MIN_LR);
                    Schedule s = row -> row <= c ? constant : row > max ? min : 1 / Math.sqrt(row);
                    // held, falling, held
                    return s.withPieces(Pieces.at(Pieces.plus(c, 1), Pieces.plus(max, 1))).withNominalEnd(max);
                });
    }
}
