package lrsched.compat.detectron2;

import java.util.List;

import lrsched.core.Libm;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * detectron2's learning-rate schedulers (facebookresearch/detectron2 detectron2/solver/build.py and
 * lr_scheduler.py): {@code build_lr_scheduler} from a yacs config's SOLVER keys, {@code LRMultiplier} over an fvcore
 * scheduler tree as LazyConfig files build it, and {@code WarmupParamScheduler}.
 *
 * <p>Index convention: the LRScheduler hook (detectron2/engine/hooks.py) lets iteration i train with the LR that
 * LRMultiplier set at {@code last_epoch = i} and calls {@code scheduler.step()} after it, so row s is
 * {@code base_lr * multiplier(s / max_iter)}. See src/docs/compat/detectron2.md.
 */
public final class Detectron2Types implements Catalog {
    private static final Param LR_SCHEDULER_NAME = Param.choice("LR_SCHEDULER_NAME", "the scheduler",
            "WarmupMultiStepLR", "WarmupCosineLR", "WarmupStepWithFixedGammaLR").defaultsTo("WarmupMultiStepLR");
    private static final Param MAX_ITER = Param.integer("MAX_ITER", "the run's iterations").defaultsTo(40000)
            .positive();
    private static final Param BASE_LR = Param.real("BASE_LR", "the optimizer's LR (build_optimizer's lr)")
            .defaultsTo(0.001);
    private static final Param BASE_LR_END = Param.real("BASE_LR_END", "WarmupCosineLR's LR at MAX_ITER")
            .defaultsTo(0.0);
    private static final Param STEPS = Param.integers("STEPS", "WarmupMultiStepLR's iterations at which the LR is "
            + "multiplied by GAMMA; those beyond MAX_ITER are dropped").defaultsTo(List.of(30000));
    private static final Param GAMMA = Param.real("GAMMA", "the factor of each step or decay").defaultsTo(0.1);
    private static final Param NUM_DECAYS = Param.integer("NUM_DECAYS", "WarmupStepWithFixedGammaLR's decays, at "
            + "even intervals").defaultsTo(3);
    private static final Param WARMUP_FACTOR = Param.real("WARMUP_FACTOR", "the warmup's start, a fraction of the "
            + "scheduler's first value").defaultsTo(0.001);
    private static final Param WARMUP_ITERS = Param.integer("WARMUP_ITERS", "the warmup's iterations")
            .defaultsTo(1000).nonNegative();
    private static final Param WARMUP_METHOD = Param.text("WARMUP_METHOD", "linear or constant")
            .defaultsTo("linear");
    private static final Param RESCALE_INTERVAL = Param.bool("RESCALE_INTERVAL", "whether the scheduler starts at "
            + "the warmup's end (its interval rescaled) instead of running from iteration 0").defaultsTo(false);
    private static final List<Param> SOLVER_KEYS = List.of(LR_SCHEDULER_NAME, BASE_LR, BASE_LR_END, MAX_ITER, STEPS,
            GAMMA, NUM_DECAYS, WARMUP_FACTOR, WARMUP_ITERS, WARMUP_METHOD, RESCALE_INTERVAL);
    private static final Param SOLVER = Param.records("SOLVER", "the config's SOLVER keys (defaults as "
            + "detectron2/config/defaults.py)", SOLVER_KEYS);

    private static final Param LR = Param.real("lr", "the optimizer's LR (base_lr)");
    private static final Param LR_MAX_ITER = Param.integer("max_iter", "the run's iterations (train.max_iter)")
            .positive();
    private static final Param MULTIPLIER = Param.schedules("multiplier", "one fvcore scheduler (fvcore.* or "
            + "detectron2.WarmupParamScheduler): the LR's multiplier");

