package lrsched.natives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.expr.Expression;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.Range;
import lrsched.registry.StepValues;
import lrsched.registry.TypeDef;
import lrsched.schedule.Composite;
import lrsched.schedule.Cycles;
import lrsched.schedule.Shapes;
import lrsched.schedule.Warmup;

/**
 * lrsched's own schedule families, with one shared vocabulary: {@code lr} (peak or base LR), {@code min_lr},
 * {@code warmup} (steps) and {@code total} (the step where the decay ends, counted from step 0 with the warmup
 * included). All step parameters are absolute steps on the same axis as the output; the decay starts when the
 * warmup ends. Formulas are in src/docs/schedules.md and {@code lrsched types NAME}.
 */
public final class NativeTypes implements Catalog {
    static final Param LR = Param.real("lr", "peak (base) learning rate").nonNegative();
    static final Param MIN_LR = Param.real("min_lr", "learning rate the decay ends at").defaultsTo(0.0)
            .nonNegative();
    static final Param TOTAL = Param.integer("total",
            "step where the decay ends, counted from step 0 (warmup included)").positive();
    static final Param WARMUP = Param.integer("warmup", "warmup steps: the LR ramps up over steps [0, warmup)")
            .defaultsTo(0).nonNegative();
    static final Param WARMUP_SHAPE = Param.choice("warmup_shape", "shape of the warmup ramp",
            "linear", "cosine", "exponential");
    static final Param WARMUP_FROM = Param.real("warmup_from",
            "learning rate at step 0 when warming up (must be > 0 for an exponential ramp)").defaultsTo(0.0)
            .nonNegative();
    /** Decay factors: growth (gamma > 1) would overflow at large steps; curves that grow are written with expr. */
    static final Range DECAY_FACTOR = Range.between(0, false, 1, true);

    // Each type's own parameters, in the order of the types. A parameter that several types declare differently
    // (gamma, decay_steps, step_size, boundaries, schedules) has one constant per type, prefixed with the type.

    private static final Param POWER = Param.real("power", "exponent (1 is linear)").defaultsTo(1.0).positive();

    private static final Param EXPONENTIAL_GAMMA = Param.real("gamma",
            "factor per decay_steps (a decay: at most 1; for growth use expr)").in(DECAY_FACTOR);
    private static final Param EXPONENTIAL_DECAY_STEPS = Param.integer("decay_steps", "steps per factor of gamma")
            .defaultsTo(1).positive();
    private static final Param STAIRCASE = Param.bool("staircase", "decay in whole steps of decay_steps")
            .defaultsTo(false);

    private static final Param STEP_SIZE = Param.integer("step_size", "steps between decays").positive();
    private static final Param STEP_GAMMA = Param.real("gamma", "factor applied at each decay").defaultsTo(0.1)
            .in(DECAY_FACTOR);

    private static final Param MILESTONES = Param.integers("milestones", "steps where the LR is multiplied by gamma")
            .nonNegative();
    private static final Param MULTISTEP_GAMMA = Param.real("gamma", "factor applied at each milestone")
            .defaultsTo(0.1).in(DECAY_FACTOR);

    private static final Param PIECEWISE_BOUNDARIES = Param.integers("boundaries",
            "increasing steps where the next value starts").nonNegative();
    private static final Param VALUES = Param.reals("values", "one more value than boundaries").nonNegative();

    private static final Param POINTS = Param.stepValues("points", "(step, lr) points: {0: 0.0, 1000: 1.0e-3, "
            + "10000: 1.0e-5} or [[0, 0.0], [1000, 1.0e-3]]").nonNegative();
    private static final Param INTERPOLATION = Param.choice("interpolation", "shape between points", "linear",
            "cosine");

    private static final Param TIMESCALE = Param.real("timescale", "steps for the LR to fall by 1/sqrt(2)")
            .defaultsToComputed("warmup, or 1 without warmup").positive();

    private static final Param DECAY_RATE = Param.real("decay_rate", "how fast the LR falls").nonNegative();
    private static final Param INVERSE_TIME_DECAY_STEPS = Param.integer("decay_steps", "steps per unit of decay")
            .defaultsTo(1).positive();

