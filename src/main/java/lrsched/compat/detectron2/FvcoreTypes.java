package lrsched.compat.detectron2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * fvcore's parameter schedulers (fvcore/common/param_scheduler.py), each a function of {@code where}, the fraction
 * of training done, under their Python keyword arguments. On their own they are evaluated at
 * {@code where = s / max_iter}, as detectron2's LRMultiplier calls them; nested in {@code detectron2.LRMultiplier},
 * {@code detectron2.WarmupParamScheduler} or {@code fvcore.CompositeParamScheduler} they inherit max_iter. See
 * src/docs/compat/detectron2.md.
 */
public final class FvcoreTypes implements Catalog {
    static final Param MAX_ITER = Param.integer("max_iter", "the run's iterations: row s is the value at where = "
            + "s / max_iter (LRMultiplier's max_iter; a nested scheduler takes its parent's)").positive()
            .inheritedFromParent();
    private static final Param VALUE = Param.real("value", "the constant value");
    private static final Param START_VALUE = Param.real("start_value", "the value at where = 0");
    private static final Param END_VALUE = Param.real("end_value", "the value at where = 1");
    private static final Param DECAY = Param.real("decay", "the factor over the whole run (value = start_value * "
            + "decay^where)").nonNegative();
    private static final Param BASE_VALUE = Param.real("base_value", "the value at where = 0");
    private static final Param POWER = Param.real("power", "the polynomial's power");
    private static final Param VALUES = Param.reals("values", "the value of each range, in order");
    private static final Param MS_NUM_UPDATES = Param.integer("num_updates", "the end of the last range (default: "
            + "the last milestone)").optional();
    private static final Param MILESTONES = Param.integers("milestones", "the ranges' boundaries, in updates "
            + "(default: num_updates split evenly)").optional();
    private static final Param STEP_NUM_UPDATES = Param.real("num_updates", "checked to be positive; fvcore does not "
            + "use it otherwise (the values split the run evenly)");
    private static final Param NUM_DECAYS = Param.integer("num_decays", "how many times the value is multiplied by "
            + "gamma, at even intervals");
    private static final Param GAMMA = Param.real("gamma", "the factor of each decay");
    private static final Param NUM_UPDATES = Param.integer("num_updates", "checked to be a positive integer; the "
            + "decays split the run evenly whatever it is");
    private static final Param SCHEDULERS = Param.schedules("schedulers", "the fvcore schedulers, in order");
    private static final Param LENGTHS = Param.reals("lengths", "each scheduler's fraction of the run (summing to 1)");
    private static final Param INTERVAL_SCALING = Param.text("interval_scaling", "each scheduler's 'rescaled' (its "
            + "where runs 0..1 over its own length) or 'fixed' (the run's where), separated by commas: rescaled, "
            + "fixed");

