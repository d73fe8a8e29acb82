package lrsched.compat.mmengine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lrsched.compat.torch.Plateau;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * mmengine's LR schedulers (mmengine/optim/scheduler/lr_scheduler.py and param_scheduler.py) and the runner's
 * {@code param_scheduler} list, applied as Runner.build_param_scheduler and ParamSchedulerHook apply them
 * (open-mmlab/mmengine 254342938d9bde1775c39ea7d5181c5d294026c4). Every scheduler is chainable: it acts on the current
 * lr inside its [begin, end) window, in list order, so overlapping windows compound. See src/docs/compat/mmengine.md.
 */
public final class MmengineTypes implements Catalog {
    static final Param LR = Param.real("lr", "the optimizer's lr (optim_wrapper.optimizer.lr)");
    static final Param EPOCH_LENGTH = Param.integer("epoch_length", "iterations per epoch (len(train_dataloader)); "
            + "needed by epoch-based schedulers").optional().positive();
    static final Param BEGIN = Param.integer("begin", "first step (epoch or iteration) of the window").defaultsTo(0);
    static final Param END = Param.integer("end", "step where the window ends (exclusive); default INF = 1e9 "
            + "(the runner sets max_epochs or max_iters)").optional();
    static final Param BY_EPOCH = Param.bool("by_epoch", "stepped after every epoch (true) or every iteration")
            .defaultsTo(true);
    static final Param CONVERT = Param.bool("convert_to_iter_based", "an epoch-based config stepped every iteration "
            + "(begin, end and the periods multiplied by epoch_length)").defaultsTo(false);

    static final Param FACTOR = Param.real("factor", "lr multiplier inside the window, 0..1").defaultsTo(1.0 / 3);
    static final Param START_FACTOR = Param.real("start_factor", "multiplier at begin, 0..1").defaultsTo(1.0 / 3);
    static final Param END_FACTOR = Param.real("end_factor", "multiplier at end - 1, 0..1").defaultsTo(1.0);
    static final Param T_MAX = Param.integer("T_max", "half period of the cosine").defaultsToComputed("end - begin");
    static final Param ETA_MIN = Param.real("eta_min", "the lowest lr").optional();
    static final Param ETA_MIN_RATIO = Param.real("eta_min_ratio", "the lowest lr as a ratio of initial_lr")
            .optional();
    static final Param POLY_ETA_MIN = Param.real("eta_min", "the lr at end - 1").defaultsTo(0.0);
    static final Param POWER = Param.real("power", "the polynomial's power").defaultsTo(1.0);
    static final Param GAMMA = Param.real("gamma", "multiplier per decay");
    static final Param GAMMA_01 = GAMMA.defaultsTo(0.1);
    static final Param STEP_SIZE = Param.integer("step_size", "steps between decays").positive();
    static final Param MILESTONES = Param.integers("milestones", "steps (counted from begin) where lr *= gamma");
    static final Param ETA_MAX = Param.real("eta_max", "the peak lr");
    static final Param TOTAL_STEPS = Param.integer("total_steps", "the cycle's length").defaultsToComputed(
            "end - begin");
    static final Param PCT_START = Param.real("pct_start", "fraction of the cycle spent rising").defaultsTo(0.3);
    static final Param ANNEAL = Param.choice("anneal_strategy", "the shape of each phase", "cos", "linear")
            .defaultsTo("cos");
    static final Param DIV_FACTOR = Param.real("div_factor", "initial lr = eta_max / div_factor").defaultsTo(25.0);
    static final Param FINAL_DIV_FACTOR = Param.real("final_div_factor", "final lr = initial lr / final_div_factor")
            .defaultsTo(1e4);
    static final Param THREE_PHASE = Param.bool("three_phase", "rise, fall back to the initial lr, then anneal")
            .defaultsTo(false);
    static final Param PERIODS = Param.integers("periods", "length of each cosine cycle");
    static final Param RESTART_WEIGHTS = Param.reals("restart_weights", "each cycle starts at initial_lr * weight")
            .defaultsTo(List.of(1.0));