    private static final Param D_MODEL = Param.integer("d_model", "model width").positive();
    /** noam's own warmup: required, and no warmup_shape or warmup_from beside it. */
    private static final Param NOAM_WARMUP = Param.integer("warmup", "steps of linear increase").positive();
    private static final Param SCALE = Param.real("scale", "extra factor (the tutorial's 1.0; some codebases use 2.0)")
            .defaultsTo(1.0).positive();

    private static final Param PERIOD = Param.integer("period", "steps in the first cycle").positive();
    private static final Param PERIOD_MULT = Param.real("period_mult",
            "each cycle is this much longer than the one before").defaultsTo(1.0).atLeast(1);
    private static final Param PEAK_DECAY = Param.real("peak_decay",
            "each cycle's peak is this fraction of the one before").defaultsTo(1.0)
            .in(Range.between(0, false, 1, true));
    private static final Param MAX_CYCLES = Param.integer("max_cycles",
            "stop restarting after this many cycles (then min_lr)").optional().positive();

    private static final Param CYCLIC_STEP_SIZE = Param.integer("step_size", "steps from bottom to top").positive();
    private static final Param STEP_SIZE_DOWN = Param.integer("step_size_down", "steps from top to bottom")
            .defaultsToComputed("step_size").positive();
    private static final Param MODE = Param.choice("mode", "amplitude policy", "triangular", "triangular2",
            "exp_range");
    private static final Param CYCLIC_GAMMA = Param.real("gamma", "amplitude factor per step in exp_range mode")
            .defaultsTo(1.0).in(DECAY_FACTOR);

    private static final Param PCT_START = Param.real("pct_start", "fraction of total spent rising").defaultsTo(0.3)
            .in(Range.between(0, false, 1, false));
    private static final Param ANNEAL = Param.choice("anneal", "shape of each phase", "cos", "linear");
    private static final Param DIV_FACTOR = Param.real("div_factor", "start = lr / div_factor").defaultsTo(25.0)
            .positive();
    private static final Param FINAL_DIV_FACTOR = Param.real("final_div_factor", "end = start / final_div_factor")
            .defaultsTo(1e4).positive();
    private static final Param THREE_PHASE = Param.bool("three_phase", "fall back to start before annealing to end")
            .defaultsTo(false);

    private static final Param WSD_DECAY_STEPS = Param.integer("decay_steps", "length of the final decay")
            .positive();
    private static final Param DECAY_SHAPE = Param.choice("decay_shape", "shape of the decay", "linear", "cosine",
            "1-sqrt");

    private static final Param LOWER = Param.real("lower", "tanh argument at the start").defaultsTo(-7.0);
    private static final Param UPPER = Param.real("upper", "tanh argument at the end").defaultsTo(3.0);

    private static final Param FORMULA = Param.expression("formula", "step", "the learning rate as a formula of step");

    private static final Param SEQUENCE_SCHEDULES = Param.schedules("schedules", "the child schedules, in order");
    private static final Param SEQUENCE_BOUNDARIES = Param.integers("boundaries",
            "steps where the next child starts (one fewer than schedules)").positive();

    private static final Param PRODUCT_SCHEDULES = Param.schedules("schedules", "the factors");

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(monotone(TypeDef.builder("constant", "the same learning rate at every step")
                .formula("f(t) = lr").params(LR), a -> {
                    double lr = a.real(LR);
                    return t -> lr;
                }));

        all.add(monotone(TypeDef.builder("linear", "straight line from lr (at warmup end) to min_lr (at total)")
                .formula("p = clamp((t - warmup) / (total - warmup), 0, 1)\nf(t) = lr + (min_lr - lr) * p")
                .params(LR, MIN_LR, TOTAL), a -> {
                    Progress p = Progress.of(a);
                    double lr = a.real(LR), min = a.real(MIN_LR);
                    return t -> Shapes.linear(lr, min, p.at(t));
                }));

