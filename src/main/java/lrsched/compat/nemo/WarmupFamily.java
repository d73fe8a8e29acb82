package lrsched.compat.nemo;

import static lrsched.compat.nemo.NemoTypes.CYCLE;
import static lrsched.compat.nemo.NemoTypes.HOLD_RATIO;
import static lrsched.compat.nemo.NemoTypes.HOLD_STEPS;
import static lrsched.compat.nemo.NemoTypes.LR;
import static lrsched.compat.nemo.NemoTypes.MAX_STEPS;
import static lrsched.compat.nemo.NemoTypes.MIN_LR;
import static lrsched.compat.nemo.NemoTypes.PAIR;
import static lrsched.compat.nemo.NemoTypes.POWER;
import static lrsched.compat.nemo.NemoTypes.ROW_NOTE;
import static lrsched.compat.nemo.NemoTypes.WARMUP_FORMULA;
import static lrsched.compat.nemo.NemoTypes.WARMUP_RATIO;
import static lrsched.compat.nemo.NemoTypes.WARMUP_STEPS;

import java.util.List;
import java.util.function.Function;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.TypeDef;

/** WarmupPolicy, WarmupHoldPolicy and the schedulers that extend them with their own {@code _get_lr(step)}. */
final class WarmupFamily {
    private WarmupFamily() {}

    /** A subclass's {@code _get_lr(step)}, called after the warmup (and hold) up to max_steps. */
    interface Anneal {
        double at(long s);
    }

    /** The resolved arguments of a WarmupPolicy / WarmupHoldPolicy. */
    record Frame(double lr, double min, long warmup, long holdEnd, long max) {}

    static final String HOLD_FORMULA = "H = hold_steps + W (or int(hold_ratio * M) + W; 0 without either)\n"
            + "s <= W (W > 0): lr * (s + 1) / (W + 1)\nW <= s < H: lr\ns > M: min_lr\n";

    static List<TypeDef> types() {
        return List.of(
                plain("WarmupPolicy", "linear warmup, then lr (min_lr after max_steps, if given)", "otherwise: lr",
                        "max_steps may be left out (None: no end).", f -> s -> f.lr()),
                hold("WarmupHoldPolicy", "linear warmup, hold, then lr until max_steps, then min_lr",
                        "otherwise: lr", "", f -> s -> f.lr()),
                plain("SquareAnnealing", "linear warmup, then (1 - progress)^2 decay, floored at min_lr",
                        "otherwise: max(lr * ((M - W - (s - W)) / (M - W))^2, min_lr)",
                        "min_lr defaults to 1e-5 here (0 elsewhere).", f -> s -> {
                            long span = f.max() - f.warmup();
                            double q = NemoTypes.divide(s, span - (s - f.warmup()), span);
                            return NemoTypes.pyMax(f.lr() * (q * q), f.min());
                        }),
                plain("SquareRootAnnealing", "linear warmup, then sqrt(1 - s / M) decay, floored at min_lr",
                        "otherwise: max(lr * sqrt((M - s) / M), min_lr)",
                        "The decay counts from step 0 over max_steps, not from the warmup's end (NeMo passes step and "
                                + "max_steps unshifted), so it drops at the end of the warmup.",
                        f -> s -> NemoTypes.pyMax(
                                f.lr() * Math.sqrt(NemoTypes.divide(s, f.max() - s, f.max())), f.min())),
                plain("WarmupAnnealing", "linear warmup, then linear decay to min_lr at max_steps",
                        "otherwise: min_lr + (1 - (s - W) / (M - W)) * (lr - min_lr)", "", f -> s -> {
                            double mult = NemoTypes.divide(s, s - f.warmup(), f.max() - f.warmup());
                            return f.min() + (1 - mult) * (f.lr() - f.min());
                        }),
                plain("InverseSquareRootAnnealing", "linear warmup, then lr / sqrt((s + 1) / (W + 1))",
                        "otherwise: lr / sqrt((s + 1) / (W + 1))", "No floor at min_lr before max_steps.",
                        f -> s -> f.lr() / Math.sqrt((double) (s + 1) / (f.warmup() + 1))),
                polynomial(),
                polynomialHold(),
                hold("WarmupHoldAnnealOneMinusSquareRoot", "warmup, hold, then lr * (1 - sqrt(progress))",
                        "otherwise: max(min_lr, lr * (1 - sqrt((s - H) / (M - H))))",
                        "Without hold_steps/hold_ratio H is 0 (not W), so the decay measures progress from step 0.",
                        f -> s -> NemoTypes.pyMax(f.min(), f.lr() * (1 - Math.sqrt(
                                NemoTypes.divide(s, s - f.holdEnd(), f.max() - f.holdEnd()))))),
                hold("WarmupHoldAnnealLinear", "warmup, hold, then linear decay to min_lr at max_steps",
                        "otherwise: lr - (lr - min_lr) * (s - H) / (M - H)",
                        "Without hold_steps/hold_ratio H is 0 (not W), so the decay measures progress from step 0.",
                        f -> s -> f.lr() - (f.lr() - f.min())
                                * NemoTypes.divide(s, s - f.holdEnd(), f.max() - f.holdEnd())));
    }