    @Override
    public List<TypeDef> types() {
        return List.of(
                type("fvcore.ConstantParamScheduler", "a constant value", "value", "",
                        a -> new Fvcore.Constant(a.real(VALUE)), VALUE),
                type("fvcore.CosineParamScheduler", "half a cosine from start_value to end_value",
                        "end_value + 0.5 * (start_value - end_value) * (1 + cos(pi * where))", "",
                        a -> new Fvcore.Cosine(a.real(START_VALUE), a.real(END_VALUE)), START_VALUE, END_VALUE),
                type("fvcore.ExponentialParamScheduler", "start_value times decay to the power where",
                        "start_value * decay^where", "",
                        a -> new Fvcore.Exponential(a.real(START_VALUE), a.real(DECAY)), START_VALUE, DECAY),
                type("fvcore.LinearParamScheduler", "a straight line from start_value to end_value",
                        "end_value * where + start_value * (1 - where)", "",
                        a -> new Fvcore.Linear(a.real(START_VALUE), a.real(END_VALUE)), START_VALUE, END_VALUE),
                type("fvcore.PolynomialDecayParamScheduler", "base_value times (1 - where) to a power",
                        "base_value * (1 - where)^power", "",
                        a -> new Fvcore.PolynomialDecay(a.real(BASE_VALUE), a.real(POWER)), BASE_VALUE, POWER),
                type("fvcore.MultiStepParamScheduler", "values[k] from milestone k on (in updates of num_updates)",
                        "e = int((where + 1e-6) * num_updates); values[number of milestones <= e]",
                        "Without milestones they split num_updates evenly (ceil(num_updates / len(values)) apart); "
                                + "without num_updates it is the last milestone. The 1e-6 is fvcore's WHERE_EPSILON: "
                                + "in runs of a million iterations and more it moves each milestone one iteration "
                                + "early per million.",
                        a -> Fvcore.MultiStep.of(a.reals(VALUES),
                                a.has(MS_NUM_UPDATES) ? Long.valueOf(a.integer(MS_NUM_UPDATES)) : null,
                                a.has(MILESTONES) ? a.integers(MILESTONES) : null), VALUES, MS_NUM_UPDATES, MILESTONES),
                type("fvcore.StepParamScheduler", "the values, each for an equal part of the run",
                        "values[int((where + 1e-6) * len(values))]", "",
                        a -> Fvcore.Step.of(a.real(STEP_NUM_UPDATES), a.reals(VALUES)), STEP_NUM_UPDATES, VALUES),
                type("fvcore.StepWithFixedGammaParamScheduler", "base_value times gamma^k over num_decays + 1 equal "
                                + "parts of the run",
                        "k = int((where + 1e-6) * (num_decays + 1)); base_value * gamma * ... * gamma (k times)",
                        "Each value is the one before times gamma, as fvcore multiplies them.",
                        a -> Fvcore.stepWithFixedGamma(a.real(BASE_VALUE), a.integer(NUM_DECAYS), a.real(GAMMA),
                                a.integer(NUM_UPDATES)), BASE_VALUE, NUM_DECAYS, GAMMA, NUM_UPDATES),
                type("fvcore.CompositeParamScheduler", "fvcore schedulers one after another, each for its length",
                        "the first i with where + 1e-6 <= lengths[0] + ... + lengths[i] (else the last);\n"
                                + "rescaled: schedulers[i]((where - start_i) / lengths[i]); fixed: "
                                + "schedulers[i](where)",
                        "Lengths summing to within 1e-3 of 1 are accepted and the last is made 1 minus the others, "
                                + "as fvcore does.",
                        a -> Fvcore.Composite.of(children(a, SCHEDULERS), a.reals(LENGTHS),
                                words(a.text(INTERVAL_SCALING))), SCHEDULERS, INTERVAL_SCALING, LENGTHS));
    }

    private static TypeDef type(String name, String summary, String formula, String notes,
                                Function<Args, Fvcore> scheduler, Param... params) {
        List<Param> all = new ArrayList<>(Arrays.asList(params));
        all.add(MAX_ITER);
        Param blamed = params[params.length - 1];
        return TypeDef.builder(name, summary)
                .formula(formula)
                .notes(("Row s is the value at where = s / max_iter, as detectron2's LRMultiplier calls it; rows from "
                        + "max_iter on hold the last iteration's. " + notes).trim())
                .params(all)
                .build(a -> ParamSchedule.checked(a, blamed, built(a, blamed, scheduler), 1.0, a.integer(MAX_ITER)));
    }

    /** The fvcore scheduler, or fvcore's exception as a refusal at {@code blamed}. */
    static Fvcore built(Args a, Param blamed, Function<Args, Fvcore> scheduler) {
        try {
            return scheduler.apply(a);
        } catch (Fvcore.PythonError e) {
            throw a.error(blamed, e.getMessage());
        }
    }

    /** The nested fvcore schedulers; anything else is refused as LRMultiplier refuses it. */
    static List<Fvcore> children(Args a, Param p) {
        List<Fvcore> out = new ArrayList<>();
        for (Schedule s : a.schedules(p)) {
            if (!(s instanceof ParamSchedule ps)) {
                throw a.error(p, "takes fvcore schedulers (fvcore.* or detectron2.WarmupParamScheduler), not "
                        + "other lrsched types");
            }
            out.add(ps.multiplier());
        }
        return out;
    }

    /** The one nested fvcore scheduler of {@code p}. */
    static Fvcore child(Args a, Param p) {
        List<Fvcore> all = children(a, p);
        a.check(all.size() == 1, p, () -> "takes one fvcore scheduler (a mapping with its type), not "
                + all.size());
        return all.get(0);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isEmpty()).toList();
    }
}
