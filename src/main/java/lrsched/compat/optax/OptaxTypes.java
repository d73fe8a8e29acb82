package lrsched.compat.optax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.StepValues;
import lrsched.registry.TypeDef;

/**
 * optax's schedule functions under their own names and keyword arguments. Row {@code s} is
 * {@code schedule(count=s)}. Source: google-deepmind/optax optax/schedules/_schedule.py and _join.py
 * (commits in src/docs/compat/optax.md). optax checks few arguments: where it logs and returns a constant
 * schedule, so do we; where it raises, we refuse the spec with its message.
 */
public final class OptaxTypes implements Catalog {
    private static final Param INIT = Param.real("init_value", "value at step 0");
    private static final Param END = Param.real("end_value", "value at the end of the transition");
    private static final Param PEAK = Param.real("peak_value", "value at the end of the warmup");
    private static final Param WARMUP = Param.integer("warmup_steps",
            "length of the linear warmup (<= 0: the warmup schedule is the constant init_value)");
    private static final Param TRANSITION_STEPS = Param.integer("transition_steps",
            "steps the transition takes (<= 0: the constant init_value)");
    private static final Param TRANSITION_BEGIN = Param.integer("transition_begin",
            "steps to hold init_value before the transition (negative counts as 0)").defaultsTo(0);
    private static final Param SCALES = Param.stepValues("boundaries_and_scales",
            "{step: scale}: multiply the value by scale from that step on (cumulative; scales >= 0)").optional();
    private static final Param EXPONENT = Param.real("exponent",
            "power applied to the cosine factor 0.5 * (1 + cos(pi t/T))").defaultsTo(1.0);
    private static final Param DECAY_RATE = Param.real("decay_rate", "factor per transition_steps (0: constant)");
    private static final Param STAIRCASE = Param.bool("staircase", "decay in whole transition_steps")
            .defaultsTo(false);
    private static final Param END_BOUND = Param.real("end_value",
            "bound of the decay: a floor when decay_rate < 1, else a ceiling (applied at every step)").optional();
    private static final Param VALUE = Param.real("value", "the value");
    private static final Param POWER = Param.real("power", "exponent of the polynomial");
    private static final Param DECAY_STEPS = Param.integer("decay_steps", "steps of the decay; must be > 0");
    private static final Param ALPHA = Param.real("alpha", "final value as a fraction of init_value").defaultsTo(0.0);
    private static final Param INTERPOLATE_TYPE = Param.text("interpolate_type", "'linear' or 'cosine'");
    /** decay_steps of warmup_cosine_decay_schedule (and of each sgdr cycle). */
    private static final Param CYCLE_DECAY_STEPS = Param.integer("decay_steps",
            "total length, warmup included; must exceed warmup_steps");
    private static final List<Param> COSINE_CYCLE = List.of(INIT, PEAK, WARMUP, CYCLE_DECAY_STEPS,
            END.defaultsTo(0.0), EXPONENT);
    private static final Param COSINE_KWARGS = Param.records("cosine_kwargs", "one mapping of "
            + "warmup_cosine_decay_schedule arguments per cycle", COSINE_CYCLE);
    private static final Param SCHEDULES = Param.schedules("schedules",
            "the schedules, each a mapping with its own type");
    private static final Param BOUNDARIES = Param.integers("boundaries", "step where each next schedule takes over");
    private static final String CONSTANT_NOTE = "transition_steps <= 0 gives the constant init_value (optax logs "
            + "at info level and returns `lambda count: init_value`); a negative transition_begin counts as 0.";

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(TypeDef.builder("optax.constant_schedule", "the same value at every step")
                .formula("f(t) = value").params(VALUE)
                .build(a -> constant(a.real(VALUE))));

        all.add(TypeDef.builder("optax.polynomial_schedule", "polynomial from init_value to end_value")
                .formula("c = clip(t - transition_begin, 0, transition_steps)\n"
                        + "f(t) = (init_value - end_value) * (1 - c / transition_steps)^power + end_value")
                .notes(CONSTANT_NOTE)
                .params(INIT, END, POWER, TRANSITION_STEPS, TRANSITION_BEGIN)
                .build(a -> polynomial(a, a.real(POWER))));