    static final Param MONITOR = Param.text("monitor", "the metric's key (the trace is that metric)")
            .defaultsTo("loss");
    static final Param RULE = Param.choice("rule", "less: the metric should fall; greater: rise", "less",
            "greater").defaultsTo("less");
    static final Param PLATEAU_FACTOR = Param.real("factor", "new lr = lr * factor; must be < 1").defaultsTo(0.1);
    static final Param PATIENCE = Param.integer("patience", "validations without improvement tolerated")
            .defaultsTo(10);
    static final Param THRESHOLD = Param.real("threshold", "how much better counts as an improvement")
            .defaultsTo(1e-4);
    static final Param THRESHOLD_RULE = Param.choice("threshold_rule", "rel or abs", "rel", "abs")
            .defaultsTo("rel");
    static final Param COOLDOWN = Param.integer("cooldown", "validations after a reduction whose bad results are "
            + "not counted").defaultsTo(0);
    static final Param MIN_VALUE = Param.real("min_value", "lower bound on the lr").defaultsTo(0.0);
    static final Param EPS = Param.real("eps", "a reduction smaller than eps is skipped").defaultsTo(1e-8);
    static final Param METRICS = Param.trace("metrics", "the monitored metric after each epoch's validation, in "
            + "order: [0.91, 0.85, ...] or {log: FILE, column: NAME}");

    static final List<String> KINDS = List.of("ConstantLR", "LinearLR", "CosineAnnealingLR", "PolyLR",
            "ExponentialLR", "StepLR", "MultiStepLR", "OneCycleLR", "CosineRestartLR", "ReduceOnPlateauLR");

    /** Each class's own arguments (after optimizer), as its constructor declares them. */
    static final Map<String, List<Param>> OWN = new LinkedHashMap<>();

    static {
        OWN.put("ConstantLR", List.of(FACTOR));
        OWN.put("LinearLR", List.of(START_FACTOR, END_FACTOR));
        OWN.put("CosineAnnealingLR", List.of(T_MAX, ETA_MIN, ETA_MIN_RATIO));
        OWN.put("PolyLR", List.of(POLY_ETA_MIN, POWER));
        OWN.put("ExponentialLR", List.of(GAMMA));
        OWN.put("StepLR", List.of(STEP_SIZE, GAMMA_01));
        OWN.put("MultiStepLR", List.of(MILESTONES, GAMMA_01));
        OWN.put("OneCycleLR", List.of(ETA_MAX, TOTAL_STEPS, PCT_START, ANNEAL, DIV_FACTOR, FINAL_DIV_FACTOR,
                THREE_PHASE));
        OWN.put("CosineRestartLR", List.of(PERIODS, RESTART_WEIGHTS, ETA_MIN, ETA_MIN_RATIO));
        OWN.put("ReduceOnPlateauLR", List.of(MONITOR, RULE, PLATEAU_FACTOR, PATIENCE, THRESHOLD, THRESHOLD_RULE,
                COOLDOWN, MIN_VALUE, EPS, METRICS));
    }

    static final Param TYPE = Param.choice("type", "the scheduler's class, without a prefix",
            KINDS.toArray(String[]::new));
    static final Param SCHEDULERS = Param.records("schedulers", "the param_scheduler list as an OpenMMLab config "
            + "writes it: dict(type='LinearLR', begin=0, end=500, by_epoch=False, ...)", recordFields());
    static final Param MAX_EPOCHS = Param.integer("max_epochs", "train_cfg.max_epochs: the default end of an "
            + "epoch-based scheduler").optional().positive();
    static final Param MAX_ITERS = Param.integer("max_iters", "train_cfg.max_iters: the default end of an "
            + "iteration-based scheduler").optional().positive();

    private static final String ROWS = "Row s is the lr of iteration s: each scheduler's constructor calls step() "
            + "once (global step 0); after every iteration the runner steps the iteration-based schedulers, after "
            + "an epoch's last iteration the epoch-based ones (ParamSchedulerHook). A scheduler acts only while "
            + "begin <= its global step < end, with last_step = global step - begin; outside its window the lr "
            + "is left as it is.";

