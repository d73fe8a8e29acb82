package lrsched.compat.nemo;

import static lrsched.compat.nemo.NemoTypes.CONSTANT_RATIO;
import static lrsched.compat.nemo.NemoTypes.CONSTANT_STEPS;
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
import lrsched.core.StepOutOfRangeException;
import lrsched.registry.Args;
import lrsched.registry.TypeDef;

/** WarmupAnnealHoldPolicy and CosineAnnealing (with Megatron's variant when constant_steps > 0). */
final class AnnealHoldFamily {
    private AnnealHoldFamily() {}

    /** One phase of WarmupAnnealHoldPolicy.get_lr. */
    private interface Phase {
        double at(long s);
    }

    /** The resolved arguments: W, C, D = M - (C + W). */
    private record Frame(double lr, double min, long warmup, long constant, long decay, long max) {}

    private static final String FRAME_FORMULA = "W = warmup_steps (or int(warmup_ratio * M)), C = constant_steps (or "
            + "int(constant_ratio * M)), M = max_steps, D = M - (C + W)\n";

    static List<TypeDef> types() {
        return List.of(policy(), cosine());
    }

    private static TypeDef policy() {
        return TypeDef.builder("nemo.WarmupAnnealHoldPolicy", "linear warmup, lr, then min_lr for the last "
                        + "constant_steps")
                .formula(FRAME_FORMULA + "s <= W (W > 0): lr * (s + 1) / (W + 1)\n"
                        + "W + D < s <= M (C > 0): min_lr\ns > M: min_lr\notherwise: lr")
                .notes(ROW_NOTE + " The base class of CosineAnnealing (not in NeMo's AVAILABLE_SCHEDULERS, so a "
                        + "config cannot name it).")
                .params(params())
                .build(a -> {
                    Frame f = frame(a);
                    return schedule(f, s -> NemoTypes.warmup(f.lr(), s, f.warmup()), s -> f.min(), s -> f.lr());
                });
    }

    private static TypeDef cosine() {
        return TypeDef.builder("nemo.CosineAnnealing", "linear warmup, then cosine decay to min_lr at max_steps "
                        + "(Megatron's style when constant_steps > 0)")
                .formula(FRAME_FORMULA + "C = 0:\n"
                        + "  s <= W (W > 0): lr * (s + 1) / (W + 1)\n"
                        + "  W < s <= M: (lr - min_lr) * 0.5 * (1 + cos(pi * (s - W) / (M - W))) + min_lr\n"
                        + "C > 0 (Megatron):\n"
                        + "  s <= W (W > 0): lr * s / W\n"
                        + "  W < s <= W + D: min_lr + 0.5 * (cos(pi * (s - W) / D) + 1) * (lr - min_lr)\n"
                        + "  W + D < s: min_lr\n"
                        + "s > M: min_lr")
                .notes(ROW_NOTE + " With constant_steps (or constant_ratio) > 0 the warmup starts at 0 and the "
                        + "cosine ends after D = M - C - W steps, holding min_lr for the last C steps. min_lr above "
                        + "lr is refused (NeMo raises ValueError after the warmup, or AssertionError in the "
                        + "Megatron style, at the constructor).")
                .params(params())
                .build(AnnealHoldFamily::cosineSchedule);
    }

    private static List<lrsched.registry.Param> params() {
        return List.of(LR, MAX_STEPS, WARMUP_STEPS, WARMUP_RATIO, CONSTANT_STEPS, CONSTANT_RATIO, MIN_LR);
    }

    private static Schedule cosineSchedule(Args a) {
        Frame f = frame(a);
        double lr = f.lr(), min = f.min();
        long w = f.warmup(), max = f.max();
        if (f.constant() == 0) {
            boolean decays = w == 0 || max > w;
            a.check(!decays || lr >= min, MIN_LR, () -> "ValueError: CosineAnnealing received an initial learning "
                    + "rate that was lower than the minimum learning rate (lr " + lr + " < min_lr " + min + ")");
            return schedule(f, s -> NemoTypes.warmup(lr, s, w), s -> min, s -> {
                double mult = 0.5 * (1 + Libm.cos(NemoTypes.divide(s, Math.PI * (s - w), max - w)));
                return (lr - min) * mult + min;
            });
        }
        // every row of Megatron's style goes through _linear_warmup_with_cosine_annealing, which asserts first
        a.check(lr > min, MIN_LR, () -> "AssertionError: assert max_lr > min_lr (Megatron-style CosineAnnealing "
                + "needs lr " + lr + " above min_lr " + min + ")");
        Phase megatron = s -> megatron(f, s);
        return schedule(f, megatron, megatron, megatron);
    }

    /** NeMo's {@code _linear_warmup_with_cosine_annealing} (Megatron-LM's cosine). */
    private static double megatron(Frame f, long s) {
        long w = f.warmup(), d = f.decay();
        if (w > 0 && s <= w) {
            return f.lr() * (double) s / (double) w;
        }
        if (s > w + d) {
            return f.min();
        }
        double ratio = NemoTypes.divide(s, s - w, d);
        if (ratio < 0 || ratio > 1) {
            throw new StepOutOfRangeException(s, "AssertionError: decay_ratio " + ratio + " outside [0, 1]");
        }
        double coeff = 0.5 * (Libm.cos(Math.PI * ratio) + 1.0);
        return f.min() + coeff * (f.lr() - f.min());
    }

    private static Frame frame(Args a) {
        long max = a.integer(MAX_STEPS);
        long w = NemoTypes.steps(a, WARMUP_STEPS, WARMUP_RATIO, max, NemoTypes.PAIR);
        long c = NemoTypes.steps(a, CONSTANT_STEPS, CONSTANT_RATIO, max, "Either use constant_steps or "
                + "constant_ratio");
        return new Frame(a.real(LR), a.real(MIN_LR), w, c, max - (c + w), max);
    }

    /** WarmupAnnealHoldPolicy.get_lr with a class's warmup, constant and anneal phases. */
    private static Schedule schedule(Frame f, Phase warmup, Phase constant, Phase anneal) {
        long w = f.warmup(), max = f.max();
        Schedule s = step -> {
            if (w > 0 && step <= w) {
                return warmup.at(step);
            }
            if (f.constant() > 0 && w + f.decay() < step && step <= max) {
                return constant.at(step);
            }
            if (step > max) {
                return f.min();
            }
            return anneal.at(step);
        };
        // each phase is monotone (a line, a constant, a cosine over [0, pi]): a piece each
        return NemoTypes.marked(s, w, max).withPieces(Pieces.at(Pieces.plus(w, 1),
                Pieces.plus(Pieces.plus(w, f.decay()), 1), Pieces.plus(max, 1)));
    }
}
