package lrsched.compat.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongToDoubleFunction;

import lrsched.compat.optax.OptaxCurves;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * Keras 3's {@code keras.optimizers.schedules} classes under their own names and constructor arguments. Row
 * {@code s} is {@code schedule(step=s)}, Keras passing {@code optimizer.iterations} (0 for the first update).
 * Source: keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule.py (commit in
 * src/docs/compat/keras.md). Keras computes in float32 by default; lrsched computes Keras' formulas in float64
 * (differences are about 1e-7 of the peak learning rate below step 2^24). The constructor argument {@code name}
 * (the op name) is not a parameter: {@code name} is the spec's column name and does not change values.
 */
public final class KerasTypes implements Catalog {
    private static final Param LR = Param.real("initial_learning_rate", "learning rate at step 0");
    private static final Param DECAY_STEPS = Param.real("decay_steps", "steps per unit of decay; must be > 0");
    private static final Param DECAY_RATE = Param.real("decay_rate", "the decay rate");
    private static final Param STAIRCASE = Param.bool("staircase", "use floor(step / decay_steps)").defaultsTo(false);
    private static final Param BOUNDARIES = Param.reals("boundaries", "steps after which the next value applies");
    private static final Param VALUES = Param.reals("values", "one more value than boundaries");
    private static final Param END_LR = Param.real("end_learning_rate", "value at decay_steps").defaultsTo(0.0001);
    private static final Param POWER = Param.real("power", "exponent of the polynomial").defaultsTo(1.0);
    private static final Param CYCLE = Param.bool("cycle", "restart beyond decay_steps").defaultsTo(false);
    private static final Param ALPHA = Param.real("alpha", "floor as a fraction of the peak").defaultsTo(0.0);
    private static final Param WARMUP_TARGET = Param.real("warmup_target",
            "peak reached after the warmup (none: no warmup)").optional();
    private static final Param WARMUP_STEPS = Param.real("warmup_steps", "steps of the linear warmup")
            .defaultsTo(0.0);
    private static final Param FIRST_DECAY_STEPS = Param.real("first_decay_steps",
            "length of the first cycle; must be > 0");
    private static final Param T_MUL = Param.real("t_mul", "each cycle is t_mul times longer than the one before")
            .defaultsTo(2.0);
    private static final Param M_MUL = Param.real("m_mul", "each cycle's peak is m_mul times the one before")
            .defaultsTo(1.0);

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(TypeDef.builder("keras.ExponentialDecay", "initial_learning_rate * decay_rate^(step / decay_steps)")
                .formula("p = t / decay_steps (floored when staircase)\nf(t) = initial_learning_rate * decay_rate^p")
                .notes("decay_steps need not be an integer; decay_rate > 1 grows without bound.")
                .params(LR, DECAY_STEPS, DECAY_RATE, STAIRCASE)
                .build(a -> OptaxCurves.exponential(a.real(LR), decaySteps(a, DECAY_STEPS), a.real(DECAY_RATE), 0,
                        a.bool(STAIRCASE))));

        all.add(TypeDef.builder("keras.PiecewiseConstantDecay", "fixed values; the next one starts after a boundary")
                .formula("f(t) = values[0] if t <= boundaries[0]; values[i] if boundaries[i-1] < t <= boundaries[i];"
                        + "\n       values[-1] if t > boundaries[-1]")
                .notes("A value changes one step AFTER its boundary (step > boundary), unlike "
                        + "optax.piecewise_constant_schedule and torch's MultiStepLR. Keras adds one term per "
                        + "interval and does not check the order, so with boundaries out of order several values "
                        + "add up (or none applies, giving 0). Boundaries are cast to the integer step type: "
                        + "10.7 acts as 10. values needs one more element than boundaries, and at least one "
                        + "boundary (Keras accepts none but then fails on every call).")
                .params(BOUNDARIES, VALUES)
                .build(KerasTypes::piecewiseConstant));