        all.add(monotone(TypeDef.builder("cosine", "half cosine from lr (at warmup end) to min_lr (at total)")
                .formula("p = clamp((t - warmup) / (total - warmup), 0, 1)\n"
                        + "f(t) = min_lr + (lr - min_lr) * (1 + cos(pi * p)) / 2")
                .params(LR, MIN_LR, TOTAL), a -> {
                    Progress p = Progress.of(a);
                    double lr = a.real(LR), min = a.real(MIN_LR);
                    return t -> Shapes.cosine(lr, min, p.at(t));
                }));

        all.add(monotone(TypeDef.builder("polynomial", "polynomial decay from lr to min_lr at total")
                .formula("p = clamp((t - warmup) / (total - warmup), 0, 1)\n"
                        + "f(t) = min_lr + (lr - min_lr) * (1 - p)^power")
                .params(LR, MIN_LR, TOTAL, POWER), a -> {
                    Progress p = Progress.of(a);
                    double lr = a.real(LR), min = a.real(MIN_LR), power = a.real(POWER);
                    return t -> min + (lr - min) * Math.pow(1 - p.at(t), power);
                }));

        all.add(monotone(TypeDef.builder("exponential", "multiply by gamma every decay_steps (smoothly or in stairs)")
                .formula("e = (t - warmup) / decay_steps (floored when staircase)\nf(t) = max(min_lr, lr * gamma^e)")
                .params(LR, EXPONENTIAL_GAMMA, EXPONENTIAL_DECAY_STEPS, STAIRCASE,
                        MIN_LR.describedAs("floor: the LR never goes below it")), a -> {
                    double lr = a.real(LR), gamma = a.real(EXPONENTIAL_GAMMA), min = a.real(MIN_LR);
                    long w = a.integer(WARMUP), every = a.integer(EXPONENTIAL_DECAY_STEPS);
                    boolean stairs = a.bool(STAIRCASE);
                    return t -> {
                        double e = stairs ? Math.floorDiv(Math.max(0, t - w), every)
                                : (double) Math.max(0, t - w) / every;
                        return Math.max(min, lr * Math.pow(gamma, e));
                    };
                }));

        all.add(monotone(TypeDef.builder("step", "multiply by gamma every step_size steps")
                .formula("f(t) = lr * gamma^floor((t - warmup) / step_size)")
                .params(LR, STEP_SIZE, STEP_GAMMA), a -> {
                    double lr = a.real(LR), gamma = a.real(STEP_GAMMA);
                    long w = a.integer(WARMUP), size = a.integer(STEP_SIZE);
                    return t -> lr * Math.pow(gamma, Math.floorDiv(Math.max(0, t - w), size));
                }));

        all.add(monotone(TypeDef.builder("multistep", "multiply by gamma at each milestone step")
                .formula("f(t) = lr * gamma^(number of milestones <= t)   (a repeated milestone counts twice)")
                .params(LR, MILESTONES, MULTISTEP_GAMMA), a -> {
                    double lr = a.real(LR), gamma = a.real(MULTISTEP_GAMMA);
                    long[] marks = a.integers(MILESTONES);
                    Arrays.sort(marks);
                    return t -> lr * Math.pow(gamma, Shapes.countAtOrBelow(marks, t));
                }));

        all.add(warmed(TypeDef.builder("piecewise_constant", "fixed values between boundary steps")
                .formula("f(t) = values[i] where i = number of boundaries <= t")
                .params(PIECEWISE_BOUNDARIES, VALUES), a -> {
                    long[] bounds = a.integers(PIECEWISE_BOUNDARIES);
                    double[] values = a.reals(VALUES);
                    increasing(a, PIECEWISE_BOUNDARIES, bounds);
                    a.check(values.length == bounds.length + 1, VALUES, () -> "needs one more value than "
                            + PIECEWISE_BOUNDARIES.name() + " (" + (bounds.length + 1) + "), got " + values.length);
                    Schedule f = t -> values[Shapes.countAtOrBelow(bounds, t)];
                    return f.withPieces(Pieces.at(bounds));
                }));