    /** Every field any class takes, optional: a list entry is checked against its own class in code. */
    private static List<Param> recordFields() {
        Map<String, Param> fields = new LinkedHashMap<>();
        fields.put("type", Param.choice("type", "the scheduler's class, without a prefix",
                KINDS.toArray(String[]::new)));
        for (Param p : List.of(BEGIN, END, BY_EPOCH, CONVERT)) {
            fields.put(p.name(), p.optional());
        }
        for (List<Param> own : OWN.values()) {
            for (Param p : own) {
                fields.putIfAbsent(p.name(), p.optional());
            }
        }
        return List.copyOf(fields.values());
    }

    @Override
    public List<TypeDef> types() {
        List<TypeDef> types = new ArrayList<>();
        for (String kind : KINDS) {
            List<Param> params = new ArrayList<>(List.of(LR));
            params.addAll(OWN.get(kind));
            params.addAll(List.of(BEGIN, END, BY_EPOCH, CONVERT, EPOCH_LENGTH));
            types.add(TypeDef.builder("mmengine." + kind, SUMMARY.get(kind))
                    .formula(FORMULA.get(kind))
                    .notes(NOTES.getOrDefault(kind, "") + ROWS)
                    .params(params)
                    .build(a -> new Run(a.real(LR), List.of(scheduler(a, kind, a, -1)), epochLength(a,
                            List.of(a)))));
        }
        types.add(TypeDef.builder("mmengine.param_scheduler", "an OpenMMLab config's param_scheduler list, applied "
                        + "as mmengine's runner applies it")
                .formula("each entry acts on the current lr in its [begin, end) window, in list order (overlapping "
                        + "windows compound)")
                .notes("Entries name their class without a prefix (type='LinearLR'); lr is the optimizer's lr. "
                        + "An entry without end gets max_epochs (epoch-based) or max_iters (iteration-based) when "
                        + "given, as Runner.build_param_scheduler sets it, else mmengine's INF = 1e9. " + ROWS)
                .params(LR, SCHEDULERS, EPOCH_LENGTH, MAX_EPOCHS, MAX_ITERS)
                .build(MmengineTypes::list));
        return types;
    }

    private static Run list(Args a) {
        List<Args> entries = a.records(SCHEDULERS);
        a.check(!entries.isEmpty(), SCHEDULERS, () -> "needs at least one scheduler");
        List<Scheduler> out = new ArrayList<>();
        for (Args e : entries) {
            a.check(e.given(TYPE), SCHEDULERS, () -> "entry " + out.size() + " has no type");
            out.add(scheduler(e, e.choice(TYPE), a, out.size()));
        }
        return new Run(a.real(LR), out, epochLength(a, entries));
    }

    private static long epochLength(Args top, List<Args> entries) {
        boolean needed = entries.stream().anyMatch(e -> !e.given(BY_EPOCH) || e.bool(BY_EPOCH));
        if (!needed) {
            return 0;
        }
        top.check(top.given(EPOCH_LENGTH), EPOCH_LENGTH, () -> "needed: an epoch-based scheduler (by_epoch is "
                + "true by default) is stepped after every epoch_length iterations (len(train_dataloader))");
        return top.integer(EPOCH_LENGTH);
    }

    private static boolean bool(Args e, Param p, boolean dflt) {
        return e.given(p) ? e.bool(p) : dflt;
    }

    private static double real(Args e, String name, double dflt) {
        Param p = field(name);
        return e.given(p) ? e.real(p) : dflt;
    }