        all.add(TypeDef.builder("keras.PolynomialDecay", "polynomial from initial_learning_rate to end_learning_rate")
                .formula("no cycle: t' = min(t, D); cycle: D' = D * ceil(t / D) (D' = D at t = 0)\n"
                        + "f(t) = (initial_learning_rate - end_learning_rate) * (1 - t'/D')^power + end_learning_rate")
                .notes("With cycle the ramp restarts after each multiple of decay_steps, each time over a longer "
                        + "decay (the first multiple of decay_steps at or above t): step k*D gives "
                        + "end_learning_rate, step k*D+1 jumps up again. end_learning_rate defaults to 0.0001, "
                        + "not 0. power 0 keeps initial_learning_rate forever (0^0 = 1).")
                .params(LR, DECAY_STEPS, END_LR, POWER, CYCLE)
                .build(KerasTypes::polynomial));

        all.add(TypeDef.builder("keras.InverseTimeDecay", "initial_learning_rate / (1 + decay_rate * step / decay_steps)")
                .formula("p = t / decay_steps (floored when staircase)\n"
                        + "f(t) = initial_learning_rate / (1 + decay_rate * p)")
                .params(LR, DECAY_STEPS, DECAY_RATE, STAIRCASE)
                .build(a -> {
                    double lr = a.real(LR), steps = decaySteps(a, DECAY_STEPS);
                    double rate = a.real(DECAY_RATE);
                    boolean staircase = a.bool(STAIRCASE);
                    LongToDoubleFunction denominator = t -> {
                        double p = t / steps;
                        return 1.0 + rate * (staircase ? Math.floor(p) : p);
                    };
                    Schedule s = t -> lr / denominator.applyAsDouble(t);
                    // the denominator moves one way (p rises); lr / d is monotone on each side of d = 0, which a
                    // negative decay_rate crosses once
                    return s.withPieces(Pieces.whereChanges(0, t -> {
                        double d = denominator.applyAsDouble(t);
                        return d > 0 ? 0 : d == 0 ? 1 : 2;
                    }));
                }));

        all.add(TypeDef.builder("keras.CosineDecay", "optional linear warmup, then cosine decay to alpha * peak")
                .formula("no warmup_target: f(t) = lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(t, D) / D)) + alpha)\n"
                        + "warmup_target: t' = min(t, D + W); t' < W: lr + (warmup_target - lr) * t' / W;\n"
                        + "               else warmup_target * ((1 - alpha) * 0.5 * (1 + cos(pi (t' - W) / D)) + alpha)"
                        + "\n(lr = initial_learning_rate, D = decay_steps, W = warmup_steps)")
                .notes("decay_steps EXCLUDE the warmup (optax.warmup_cosine_decay_schedule's include it): the floor "
                        + "is reached at W + D. alpha is a fraction of the peak (warmup_target, or "
                        + "initial_learning_rate without warmup), not an absolute floor, and is not checked "
                        + "(alpha > 1 rises). Holds its final value after the decay. warmup_steps only counts "
                        + "when warmup_target is given; warmup_target with warmup_steps 0 decays from "
                        + "warmup_target and never shows initial_learning_rate.")
                .params(LR, DECAY_STEPS.describedAs("steps of the cosine, after the warmup; must be > 0"), ALPHA,
                        WARMUP_TARGET, WARMUP_STEPS)
                .build(KerasTypes::cosine));