        all.add(warmed(TypeDef.builder("interpolate", "linear or cosine interpolation between (step, lr) points")
                .formula("between points (s0, v0) and (s1, v1): p = (t - s0) / (s1 - s0), "
                        + "f(t) = v0 + (v1 - v0) * p (linear) or cosine(v0 -> v1, p);\n"
                        + "before the first point: its value; after the last: its value")
                .params(POINTS, INTERPOLATION), a -> {
                    StepValues points = a.stepValues(POINTS);
                    a.check(points.size() >= 1, POINTS, () -> "needs at least one point");
                    long[] steps = points.steps();
                    double[] values = points.values();
                    increasing(a, POINTS, steps);
                    boolean cos = a.choice(INTERPOLATION).equals("cosine");
                    Schedule f = t -> {
                        int i = Shapes.countAtOrBelow(steps, t);
                        if (i == 0) {
                            return values[0];
                        }
                        if (i == steps.length) {
                            return values[steps.length - 1];
                        }
                        double p = (double) (t - steps[i - 1]) / (steps[i] - steps[i - 1]);
                        return cos ? Shapes.cosine(values[i - 1], values[i], p)
                                : Shapes.linear(values[i - 1], values[i], p);
                    };
                    // each segment is a monotone formula of its step: a piece per point
                    return f.withPieces(Pieces.at(steps));
                }));

        all.add(monotone(TypeDef.builder("inverse_sqrt", "decay with the inverse square root of the step")
                .formula("f(t) = lr * sqrt(timescale / (timescale + t - warmup))  for t >= warmup")
                .params(LR, TIMESCALE), a -> {
                    double lr = a.real(LR);
                    long w = a.integer(WARMUP);
                    double scale = a.has(TIMESCALE) ? a.real(TIMESCALE) : Math.max(1, w);
                    return t -> lr * Math.sqrt(scale / (scale + Math.max(0, t - w)));
                }));

        all.add(monotone(TypeDef.builder("inverse_time", "lr / (1 + decay_rate * elapsed / decay_steps)")
                .formula("e = (t - warmup) / decay_steps (floored when staircase)\nf(t) = lr / (1 + decay_rate * e)")
                .params(LR, DECAY_RATE, INVERSE_TIME_DECAY_STEPS, STAIRCASE), a -> {
                    double lr = a.real(LR), rate = a.real(DECAY_RATE);
                    long w = a.integer(WARMUP), every = a.integer(INVERSE_TIME_DECAY_STEPS);
                    boolean stairs = a.bool(STAIRCASE);
                    return t -> {
                        double e = stairs ? Math.floorDiv(Math.max(0, t - w), every)
                                : (double) Math.max(0, t - w) / every;
                        return lr / (1 + rate * e);
                    };
                }));

        all.add(TypeDef.builder("noam", "the Transformer paper's schedule (Vaswani et al. 2017)")
                .formula("f(t) = scale * d_model^-0.5 * min(t^-0.5, t * warmup^-1.5)   (f(0) = 0)")
                .notes("Computed with the optimizer's iteration count as the TensorFlow Transformer tutorial does, "
                        + "so step 0 gives 0 and the peak is at step warmup.")
                .params(D_MODEL, NOAM_WARMUP, SCALE)
                .build(a -> {
                    double factor = a.real(SCALE) / Math.sqrt(a.integer(D_MODEL));
                    double w = a.integer(NOAM_WARMUP);
                    double ramp = Math.pow(w, -1.5);
                    Schedule s = t -> t == 0 ? 0 : factor * Math.min(1 / Math.sqrt(t), t * ramp);
                    // the ramp wins below warmup and the decay above it by far more than an ulp: one step of each
                    // side of the turn is its own piece
                    long turn = a.integer(NOAM_WARMUP);
                    return s.withWarmupEnd(turn).withPieces(Pieces.at(turn, Pieces.plus(turn, 1)));
                }));