    private static final Param SCHEDULER = Param.schedules("scheduler", "the fvcore scheduler the warmup is added to");
    private static final Param WP_WARMUP_FACTOR = Param.real("warmup_factor", "the warmup's start, a fraction of the "
            + "scheduler's value at 0");
    private static final Param WARMUP_LENGTH = Param.real("warmup_length", "the warmup's fraction of the run");
    private static final Param WARMUP_METHOD_ARG = Param.text("warmup_method", "linear or constant")
            .defaultsTo("linear");
    private static final Param RESCALE_INTERVAL_ARG = Param.bool("rescale_interval", "whether the scheduler starts "
            + "at the warmup's end").defaultsTo(false);

    @Override
    public List<TypeDef> types() {
        return List.of(
                TypeDef.builder("detectron2.build_lr_scheduler", "detectron2's scheduler from a yacs config's SOLVER "
                                + "keys: warmup, then multi-step, cosine or fixed-gamma steps")
                        .formula("N = MAX_ITER; where = s / N; w = min(WARMUP_ITERS / N, 1)\n"
                                + "WarmupMultiStepLR: m(x) = GAMMA^k, k = number of STEPS (those <= N) <= "
                                + "int((x + 1e-6) * N)\n"
                                + "WarmupCosineLR: m(x) = e + 0.5 * (1 - e) * (1 + cos(pi x)), e = BASE_LR_END / "
                                + "BASE_LR\n"
                                + "WarmupStepWithFixedGammaLR: m(x) = GAMMA^int((x + 1e-6) * (NUM_DECAYS + 1))\n"
                                + "where + 1e-6 <= w: warmup(where / w), from WARMUP_FACTOR * m(0) to m(w) (m(0) "
                                + "with RESCALE_INTERVAL), linear or constant\n"
                                + "else: m(where), or m((where - w) / (1 - w)) with RESCALE_INTERVAL\n"
                                + "lr = BASE_LR * that")
                        .notes("Row s is the LR of iteration s (the LRScheduler hook steps the scheduler after each "
                                + "iteration); rows from MAX_ITER on hold the last iteration's. Built as "
                                + "build_lr_scheduler builds it: LRMultiplier over fvcore schedulers with "
                                + "WarmupParamScheduler. STEPS beyond MAX_ITER are dropped (detectron2 warns); a "
                                + "step equal to MAX_ITER is kept and fvcore refuses it. fvcore's 1e-6 moves the "
                                + "steps and the warmup's end one iteration early per million iterations. The "
                                + "SOLVER keys are written under SOLVER: as in the YAML config; each defaults as "
                                + "detectron2/config/defaults.py: LR_SCHEDULER_NAME WarmupMultiStepLR (or "
                                + "WarmupCosineLR, WarmupStepWithFixedGammaLR), BASE_LR 0.001, BASE_LR_END 0.0, "
                                + "MAX_ITER 40000, STEPS [30000], GAMMA 0.1, NUM_DECAYS 3, WARMUP_FACTOR 0.001, "
                                + "WARMUP_ITERS 1000, WARMUP_METHOD linear (or constant), RESCALE_INTERVAL false.")
                        .params(SOLVER)
                        .build(Detectron2Types::buildLrScheduler),
                TypeDef.builder("detectron2.LRMultiplier", "lr times an fvcore scheduler of where = s / max_iter "
                                + "(LazyConfig's lr_multiplier)")
                        .formula("lr * multiplier(s / max_iter)")
                        .notes("Row s is the LR of iteration s; rows from max_iter on hold the last iteration's. The "
                                + "multiplier tree is written as the LazyConfig builds it, each node a mapping with "
                                + "its type and keyword arguments; nested nodes inherit max_iter.")
                        .params(LR, LR_MAX_ITER, MULTIPLIER)
                        .build(a -> ParamSchedule.checked(a, MULTIPLIER, FvcoreTypes.child(a, MULTIPLIER), a.real(LR),
                                a.integer(LR_MAX_ITER)).withNominalEnd(a.integer(LR_MAX_ITER))),
                TypeDef.builder("detectron2.WarmupParamScheduler", "an fvcore scheduler with a warmup added at its "
                                + "start (a function of where = s / max_iter)")
                        .formula("where + 1e-6 <= warmup_length: warmup(where / warmup_length), from warmup_factor * "
                                + "scheduler(0) to scheduler(warmup_length) (scheduler(0) with rescale_interval), "
                                + "linear or constant\n"
                                + "else: scheduler(where), or scheduler((where - warmup_length) / (1 - "
                                + "warmup_length)) with rescale_interval")
                        .notes("A CompositeParamScheduler of the warmup ('rescaled') and the scheduler ('fixed', or "
                                + "'rescaled' with rescale_interval), as detectron2 builds it.")
                        .params(SCHEDULER, WP_WARMUP_FACTOR, WARMUP_LENGTH, WARMUP_METHOD_ARG, RESCALE_INTERVAL_ARG,
                                FvcoreTypes.MAX_ITER)
                        .build(a -> ParamSchedule.checked(a, SCHEDULER, FvcoreTypes.built(a, WARMUP_METHOD_ARG,
                                        x -> Fvcore.warmup(FvcoreTypes.child(x, SCHEDULER), x.real(WP_WARMUP_FACTOR),
                                                x.real(WARMUP_LENGTH), x.text(WARMUP_METHOD_ARG),
                                                x.bool(RESCALE_INTERVAL_ARG))),
                                1.0, a.integer(FvcoreTypes.MAX_ITER))));
    }