        all.add(TypeDef.builder("keras.CosineDecayRestarts", "SGDR: cosine cycles, each t_mul longer, m_mul lower")
                .formula("cycle i lasts first_decay_steps * t_mul^i steps; at fraction x of it:\n"
                        + "f(t) = lr * ((1 - alpha) * m_mul^i * 0.5 * (1 + cos(pi x)) + alpha)")
                .notes("alpha is a fraction of initial_learning_rate and is NOT scaled by m_mul: later cycles "
                        + "fall to the same floor from lower peaks. Keras locates the cycle with "
                        + "floor(log(1 - f(1 - t_mul)) / log(t_mul)), f = t / first_decay_steps; in float64 that "
                        + "floor is one cycle short at some exact restarts (t_mul 3 at f = 121; t_mul 10 at "
                        + "f = 111), which float32 Keras gets right, so lrsched corrects the cycle index there. "
                        + "t_mul < 1 shrinks the cycles: from step first_decay_steps / (1 - t_mul) on Keras "
                        + "returns NaN; lrsched refuses those steps, naming the first one.")
                .params(LR, FIRST_DECAY_STEPS, T_MUL, M_MUL,
                        ALPHA.describedAs("floor as a fraction of initial_learning_rate"))
                .build(a -> Restarts.of(a.real(LR), decaySteps(a, FIRST_DECAY_STEPS), a.real(T_MUL), a.real(M_MUL),
                        a.real(ALPHA))));
        all.add(ReduceLrOnPlateau.type());
        return all.stream().map(t -> t.wrapping(s -> OptaxCurves.finiteOnly(s, "Keras"))).toList();
    }

    /** Keras' check of decay_steps and first_decay_steps, with its message. */
    private static double decaySteps(Args a, Param param) {
        double steps = a.real(param);
        String name = param.name();
        a.check(steps > 0, param, () -> "Argument `" + name + "` must be > 0. Received: " + name + "=" + python(steps));
        return steps;
    }

    private static Schedule piecewiseConstant(Args a) {
        double[] bounds = a.reals(BOUNDARIES);
        double[] values = a.reals(VALUES);
        a.check(bounds.length == values.length - 1, VALUES, () -> "The length of boundaries should be 1 less than "
                + "the length of values. Received: boundaries=" + list(bounds) + " of length " + bounds.length
                + ", and values=" + list(values) + " of length " + values.length + ".");
        a.check(bounds.length > 0, BOUNDARIES, () -> "needs at least one boundary (Keras accepts none, then "
                + "raises IndexError: list index out of range on every call)");
        long[] steps = Arrays.stream(bounds).mapToLong(b -> (long) b).toArray();
        int last = steps.length - 1;
        // the sum changes only one step after a boundary: constant pieces
        Schedule s = t -> {
            double total = 0;
            if (t <= steps[0]) {
                total += values[0];
            }
            if (t > steps[last]) {
                total += values[last + 1];
            }
            for (int i = 1; i <= last; i++) {
                if (steps[i - 1] < t && t <= steps[i]) {
                    total += values[i];
                }
            }
            return total;
        };
        return s.withPieces(Pieces.at(Arrays.stream(steps).map(b -> Pieces.plus(b, 1)).toArray()));
    }

    private static Schedule polynomial(Args a) {
        double lr = a.real(LR), steps = decaySteps(a, DECAY_STEPS);
        double end = a.real(END_LR), power = a.real(POWER);
        if (!a.bool(CYCLE)) {
            return OptaxCurves.polynomial(lr, end, power, steps, 0).withNominalEnd((long) Math.ceil(steps));
        }
        return t -> {
            double period = steps * (t == 0 ? 1.0 : Math.ceil(t / steps));
            return (lr - end) * Math.pow(1 - t / period, power) + end;
        };
    }

    private static Schedule cosine(Args a) {
        double lr = a.real(LR), steps = decaySteps(a, DECAY_STEPS);
        double alpha = a.real(ALPHA);
        if (!a.has(WARMUP_TARGET)) {
            return OptaxCurves.cosine(lr, steps, alpha, 1).withNominalEnd((long) Math.ceil(steps));
        }
        double target = a.real(WARMUP_TARGET), warmup = a.real(WARMUP_STEPS);
        Schedule s = t -> {
            double held = Math.min(t, steps + warmup);
            if (held < warmup) {
                return (target - lr) * (held / warmup) + lr;
            }
            return OptaxCurves.cosineAt(target, steps, alpha, 1, held - warmup);
        };
        return s.withWarmupEnd((long) Math.ceil(Math.max(0, warmup)))
                .withNominalEnd((long) Math.ceil(Math.max(0, steps + warmup)));
    }

    /** Python's repr of a number that came from YAML: integers without ".0". */
    static String python(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String list(double[] xs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < xs.length; i++) {
            b.append(i == 0 ? "" : ", ").append(python(xs[i]));
        }
        return b.append(']').toString();
    }
}