        all.add(TypeDef.builder("optax.linear_schedule", "straight line from init_value to end_value")
                .formula("c = clip(t - transition_begin, 0, transition_steps)\n"
                        + "f(t) = (init_value - end_value) * (1 - c / transition_steps) + end_value")
                .notes("polynomial_schedule with power 1. " + CONSTANT_NOTE)
                .params(INIT, END, TRANSITION_STEPS, TRANSITION_BEGIN)
                .build(a -> polynomial(a, 1)));

        all.add(TypeDef.builder("optax.piecewise_constant_schedule", "init_value scaled at boundary steps")
                .formula("f(t) = init_value * product of every scale whose boundary <= t")
                .notes("Cumulative, and effective AT the boundary (t >= boundary), unlike keras."
                        + "PiecewiseConstantDecay (absolute values, from boundary + 1). A boundary at 0 applies "
                        + "from step 0. Negative scales are refused, as optax does.")
                .params(INIT, SCALES)
                .build(a -> {
                    Pieces p = Pieces.of(a, "piecewise_constant_schedule");
                    return OptaxCurves.piecewiseConstant(a.real(INIT), p.steps, p.scales);
                }));

        all.add(TypeDef.builder("optax.exponential_decay", "init_value * decay_rate^((t - begin)/transition_steps)")
                .formula("e = (t - transition_begin) / transition_steps (floored when staircase)\n"
                        + "f(t) = init_value for t <= transition_begin, else init_value * decay_rate^e;\n"
                        + "then max(f, end_value) if decay_rate < 1, else min(f, end_value)")
                .notes("transition_steps <= 0 or decay_rate == 0 give the constant init_value (optax logs, info "
                        + "level), and then end_value is not applied. Otherwise the end_value clip applies at every "
                        + "step, before transition_begin too (init_value 0.05 with end_value 0.1 and decay_rate "
                        + "0.5 gives 0.1 throughout). decay_rate == 1 counts as growth: end_value is a ceiling. "
                        + "A negative transition_begin counts as 0.")
                .params(INIT, TRANSITION_STEPS, DECAY_RATE, TRANSITION_BEGIN, STAIRCASE, END_BOUND)
                .build(OptaxTypes::exponentialDecay));

        all.add(TypeDef.builder("optax.cosine_decay_schedule", "cosine from init_value to alpha * init_value")
                .formula("f(t) = init_value * ((1 - alpha) * (0.5 * (1 + cos(pi * min(t, T) / T)))^exponent + alpha)"
                        + ",  T = decay_steps")
                .notes("Holds alpha * init_value after decay_steps (no restart). alpha is a fraction of "
                        + "init_value. decay_steps must be > 0 (optax raises; older optax versions logged and "
                        + "returned a constant).")
                .params(INIT, DECAY_STEPS, ALPHA, EXPONENT)
                .build(a -> cosineDecay(a, DECAY_STEPS, a.real(INIT), a.integer(DECAY_STEPS), a.real(ALPHA),
                        a.real(EXPONENT)).withNominalEnd(a.integer(DECAY_STEPS))));

        all.add(TypeDef.builder("optax.warmup_constant_schedule", "linear warmup to peak_value, then constant")
                .formula("f(t) = init_value + (peak_value - init_value) * min(t, W) / W,  W = warmup_steps")
                .notes("This is linear_schedule(init_value, peak_value, warmup_steps): warmup_steps <= 0 gives "
                        + "the constant init_value, never peak_value.")
                .params(INIT, PEAK, WARMUP)
                .build(a -> warmup(a).withWarmupEnd(Math.max(0, a.integer(WARMUP)))));

        all.add(TypeDef.builder("optax.warmup_cosine_decay_schedule",
                        "linear warmup to peak_value, then cosine to end_value at decay_steps")
                .formula("t < W: init_value + (peak_value - init_value) * t / W\n"
                        + "t >= W: cosine_decay_schedule(peak_value, decay_steps - W, alpha = end_value / peak_value,"
                        + " exponent) at t - W")
                .notes("decay_steps INCLUDE the warmup (keras.CosineDecay's exclude it): end_value is reached at "
                        + "step decay_steps. decay_steps <= warmup_steps raises in optax (the cosine would get "
                        + "no steps). peak_value 0 makes alpha 0 (end_value ignored). warmup_steps 0: init_value "
                        + "never shows.")
                .params(COSINE_CYCLE)
                .build(a -> warmupCosine(a, CYCLE_DECAY_STEPS).withNominalEnd(a.integer(CYCLE_DECAY_STEPS))));

