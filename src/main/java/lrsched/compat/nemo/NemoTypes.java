package lrsched.compat.nemo;

import java.util.ArrayList;
import java.util.List;

import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * NeMo's schedulers (nemo/core/optim/lr_scheduler.py, the names of {@code model.optim.sched.name}) under their
 * class names and keyword arguments.
 *
 * <p>Index convention: NeMo hands the scheduler to PyTorch Lightning with interval 'step'. The constructor applies
 * step 0 ({@code last_epoch = 0}) and Lightning calls {@code scheduler.step()} after every optimizer step, so row s
 * (the LR of optimizer update s) is {@code get_lr()} at {@code last_epoch = s}. Every NeMo scheduler is a closed
 * form of that step, written here as f(s). See src/docs/compat/nemo.md.
 */
public final class NemoTypes implements Catalog {
    static final Param LR = Param.real("lr", "the optimizer's lr (model.optim.lr): the scheduler's base LR");
    static final Param MAX_STEPS = Param.integer("max_steps",
            "total optimizer steps (NeMo fills it from trainer.max_steps or the epochs)").nonNegative();
    static final Param WARMUP_STEPS = Param.integer("warmup_steps", "warmup length in steps").optional()
            .nonNegative();
    static final Param WARMUP_RATIO = Param.real("warmup_ratio",
            "warmup length as a share of max_steps: int(warmup_ratio * max_steps)").optional().nonNegative();
    static final Param HOLD_STEPS = Param.integer("hold_steps", "steps to hold lr after the warmup").optional()
            .nonNegative();
    static final Param HOLD_RATIO = Param.real("hold_ratio",
            "hold length as a share of max_steps: int(hold_ratio * max_steps)").optional().nonNegative();
    static final Param CONSTANT_STEPS = Param.integer("constant_steps",
            "steps at min_lr at the end (> 0 switches CosineAnnealing to Megatron's style)").optional()
            .nonNegative();
    static final Param CONSTANT_RATIO = Param.real("constant_ratio",
            "constant_steps as a share of max_steps: int(constant_ratio * max_steps)").optional().nonNegative();
    static final Param MIN_LR = Param.real("min_lr", "the LR after max_steps (and the floor of the decay)")
            .defaultsTo(0.0);
    static final Param POWER = Param.real("power", "exponent of the polynomial decay").defaultsTo(1.0);
    static final Param CYCLE = Param.bool("cycle", "stretch the decay to the next multiple of its length")
            .defaultsTo(false);

    static final String ROW_NOTE = "Row s is get_lr() at last_epoch = s (the constructor applies step 0; "
            + "Lightning steps the scheduler after every optimizer step). lr is the optimizer's lr.";
    static final String WARMUP_FORMULA = "W = warmup_steps (or int(warmup_ratio * max_steps)), M = max_steps\n"
            + "s <= W (W > 0): lr * (s + 1) / (W + 1)\n";
    static final String PAIR = "Either use particular number of step or ratio";

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>(WarmupFamily.types());
        all.addAll(AnnealHoldFamily.types());
        all.addAll(NoamFamily.types());
        return all;
    }

    /**
     * Steps from a count or a ratio of max_steps, as NeMo's constructors resolve them ({@code max} negative when
     * there is none); 0 when neither is given.
     */
    static long steps(Args a, Param count, Param ratio, long max, String bothMessage) {
        a.check(!(a.has(count) && a.has(ratio)), ratio, () -> "AssertionError: " + bothMessage + " (give "
                + count.name() + " or " + ratio.name() + ", not both)");
        if (a.has(count)) {
            return a.integer(count);
        }
        if (a.has(ratio)) {
            a.check(max >= 0, ratio, () -> "AssertionError: If there is a ratio, there should be a total steps "
                    + "(give max_steps)");
            return (long) (a.real(ratio) * max);
        }
        return 0;
    }

    static long warmupSteps(Args a, long max) {
        return steps(a, WARMUP_STEPS, WARMUP_RATIO, max, PAIR);
    }

    /** {@code num / den} as Python divides: a zero divisor raises ZeroDivisionError at this row. */
    static double divide(long row, double num, double den) {
        if (den == 0) {
            throw new StepOutOfRangeException(row, "ZeroDivisionError: float division by zero (NeMo divides by "
                    + "a decay length of 0 at this step)");
        }
        return num / den;
    }

    /** A value Python's math.pow would refuse (0 to a negative power) or overflow on. */
    static double finite(long row, double value) {
        if (!Double.isFinite(value)) {
            throw new StepOutOfRangeException(row, "ValueError: math domain error (the decay's power of 0 is "
                    + "infinite at this step)");
        }
        return value;
    }

    /** NeMo's linear warmup of the WarmupPolicy family: lr * (s + 1) / (W + 1). */
    static double warmup(double lr, long s, long w) {
        return lr * ((double) (s + 1) / (w + 1));
    }

    /** Python's {@code max(a, b)}: the first unless the second is greater. */
    static double pyMax(double a, double b) {
        return b > a ? b : a;
    }

    static Schedule marked(Schedule s, long warmup, long max) {
        Schedule marked = s.withWarmupEnd(warmup);
        return max >= 0 ? marked.withNominalEnd(max) : marked;
    }
}