    private static TypeDef polynomial() {
        TypeDef.Builder b = TypeDef.builder("nemo.PolynomialDecayAnnealing",
                "linear warmup, then polynomial decay to min_lr at max_steps");
        b.formula(WARMUP_FORMULA + "s > M: min_lr\notherwise: poly(s - W, M - W)\n" + POLY_FORMULA)
                .notes(ROW_NOTE + " cycle never changes a row here: NeMo returns min_lr after max_steps before the "
                        + "decay could restart.")
                .params(LR, MAX_STEPS, WARMUP_STEPS, WARMUP_RATIO, MIN_LR, POWER, CYCLE);
        return b.build(a -> {
            Frame f = frame(a, false);
            double power = a.real(POWER);
            boolean cycle = a.bool(CYCLE);
            return schedule(f, false, s -> poly(s, f, s - f.warmup(), f.max() - f.warmup(), power, cycle), !cycle);
        });
    }

    private static TypeDef polynomialHold() {
        TypeDef.Builder b = TypeDef.builder("nemo.PolynomialHoldDecayAnnealing",
                "linear warmup, hold, then polynomial decay to min_lr");
        b.formula(WARMUP_FORMULA.replace("s <= W (W > 0): lr * (s + 1) / (W + 1)\n", "") + HOLD_FORMULA
                        + "otherwise: poly(s - H, M - max(W, H))\n" + POLY_FORMULA)
                .notes(ROW_NOTE + " Without hold_steps/hold_ratio H is 0, so the decay runs poly(s, M - W): it "
                        + "reaches min_lr at step M - W (and with cycle restarts there) rather than at max_steps.")
                .params(LR, MAX_STEPS, WARMUP_STEPS, WARMUP_RATIO, HOLD_STEPS, HOLD_RATIO, MIN_LR, POWER, CYCLE);
        return b.build(a -> {
            Frame f = frame(a, true);
            double power = a.real(POWER);
            boolean cycle = a.bool(CYCLE);
            return schedule(f, true, s -> poly(s, f, s - f.holdEnd(),
                    f.max() - Math.max(f.warmup(), f.holdEnd()), power, cycle), !cycle);
        });
    }

    private static final String POLY_FORMULA = "poly(k, D): cycle: D = D * max(1, ceil(k / D)), else k = min(k, D); "
            + "(lr - min_lr) * (1 - k / D)^power + min_lr";