        all.add(TypeDef.builder("optax.warmup_exponential_decay_schedule",
                        "linear warmup to peak_value, then exponential_decay from peak_value")
                .formula("t < W: init_value + (peak_value - init_value) * t / W\n"
                        + "t >= W: exponential_decay(peak_value, transition_steps, decay_rate, transition_begin, "
                        + "staircase, end_value) at t - W")
                .notes("transition_begin counts from the end of the warmup. The exponential part follows "
                        + "optax.exponential_decay's rules (constant for transition_steps <= 0 or decay_rate 0).")
                .params(INIT, PEAK, WARMUP, TRANSITION_STEPS, DECAY_RATE, TRANSITION_BEGIN, STAIRCASE, END_BOUND)
                .build(a -> {
                    long w = a.integer(WARMUP);
                    Schedule decay = exponential(a, a.real(PEAK));
                    return OptaxCurves.join(List.of(warmup(a), decay), new long[] {w}).withWarmupEnd(Math.max(0, w));
                }));

        all.add(TypeDef.builder("optax.piecewise_interpolate_schedule",
                        "linear or cosine interpolation between cumulatively scaled values")
                .formula("v0 = init_value, v(k+1) = v(k) * scale(k) at sorted boundaries b(k) (b(-1) = 0);\n"
                        + "on [b(k-1), b(k)): move from v(k) to v(k+1), p = (t - b(k-1)) / max(b(k) - b(k-1), 1);\n"
                        + "from the last boundary on: the last value")
                .notes("Interpolates between the accumulated values, not between the scales. interpolate_type "
                        + "must be 'linear' or 'cosine'; scales must be >= 0 (optax raises otherwise).")
                .params(INTERPOLATE_TYPE, INIT, SCALES)
                .build(a -> {
                    String kind = a.text(INTERPOLATE_TYPE);
                    a.check(kind.equals("linear") || kind.equals("cosine"), INTERPOLATE_TYPE,
                            () -> "`interpolate_type` must be either 'cosine' or 'linear'"
                                    + lrsched.core.Suggest.didYouMean(kind, java.util.List.of("cosine", "linear")));
                    Pieces p = Pieces.of(a, "piecewise_interpolate_schedule");
                    return OptaxCurves.piecewiseInterpolate(kind.equals("cosine"), a.real(INIT), p.steps, p.scales);
                }));

        all.add(oneCycle(false));
        all.add(oneCycle(true));

        all.add(TypeDef.builder("optax.sgdr_schedule", "warm restarts: warmup_cosine_decay_schedule cycles joined")
                .formula("cycle i runs warmup_cosine_decay_schedule(**cosine_kwargs[i]) from the sum of the "
                        + "earlier cycles' decay_steps;\nthe last cycle holds its end_value")
                .notes("Each cycle lasts its own decay_steps (warmup included). Write cosine_kwargs as a list of "
                        + "mappings with warmup_cosine_decay_schedule's arguments (init_value, peak_value, "
                        + "warmup_steps, decay_steps, end_value, exponent).")
                .params(COSINE_KWARGS)
                .build(OptaxTypes::sgdr));