    private static Param field(String name) {
        for (List<Param> own : OWN.values()) {
            for (Param p : own) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException(name);
    }

    /**
     * One scheduler from its arguments (a single type's, or a list entry's), converted when asked; {@code top}
     * holds epoch_length, max_epochs and max_iters; {@code index} is the list position (-1 for a single type).
     */
    static Scheduler scheduler(Args e, String kind, Args top, int index) {
        String where = index < 0 ? "" : "entry " + index + " (" + kind + "): ";
        for (Param p : e.type().params()) {
            boolean allowed = p.name().equals("type") || List.of(LR, BEGIN, END, BY_EPOCH, CONVERT, EPOCH_LENGTH)
                    .stream().anyMatch(q -> q.name().equals(p.name()))
                    || OWN.get(kind).stream().anyMatch(q -> q.name().equals(p.name()));
            e.check(allowed || !e.given(p), p, () -> where + kind + ".__init__() got an unexpected keyword "
                    + "argument '" + p.name() + "'");
        }
        boolean byEpoch = bool(e, BY_EPOCH, true);
        boolean convert = bool(e, CONVERT, false);
        e.check(!convert || !kind.equals("ReduceOnPlateauLR"), CONVERT, () -> where + "AttributeError: "
                + "ReduceOnPlateauLR has no build_iter_from_epoch");
        long begin = e.given(BEGIN) ? e.integer(BEGIN) : 0;
        long end;
        if (e.given(END)) {
            end = e.integer(END);
        } else if (index >= 0 && byEpoch && top.given(MAX_EPOCHS)) {
            end = top.integer(MAX_EPOCHS);
        } else if (index >= 0 && !byEpoch && top.given(MAX_ITERS)) {
            end = top.integer(MAX_ITERS);
        } else {
            end = Scheduler.INF;
        }
        long length = 1;
        if (convert) {
            e.check(byEpoch, CONVERT, () -> where + "AssertionError: Only epoch-based parameter scheduler can be "
                    + "converted to iter-based (by_epoch is false)");
            top.check(top.given(EPOCH_LENGTH), EPOCH_LENGTH, () -> "needed to convert an epoch-based scheduler "
                    + "(convert_to_iter_based) to iterations: len(train_dataloader)");
            length = top.integer(EPOCH_LENGTH);
            begin = begin * length;
            if (end != Scheduler.INF) {
                end = end * length;
            }
            byEpoch = false;
        }
        long b = begin, en = end;
        e.check(end > begin, END, () -> where + "ValueError: end should be larger than begin, but got begin=" + b
                + ", end=" + en);
        double[] reals = new double[0];
        long[] ints = new long[0];
        double[] weights = new double[0];
        switch (kind) {
            case "ConstantLR": {
                double f = real(e, "factor", 1.0 / 3);
                e.check(f <= 1.0 && f >= 0, FACTOR, () -> where + "ValueError: Constant multiplicative factor "
                        + "should between 0 and 1.");
                reals = new double[] {f};
                break;
            }
            case "LinearLR": {
                double s = real(e, "start_factor", 1.0 / 3), t = real(e, "end_factor", 1.0);
                e.check(s <= 1.0 && s >= 0, START_FACTOR, () -> where + "ValueError: Starting multiplicative factor "
                        + "should between 0 and 1.");
                e.check(t <= 1.0 && t >= 0, END_FACTOR, () -> where + "ValueError: Ending multiplicative factor "
                        + "should between 0 and 1.");
                reals = new double[] {s, t};
                break;
            }
            case "CosineAnnealingLR": {
                double[] eta = etaMin(e, where, true);
                long tMax = e.given(T_MAX) ? e.integer(T_MAX) * length : end - begin;
                e.check(tMax > 0, T_MAX, () -> where + "must be positive (mmengine divides by it)");
                reals = eta;
                ints = new long[] {tMax};
                break;
            }
            case "PolyLR":
                reals = new double[] {real(e, "eta_min", 0.0), real(e, "power", 1.0)};
                break;
            case "ExponentialLR":
                e.check(e.given(GAMMA), GAMMA, () -> where + "missing required argument 'gamma'");
                reals = new double[] {e.real(GAMMA)};
                break;
            case "StepLR": {
                e.check(e.given(STEP_SIZE), STEP_SIZE, () -> where + "missing required argument 'step_size'");
                long size = e.integer(STEP_SIZE) * length;
                e.check(size > 0, STEP_SIZE, () -> where + "must be positive");
                reals = new double[] {real(e, "gamma", 0.1)};
                ints = new long[] {size};
                break;
            }
            case "MultiStepLR": {
                e.check(e.given(MILESTONES), MILESTONES, () -> where + "missing required argument 'milestones'");
                long l = length;
                reals = new double[] {real(e, "gamma", 0.1)};
                ints = Arrays.stream(e.integers(MILESTONES)).map(m -> m * l).toArray();
                break;
            }
            case "OneCycleLR": {
                e.check(e.given(ETA_MAX), ETA_MAX, () -> where + "missing required argument 'eta_max'");
                long total = end - begin;
                if (e.given(TOTAL_STEPS)) {
                    total = e.integer(TOTAL_STEPS) * length;
                    long t = total;
                    e.check(t > 0, TOTAL_STEPS, () -> where + "ValueError: Expected positive integer total_steps, "
                            + "but got " + t);
                }
                double pct = real(e, "pct_start", 0.3);
                e.check(pct >= 0 && pct <= 1, PCT_START, () -> where + "ValueError: Expected float between 0 and 1 "
                        + "pct_start, but got " + pct);
                boolean linear = e.given(ANNEAL) && e.choice(ANNEAL).equals("linear");
                reals = new double[] {e.real(ETA_MAX), pct, real(e, "div_factor", 25.0),
                    real(e, "final_div_factor", 1e4), linear ? 1 : 0, bool(e, THREE_PHASE, false) ? 1 : 0};
                ints = new long[] {total};
                break;
            }
            case "CosineRestartLR": {
                e.check(e.given(PERIODS), PERIODS, () -> where + "missing required argument 'periods'");
                long l = length;
                ints = Arrays.stream(e.integers(PERIODS)).map(p -> p * l).toArray();
                weights = e.given(RESTART_WEIGHTS) ? e.reals(RESTART_WEIGHTS) : new double[] {1.0};
                int n = ints.length, w = weights.length;
                e.check(n == w, RESTART_WEIGHTS, () -> where + "AssertionError: periods and restart_weights should "
                        + "have the same length (" + n + " and " + w + ")");
                for (long p : ints) {
                    e.check(p > 0, PERIODS, () -> where + "every period must be positive (mmengine divides by it)");
                }
                reals = etaMin(e, where, false);
                break;
            }
            case "ReduceOnPlateauLR": {
                e.check(byEpoch, BY_EPOCH, () -> where + "AssertionError: Now ReduceOnPlateauLR only support "
                        + "by_epoch=True");
                e.check(e.given(METRICS), METRICS, () -> where + "needed: the monitored metric after each "
                        + "validation");
                double factor = real(e, "factor", 0.1);
                e.check(factor < 1.0, PLATEAU_FACTOR, () -> where + "ValueError: Factor should be < 1.0.");
                Plateau.Settings settings = new Plateau.Settings(
                        e.given(RULE) && e.choice(RULE).equals("greater"), factor,
                        e.given(PATIENCE) ? e.integer(PATIENCE) : 10, real(e, "threshold", 1e-4),
                        !(e.given(THRESHOLD_RULE) && e.choice(THRESHOLD_RULE).equals("abs")),
                        e.given(COOLDOWN) ? e.integer(COOLDOWN) : 0, real(e, "min_value", 0.0), -1);
                Plateau.Stepper stepper = new Plateau.Stepper(settings);
                double[] trace = e.trace(METRICS);
                weights = new double[trace.length]; // 1 where the validation after epoch k + 1 reduces
                for (int k = 0; k < trace.length; k++) { // only validations inside the window count
                    boolean inside = begin <= k + 1 && k + 1 < end;
                    weights[k] = inside && stepper.step(1.0, trace[k]) != 1.0 ? 1 : 0;
                }
                reals = new double[] {factor, real(e, "min_value", 0.0), real(e, "eps", 1e-8)};
                break;
            }
            default:
                throw new IllegalStateException(kind);
        }
        return new Scheduler(kind, begin, end, byEpoch, reals, ints, weights);
    }

    /** {eta_min or NaN, eta_min_ratio or NaN}: exactly one of them (CosineAnnealingLR: eta_min = 0 when neither). */
    private static double[] etaMin(Args e, String where, boolean zeroWhenNeither) {
        boolean min = e.given(ETA_MIN), ratio = e.given(ETA_MIN_RATIO);
        if (!min && !ratio && zeroWhenNeither) {
            return new double[] {0.0, Double.NaN};
        }
        e.check(min ^ ratio, ETA_MIN, () -> where + "AssertionError: give exactly one of eta_min and "
                + "eta_min_ratio");
        return new double[] {min ? e.real(ETA_MIN) : Double.NaN, ratio ? e.real(ETA_MIN_RATIO) : Double.NaN};
    }

    private static final Map<String, String> SUMMARY = Map.of(
            "ConstantLR", "lr * factor inside the window; the lr is restored at end - 1",
            "LinearLR", "lr multiplied by a factor going linearly from start_factor to end_factor (at end - 1)",
            "CosineAnnealingLR", "cosine from initial_lr to eta_min over T_max steps (chainable form)",
            "PolyLR", "polynomial decay to eta_min, reached at end - 1",
            "ExponentialLR", "lr * gamma every step after the first",
            "StepLR", "lr * gamma every step_size steps",
            "MultiStepLR", "lr * gamma at each milestone",
            "OneCycleLR", "1cycle: up from eta_max / div_factor to eta_max, then down (sets initial_lr)",
            "CosineRestartLR", "cosine cycles, each restarting at initial_lr * restart_weight; frozen after the last",
            "ReduceOnPlateauLR", "lr * factor when the validated metric stops improving (from a metric trace)");

    private static final Map<String, String> FORMULA = Map.of(
            "ConstantLR", "l = last_step; l = 0: lr * factor; l = end - begin - 1: lr * (1 / factor); else lr",
            "LinearLR", "l = 0: lr * start_factor; else lr * (1 + (e - s) / ((end - begin - 1) * s + (l - 1) * (e - s)))"
                    + " with s = start_factor, e = end_factor",
            "CosineAnnealingLR", "l = 0: lr; (l - 1 - T) mod 2T = 0: lr + (initial_lr - m) * (1 - cos(pi / T)) / 2;\n"
                    + "else (1 + cos(pi l / T)) / (1 + cos(pi (l - 1) / T)) * (lr - m) + m, "
                    + "m = eta_min or initial_lr * eta_min_ratio",
            "PolyLR", "l = 0: lr; else (lr - eta_min) * (1 - 1 / (end - begin - 1 - l + 1))^power + eta_min",
            "ExponentialLR", "l = 0: lr; else lr * gamma",
            "StepLR", "l > 0 and l mod step_size = 0: lr * gamma; else lr",
            "MultiStepLR", "lr * gamma^(times l appears in milestones)",
            "OneCycleLR", "initial = eta_max / div_factor, min = initial / final_div_factor; phases end at "
                    + "pct_start * total - 1 and total - 1\n(three_phase: 2 pct_start total - 2 between); "
                    + "cos: end + (start - end) / 2 * (cos(pi p) + 1), linear: (end - start) * p + start",
            "CosineRestartLR", "cycle i, k = l - start of the cycle: k = 0: initial_lr * w_i; else "
                    + "(1 + cos(pi k / P_i)) / (1 + cos(pi (k - 1) / P_i)) * (lr - m) + m; after the last cycle: lr",
            "ReduceOnPlateauLR", Plateau.FORMULA.replace("step(metric)", "step(metrics)").replace("mode", "rule")
                    .replace("(min, rel)", "(less, rel)").replace("(min, abs)", "(less, abs)")
                    .replace("(max, rel)", "(greater, rel)").replace("(max, abs)", "(greater, abs)")
                    .replace("min_lr", "min_value"));

    private static final Map<String, String> NOTES = Map.of(
            "ConstantLR", "With the default end (INF) the lr is never restored. ",
            "PolyLR", "eta_min is reached at last_step = end - begin - 1 and kept. ",
            "OneCycleLR", "Overwrites initial_lr (eta_max / div_factor) for the schedulers built after it; a step "
                    + "past total_steps raises in mmengine and is refused here. ",
            "CosineRestartLR", "After the last period the lr stays where it is. ",
            "ReduceOnPlateauLR", "Epoch-based only. Its constructor does not step; after_train_epoch counts the "
                    + "epoch and the validation after it (every epoch here: val_interval 1) calls step(metrics) "
                    + "when begin <= epochs done < end, so metric k (0-based, after epoch k + 1) may change the lr "
                    + "from row (k + 1) * epoch_length. Past the end of the trace the lr stays. ");
}