        all.add(warmed(TypeDef.builder("cosine_restarts", "cosine annealing with warm restarts (SGDR)")
                .formula("cycle i has length period * period_mult^i and starts at lr * peak_decay^i;\n"
                        + "within it f = min_lr + (peak_i - min_lr) * (1 + cos(pi * position / length)) / 2;\n"
                        + "after max_cycles cycles: min_lr")
                .params(LR, MIN_LR, PERIOD, PERIOD_MULT, PEAK_DECAY, MAX_CYCLES), a -> {
                    double lr = a.real(LR), min = a.real(MIN_LR), mult = a.real(PERIOD_MULT);
                    double decay = a.real(PEAK_DECAY);
                    long w = a.integer(WARMUP), period = a.integer(PERIOD);
                    long maxCycles = a.has(MAX_CYCLES) ? a.integer(MAX_CYCLES) : Long.MAX_VALUE;
                    Cycles.Locator cycles = Cycles.locator(period, mult);
                    Schedule s = t -> {
                        long u = Math.max(0, t - w);
                        Cycles.Span c = cycles.at(u);
                        if (c.index() >= maxCycles) {
                            return min;
                        }
                        double peak = lr * Math.pow(decay, c.index());
                        return Shapes.cosine(peak, min, (u - c.begin()) / c.length());
                    };
                    // a piece per cycle (its index never falls: the located starts increase)
                    return s.withPieces(Cycles.pieces(w, t -> cycles.position(t - w),
                            c -> c.offset() / c.length(), 1));
                }));

        all.add(warmed(TypeDef.builder("cyclic", "triangular cycles between min_lr and lr (Smith's CLR)")
                .formula("position in cycle q = (t - warmup) mod (step_size + step_size_down);\n"
                        + "h = q / step_size rising, then 1 - (q - step_size) / step_size_down falling;\n"
                        + "f(t) = min_lr + (lr - min_lr) * h * a, a = 1 (triangular), 0.5^cycle (triangular2), "
                        + "gamma^(t - warmup) (exp_range)")
                .params(LR.describedAs("upper bound of each cycle"), MIN_LR.describedAs("lower bound"),
                        CYCLIC_STEP_SIZE, STEP_SIZE_DOWN, MODE, CYCLIC_GAMMA), a -> {
                    double lr = a.real(LR), min = a.real(MIN_LR), gamma = a.real(CYCLIC_GAMMA);
                    long w = a.integer(WARMUP), up = a.integer(CYCLIC_STEP_SIZE);
                    long down = a.has(STEP_SIZE_DOWN) ? a.integer(STEP_SIZE_DOWN) : up;
                    String mode = a.choice(MODE);
                    Schedule s = t -> {
                        long u = Math.max(0, t - w);
                        long cycle = u / (up + down);
                        long q = u % (up + down);
                        double h = q < up ? (double) q / up : 1 - (double) (q - up) / down;
                        double amp = mode.equals("triangular") ? 1
                                : mode.equals("triangular2") ? Math.pow(0.5, cycle) : Math.pow(gamma, u);
                        return min + (lr - min) * h * amp;
                    };
                    // exp_range's rising half multiplies a rising h by a falling gamma^u: it may turn anywhere
                    if (mode.equals("exp_range") && gamma != 1) {
                        return s;
                    }
                    // the amplitude is constant in a cycle: a piece for each half (h rises, then falls from 1)
                    long cycleLength = up + down;
                    return s.withPieces(step -> {
                        if (step < w) {
                            return w;
                        }
                        long u = step - w;
                        long begin = u - u % cycleLength;
                        return Pieces.plus(w, Pieces.plus(begin, u % cycleLength < up ? up : cycleLength));
                    });
                }));