    private static Schedule buildLrScheduler(Args outer) {
        List<Args> records = outer.records(SOLVER);
        outer.check(records.size() == 1, SOLVER, () -> "takes one mapping of the SOLVER keys, not "
                + records.size());
        Args a = records.get(0);
        long maxIter = a.integer(MAX_ITER);
        double baseLr = a.real(BASE_LR);
        String name = a.choice(LR_SCHEDULER_NAME);
        Fvcore sched;
        switch (name) {
            case "WarmupMultiStepLR": {
                long[] steps = java.util.Arrays.stream(a.integers(STEPS)).filter(x -> x <= maxIter).toArray();
                double[] values = new double[steps.length + 1];
                for (int k = 0; k < values.length; k++) {
                    values[k] = Libm.pow(a.real(GAMMA), k);
                }
                sched = FvcoreTypes.built(a, STEPS, x -> Fvcore.MultiStep.of(values, maxIter, steps));
                break;
            }
            case "WarmupCosineLR": {
                a.check(baseLr != 0, BASE_LR, () -> "ZeroDivisionError: float division by zero (BASE_LR_END / "
                        + "BASE_LR)");
                double end = a.real(BASE_LR_END) / baseLr;
                a.check(end >= 0.0 && end <= 1.0, BASE_LR_END, () -> "AssertionError: " + end);
                sched = new Fvcore.Cosine(1, end);
                break;
            }
            default:
                sched = FvcoreTypes.built(a, NUM_DECAYS, x -> Fvcore.stepWithFixedGamma(1.0, x.integer(NUM_DECAYS),
                        x.real(GAMMA), maxIter));
        }
        double warmupLength = Math.min((double) a.integer(WARMUP_ITERS) / (double) maxIter, 1.0);
        Fvcore base = sched;
        Fvcore warmed = FvcoreTypes.built(a, WARMUP_METHOD, x -> Fvcore.warmup(base, x.real(WARMUP_FACTOR),
                warmupLength, x.text(WARMUP_METHOD), x.bool(RESCALE_INTERVAL)));
        Schedule s = ParamSchedule.checked(a, MAX_ITER, warmed, baseLr, maxIter).withNominalEnd(maxIter);
        return s.withWarmupEnd(warmupEnd(warmupLength, maxIter));
    }

    /** The first iteration the composite gives to the scheduler: the first s with s / N + 1e-6 > w. */
    private static long warmupEnd(double warmupLength, long maxIter) {
        if (warmupLength <= 0) {
            return 0;
        }
        long s = Math.max(0, (long) Math.floor((warmupLength - Fvcore.WHERE_EPSILON) * maxIter) - 2);
        while (s < maxIter && (double) s / (double) maxIter + Fvcore.WHERE_EPSILON <= warmupLength) {
            s++;
        }
        return s < maxIter ? s : 0;
    }
}