        all.add(TypeDef.builder("optax.join_schedules", "schedules one after another, each on its local step")
                .formula("f(t) = schedules[0](t); for each i in order: if t >= boundaries[i]: "
                        + "f(t) = schedules[i+1](t - boundaries[i])")
                .notes("Boundaries are absolute steps; each child sees the step minus its boundary. They are "
                        + "applied in list order, a later one overriding an earlier one, so out-of-order boundaries"
                        + " hide children; extra boundaries or schedules are ignored (Python's zip).")
                .params(SCHEDULES, BOUNDARIES)
                .build(a -> {
                    List<Schedule> children = a.schedules(SCHEDULES);
                    a.check(!children.isEmpty(), SCHEDULES, () -> "needs at least one schedule (optax raises "
                            + "IndexError: list index out of range on the first call)");
                    return OptaxCurves.join(children, a.integers(BOUNDARIES));
                }));
        return all.stream().map(t -> t.wrapping(s -> OptaxCurves.finiteOnly(s, "optax"))).toList();
    }

    private static Schedule constant(double value) {
        Schedule s = t -> value;
        return s.withPieces(lrsched.core.Pieces.ONE);
    }

    private static Schedule polynomial(Args a, double power) {
        double init = a.real(INIT);
        long steps = a.integer(TRANSITION_STEPS);
        if (steps <= 0) {
            return constant(init);
        }
        long begin = Math.max(0, a.integer(TRANSITION_BEGIN));
        return OptaxCurves.polynomial(init, a.real(END), power, steps, begin).withNominalEnd(begin + steps);
    }

    /** linear_schedule(init_value, peak_value, warmup_steps), the warmup of the warmup_* schedules. */
    private static Schedule warmup(Args a) {
        double init = a.real(INIT);
        long steps = a.integer(WARMUP);
        return steps <= 0 ? constant(init) : OptaxCurves.polynomial(init, a.real(PEAK), 1, steps, 0);
    }

    private static Schedule exponentialDecay(Args a) {
        return exponential(a, a.real(INIT));
    }

    private static Schedule exponential(Args a, double init) {
        long steps = a.integer(TRANSITION_STEPS);
        double rate = a.real(DECAY_RATE);
        if (steps <= 0 || rate == 0) {
            return constant(init);
        }
        Schedule decay = OptaxCurves.exponential(init, steps, rate, Math.max(0, a.integer(TRANSITION_BEGIN)),
                a.bool(STAIRCASE));
        if (!a.has(END_BOUND)) {
            return decay;
        }
        double bound = a.real(END_BOUND);
        Schedule clamped = rate < 1 ? t -> Math.max(decay.at(t), bound) : t -> Math.min(decay.at(t), bound);
        return clamped.withPieces(decay.pieces()); // a clamp keeps each piece monotone
    }

    private static Schedule cosineDecay(Args a, Param param, double init, long steps, double alpha,
                                        double exponent) {
        a.check(steps > 0, param, () -> cosineStepsMessage(steps));
        return OptaxCurves.cosine(init, steps, alpha, exponent);
    }

    private static String cosineStepsMessage(long steps) {
        return "The cosine_decay_schedule requires positive decay_steps, got decay_steps=" + steps + ".";
    }

    /** warmup_cosine_decay_schedule; {@code param} names the argument to blame (decay_steps, or cosine_kwargs). */
    private static Schedule warmupCosine(Args a, Param param) {
        double peak = a.real(PEAK);
        long w = a.integer(WARMUP);
        double alpha = peak == 0 ? 0 : a.real(END) / peak;
        long steps = a.integer(CYCLE_DECAY_STEPS) - w;
        a.check(steps > 0, param, () -> "must exceed warmup_steps (" + w + "); optax raises: "
                + cosineStepsMessage(steps));
        Schedule decay = OptaxCurves.cosine(peak, steps, alpha, a.real(EXPONENT));
        return OptaxCurves.join(List.of(warmup(a), decay), new long[] {w}).withWarmupEnd(Math.max(0, w));
    }

    private static Schedule sgdr(Args a) {
        List<Args> cycles = a.records(COSINE_KWARGS);
        a.check(!cycles.isEmpty(), COSINE_KWARGS, () -> "needs at least one cycle (optax raises IndexError: list "
                + "index out of range on the first call)");
        List<Schedule> parts = new ArrayList<>();
        long[] boundaries = new long[cycles.size() - 1];
        long start = 0;
        for (int i = 0; i < cycles.size(); i++) {
            Args cycle = cycles.get(i);
            long length = cycle.integer(CYCLE_DECAY_STEPS) - cycle.integer(WARMUP);
            int index = i;
            a.check(length > 0, COSINE_KWARGS, () -> "cycle " + index + ": decay_steps must exceed warmup_steps ("
                    + cycle.integer(WARMUP) + "); optax raises: " + cosineStepsMessage(length));
            parts.add(warmupCosine(cycle, CYCLE_DECAY_STEPS));
            start += cycle.integer(CYCLE_DECAY_STEPS);
            if (i < boundaries.length) {
                boundaries[i] = start;
            }
        }
        return OptaxCurves.join(parts, boundaries).withNominalEnd(start);
    }

    private static final Param CYCLE_STEPS = Param.integer("transition_steps", "length of the cycle; must be > 0");
    private static final Param CYCLE_PEAK = Param.real("peak_value", "value at int(pct_start * transition_steps)");
    private static final Param PCT_START = Param.real("pct_start", "fraction of the cycle spent rising")
            .defaultsTo(0.3);
    private static final Param PCT_FINAL = Param.real("pct_final",
            "fraction of the cycle at whose end the value is back at the start").defaultsTo(0.85);
    private static final Param DIV_FACTOR = Param.real("div_factor", "start value = peak_value / div_factor")
            .defaultsTo(25.0);
    private static final Param FINAL_DIV_FACTOR = Param.real("final_div_factor",
            "final value = start value / final_div_factor").defaultsTo(1e4);

    private static TypeDef oneCycle(boolean cosine) {
        String name = cosine ? "optax.cosine_onecycle_schedule" : "optax.linear_onecycle_schedule";
        List<Param> params = new ArrayList<>(List.of(CYCLE_STEPS, CYCLE_PEAK, PCT_START));
        if (!cosine) {
            params.add(PCT_FINAL);
        }
        params.add(DIV_FACTOR);
        params.add(FINAL_DIV_FACTOR);
        String scales = cosine
                ? "{int(pct_start * T): div_factor, int(T): 1 / (div_factor * final_div_factor)}"
                : "{int(pct_start * T): div_factor, int(pct_final * T): 1 / div_factor, T: 1 / final_div_factor}";
        return TypeDef.builder(name, (cosine ? "cosine" : "linear") + " one-cycle: up to peak_value, then down")
                .formula("piecewise_interpolate_schedule('" + (cosine ? "cosine" : "linear")
                        + "', peak_value / div_factor,\n    " + scales + "),  T = transition_steps")
                .notes("Boundaries are truncated to integers (int(0.29 * 100) is 28 in binary floating point). "
                        + "When two boundaries coincide the later entry of the dict replaces the earlier one (so "
                        + "tiny transition_steps can skip the peak). The peak is reached at int(pct_start * T); "
                        + "after T the value holds. transition_steps <= 0 raises, as in optax.")
                .params(params)
                .build(a -> {
                    long steps = a.integer(CYCLE_STEPS);
                    a.check(steps > 0, CYCLE_STEPS, () -> "A " + (cosine ? "cosine" : "linear")
                            + " onecycle schedule was set with a non-positive `transition_steps`");
                    double div = a.real(DIV_FACTOR), finalDiv = a.real(FINAL_DIV_FACTOR);
                    a.check(div != 0, DIV_FACTOR, () -> "float division by zero");
                    a.check(cosine ? div * finalDiv != 0 : finalDiv != 0, FINAL_DIV_FACTOR,
                            () -> "float division by zero");
                    long peakAt = (long) (a.real(PCT_START) * steps);
                    Map<Long, Double> dict = new TreeMap<>(); // a Python dict literal: later equal keys replace
                    dict.put(peakAt, div);
                    if (cosine) {
                        dict.put(steps, 1.0 / (div * finalDiv));
                    } else {
                        dict.put((long) (a.real(PCT_FINAL) * steps), 1.0 / div);
                        dict.put(steps, 1.0 / finalDiv);
                    }
                    boolean negative = dict.values().stream().anyMatch(v -> v < 0);
                    a.check(!negative, div < 0 ? DIV_FACTOR : FINAL_DIV_FACTOR,
                            () -> "`piecewise_interpolate_schedule` expects non-negative scale factors");
                    long[] bounds = dict.keySet().stream().mapToLong(Long::longValue).toArray();
                    double[] factors = dict.values().stream().mapToDouble(Double::doubleValue).toArray();
                    return OptaxCurves.piecewiseInterpolate(cosine, a.real(CYCLE_PEAK) / div, bounds, factors)
                            .withWarmupEnd(Math.max(0, peakAt)).withNominalEnd(steps);
                });
    }

    /** boundaries_and_scales sorted by step, with optax's check that no scale is negative. */
    private static final class Pieces {
        final long[] steps;
        final double[] scales;

        private Pieces(long[] steps, double[] scales) {
            this.steps = steps;
            this.scales = scales;
        }

        static Pieces of(Args a, String function) {
            if (!a.has(SCALES)) {
                return new Pieces(new long[0], new double[0]);
            }
            StepValues given = a.stepValues(SCALES);
            a.check(Arrays.stream(given.values()).allMatch(s -> s >= 0), SCALES,
                    () -> "`" + function + "` expects non-negative scale factors");
            Map<Long, Double> sorted = new TreeMap<>();
            for (int i = 0; i < given.size(); i++) {
                sorted.put(given.steps()[i], given.values()[i]);
            }
            return new Pieces(sorted.keySet().stream().mapToLong(Long::longValue).toArray(),
                    sorted.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