        all.add(TypeDef.builder("one_cycle", "one-cycle policy: up from lr/div_factor to lr, then down")
                .formula("start = lr / div_factor, end = start / final_div_factor, peak at pct_start * total;\n"
                        + "two phases: start -> lr -> end at total; three_phase: start -> lr -> start "
                        + "(at 2 * pct_start * total) -> end;\nanneal cos or linear; after total: end")
                .params(LR.describedAs("peak learning rate"), TOTAL.describedAs("step where the cycle ends"), PCT_START,
                        ANNEAL, DIV_FACTOR, FINAL_DIV_FACTOR, THREE_PHASE)
                .build(a -> {
                    double lr = a.real(LR), pct = a.real(PCT_START);
                    double start = lr / a.real(DIV_FACTOR);
                    double end = start / a.real(FINAL_DIV_FACTOR);
                    double total = a.integer(TOTAL);
                    boolean cos = a.choice(ANNEAL).equals("cos");
                    boolean three = a.bool(THREE_PHASE);
                    a.check(!three || pct < 0.5, PCT_START, () -> "must be < 0.5 with three_phase (two rising "
                            + "phases of pct_start * total each must fit in total)");
                    double[] ends = three ? new double[] {pct * total, 2 * pct * total, total}
                            : new double[] {pct * total, total};
                    double[] levels = three ? new double[] {start, lr, start, end} : new double[] {start, lr, end};
                    Schedule s = t -> {
                        double from = 0;
                        for (int i = 0; i < ends.length; i++) {
                            if (t <= ends[i]) {
                                double p = (t - from) / (ends[i] - from);
                                return cos ? Shapes.cosine(levels[i], levels[i + 1], p)
                                        : Shapes.linear(levels[i], levels[i + 1], p);
                            }
                            from = ends[i];
                        }
                        return end;
                    };
                    // a piece per phase (p rises from 0 to 1 through a linear or half-cosine shape), then the end
                    Pieces phases = Pieces.whereChanges(0, t -> {
                        int i = 0;
                        while (i < ends.length && t > ends[i]) {
                            i++;
                        }
                        return i;
                    });
                    return s.withPieces(phases).withWarmupEnd(Math.round(pct * total)).withNominalEnd((long) total);
                }));

        all.add(monotone(TypeDef.builder("wsd", "warmup-stable-decay: hold lr, then decay to min_lr by total")
                .formula("stable at lr until total - decay_steps, then with p = progress through the decay:\n"
                        + "linear: lr + (min_lr - lr) * p; cosine: half cosine; 1-sqrt: min_lr + (lr - min_lr) * "
                        + "(1 - sqrt(p))")
                .params(LR, MIN_LR, TOTAL, WSD_DECAY_STEPS, DECAY_SHAPE), a -> {
                    double lr = a.real(LR), min = a.real(MIN_LR);
                    long total = a.integer(TOTAL), decay = a.integer(WSD_DECAY_STEPS), w = a.integer(WARMUP);
                    a.check(decay <= total - w, WSD_DECAY_STEPS, () -> "must fit between warmup end (" + w
                            + ") and " + TOTAL.name() + " (" + total + "): at most " + (total - w) + ", got " + decay);
                    long begin = total - decay;
                    String shape = a.choice(DECAY_SHAPE);
                    return t -> {
                        double p = Shapes.clamp01((double) (t - begin) / decay);
                        switch (shape) {
                            case "cosine": return Shapes.cosine(lr, min, p);
                            case "1-sqrt": return min + (lr - min) * (1 - Math.sqrt(p));
                            default: return Shapes.linear(lr, min, p);
                        }
                    };
                }));

        all.add(monotone(TypeDef.builder("tanh", "hyperbolic-tangent decay from lr to min_lr at total")
                .formula("p = clamp((t - warmup) / (total - warmup), 0, 1)\n"
                        + "f(t) = min_lr + (lr - min_lr) * (1 - tanh(lower + (upper - lower) * p)) / 2")
                .params(LR, MIN_LR, TOTAL, LOWER, UPPER), a -> {
                    Progress p = Progress.of(a);
                    double lr = a.real(LR), min = a.real(MIN_LR), lo = a.real(LOWER), hi = a.real(UPPER);
                    return t -> min + (lr - min) * 0.5 * (1 - Math.tanh(lo + (hi - lo) * p.at(t)));
                }));

        all.add(warmed(TypeDef.builder("expr", "your own formula of step and named parameters")
                .formula("f(t) = formula evaluated with step = t and every extra parameter as a named constant")
                .notes("Python's expression syntax (a lambda's text, lambda step: ..., is read too): + - * / // % "
                        + "**, comparisons, and/or/not, a if c else b; min, max, abs, float, int, round, pow, "
                        + "math.NAME (math.cos, math.log, math.pi, ...) and the bare sqrt, rsqrt, exp, log, cos, sin, "
                        + "tanh, floor, ceil, pi; where Python raises (ZeroDivisionError, math domain error) the step "
                        + "is refused with its message (src/docs/schedules.md, Formulas). Extra numeric keys of the "
                        + "schedule become names: formula: \"peak * min(1, step / ramp)\" with peak: 0.001 and "
                        + "ramp: 500.")
                .openParams()
                .params(FORMULA), a -> {
                    Expression e = a.expression(FORMULA, a.extras());
                    return t -> e.evaluate(t);
                }));