    /** NeMo's {@code _poly_decay} at row {@code row}. */
    private static double poly(long row, Frame f, long step, long decay, double power, boolean cycle) {
        double k = step, d = decay;
        if (cycle) {
            double multiplier = step == 0 ? 1.0 : Math.ceil(NemoTypes.divide(row, step, decay));
            d = decay * multiplier;
        } else {
            k = Math.min(step, decay);
        }
        double p = NemoTypes.divide(row, k, d);
        return NemoTypes.finite(row, (f.lr() - f.min()) * Libm.pow(1.0 - p, power)) + f.min();
    }

    private static TypeDef plain(String name, String summary, String formula, String note,
                                 Function<Frame, Anneal> anneal) {
        boolean open = name.equals("WarmupPolicy");
        return TypeDef.builder("nemo." + name, summary)
                .formula(WARMUP_FORMULA + (open ? "s > M (when max_steps is given): min_lr\n" : "s > M: min_lr\n")
                        + formula)
                .notes(ROW_NOTE + (note.isEmpty() ? "" : " " + note))
                .params(LR, open ? MAX_STEPS.optional().describedAs("total optimizer steps (left out: no end)")
                                : MAX_STEPS, WARMUP_STEPS, WARMUP_RATIO,
                        name.equals("SquareAnnealing") ? MIN_LR.defaultsTo(1e-5) : MIN_LR)
                .build(a -> {
                    Frame f = frame(a, false);
                    return schedule(f, false, anneal.apply(f));
                });
    }

    private static TypeDef hold(String name, String summary, String formula, String note,
                                Function<Frame, Anneal> anneal) {
        return TypeDef.builder("nemo." + name, summary)
                .formula(WARMUP_FORMULA.replace("s <= W (W > 0): lr * (s + 1) / (W + 1)\n", "") + HOLD_FORMULA
                        + formula)
                .notes(ROW_NOTE + (note.isEmpty() ? "" : " " + note))
                .params(LR, MAX_STEPS, WARMUP_STEPS, WARMUP_RATIO, HOLD_STEPS, HOLD_RATIO, MIN_LR)
                .build(a -> {
                    Frame f = frame(a, true);
                    return schedule(f, true, anneal.apply(f));
                });
    }

    /** The arguments as WarmupPolicy's (and WarmupHoldPolicy's) constructor resolves them; max -1 for None. */
    static Frame frame(Args a, boolean hold) {
        long max = a.has(MAX_STEPS) ? a.integer(MAX_STEPS) : -1;
        long holdEnd = 0;
        if (hold) {
            long h = NemoTypes.steps(a, HOLD_STEPS, HOLD_RATIO, max, PAIR);
            long w = NemoTypes.warmupSteps(a, max);
            holdEnd = a.has(HOLD_STEPS) || a.has(HOLD_RATIO) ? h + w : 0;
        }
        return new Frame(a.real(LR), a.real(MIN_LR), NemoTypes.warmupSteps(a, max), holdEnd, max);
    }

    /** WarmupPolicy.get_lr (hold false) or WarmupHoldPolicy.get_lr (hold true) around a subclass's _get_lr. */
    static Schedule schedule(Frame f, boolean hold, Anneal anneal) {
        return schedule(f, hold, anneal, true);
    }

    /**
     * @param monotone whether the anneal is monotone in the step up to max_steps (all but a cycling polynomial):
     *                 then the warmup (through step W), the hold, the anneal and min_lr after max_steps are pieces
     */
    static Schedule schedule(Frame f, boolean hold, Anneal anneal, boolean monotone) {
        long w = f.warmup(), max = f.max();
        Schedule s = step -> {
            if (step <= w && w > 0) {
                return NemoTypes.warmup(f.lr(), step, w);
            }
            if (hold && step >= w && step < f.holdEnd()) {
                return f.lr();
            }
            if (max >= 0 && step > max) {
                return f.min();
            }
            return anneal.at(step);
        };
        Schedule marked = NemoTypes.marked(s, w, max);
        return monotone ? marked.withPieces(Pieces.at(w, Pieces.plus(w, 1), f.holdEnd(), Pieces.plus(max, 1)))
                : marked;
    }
}