        all.add(warmed(TypeDef.builder("sequence", "child schedules one after another, each on its local step")
                .formula("child i runs from boundaries[i-1] (0 for the first) and sees t - boundaries[i-1]")
                .params(SEQUENCE_SCHEDULES, SEQUENCE_BOUNDARIES), a -> {
                    List<Schedule> children = a.schedules(SEQUENCE_SCHEDULES);
                    long[] bounds = a.integers(SEQUENCE_BOUNDARIES);
                    a.check(!children.isEmpty(), SEQUENCE_SCHEDULES, () -> "needs at least one schedule");
                    a.check(bounds.length == children.size() - 1, SEQUENCE_BOUNDARIES, () -> "needs one fewer "
                            + "boundary than " + SEQUENCE_SCHEDULES.name() + " (" + (children.size() - 1) + "), got "
                            + bounds.length);
                    increasing(a, SEQUENCE_BOUNDARIES, bounds);
                    return Composite.sequence(children, bounds);
                }));

        all.add(warmed(TypeDef.builder("product", "pointwise product of child schedules")
                .formula("f(t) = product of every child at t")
                .params(PRODUCT_SCHEDULES), a -> {
                    List<Schedule> children = a.schedules(PRODUCT_SCHEDULES);
                    a.check(!children.isEmpty(), PRODUCT_SCHEDULES, () -> "needs at least one schedule");
                    return Composite.product(children);
                }));
        return all;
    }

    /** Adds the shared warmup parameters and wraps the schedule in its warmup. */
    private static TypeDef warmed(TypeDef.Builder b, Function<Args, Schedule> factory) {
        b.params(WARMUP, WARMUP_SHAPE, WARMUP_FROM);
        return b.build(a -> {
            long w = a.integer(WARMUP);
            if (a.type().param(TOTAL.name()).isPresent()) {
                long total = a.integer(TOTAL);
                a.check(w < total, WARMUP, () -> "must be shorter than " + TOTAL.name() + " (" + total + "), got "
                        + w);
            }
            Warmup.Shape shape = Warmup.Shape.valueOf(a.choice(WARMUP_SHAPE).toUpperCase(Locale.ROOT));
            double from = a.real(WARMUP_FROM);
            a.check(shape != Warmup.Shape.EXPONENTIAL || w == 0 || from > 0, WARMUP_FROM,
                    () -> "must be > 0 for an exponential warmup (it multiplies up from " + WARMUP_FROM.name() + ")");
            Schedule s = Warmup.of(factory.apply(a), w, shape, from);
            return a.type().param(TOTAL.name()).isPresent() ? s.withNominalEnd(a.integer(TOTAL)) : s;
        });
    }

    /**
     * A warmed type whose decay is monotone at every step: its formula applies only monotone operations (clamp, IEEE
     * arithmetic, floor, Math's semi-monotonic pow/cos/sqrt/tanh) to the step, once, so one piece after the warmup.
     */
    private static TypeDef monotone(TypeDef.Builder b, Function<Args, Schedule> factory) {
        return warmed(b, a -> factory.apply(a).withPieces(Pieces.ONE));
    }

    private static void increasing(Args a, Param param, long[] steps) {
        for (int i = 1; i < steps.length; i++) {
            long prev = steps[i - 1], cur = steps[i];
            a.check(cur > prev, param, () -> "steps must increase, but " + cur + " follows " + prev);
        }
    }

    /** Progress through the decay from warmup end to total, in [0, 1]. */
    private record Progress(long start, long end) {
        static Progress of(Args a) {
            return new Progress(a.integer(WARMUP), a.integer(TOTAL));
        }

        double at(long t) {
            return Shapes.clamp01((double) (t - start) / (end - start));
        }
    }
}
