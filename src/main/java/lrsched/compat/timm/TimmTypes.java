package lrsched.compat.timm;

import java.util.ArrayList;
import java.util.List;

import lrsched.compat.torch.Plateau;
import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.Range;
import lrsched.registry.TypeDef;
import lrsched.schedule.PyFloat;
import lrsched.schedule.Rows;

/**
 * timm's schedulers ({@code timm.scheduler}, huggingface/pytorch-image-models) under their class names and keyword
 * arguments. Row {@code t} is {@code _get_lr(t)}: the value after {@code scheduler.step(t)} (t_in_epochs=True) or
 * {@code scheduler.step_update(t)} (t_in_epochs=False). See src/docs/compat/timm.md.
 */
public final class TimmTypes implements Catalog {
    private static final String NOISE_REFUSED = "timm LR noise is drawn from torch.Generator (seeded noise_seed + t);"
            + " lrsched cannot reproduce it. Remove noise_range_t (None disables the noise)";

    static final Param LR = Param.real("lr", "the optimizer's lr: timm's base value (the peak of the first cycle)");
    /** A decay factor: at most 1, because growth (cycle_decay, decay_rate > 1) overflows at large steps. */
    static final Range DECAY_FACTOR = Range.between(0, true, 1, true);

    static final Param LR_MIN = Param.real("lr_min", "floor of every cycle, and the LR after the last cycle")
            .defaultsTo(0.0).nonNegative();
    static final Param T_INITIAL = Param.real("t_initial", "length of the first cycle (epochs, or updates; "
            + "a float is allowed)").positive();
    static final Param CYCLE_MUL = Param.real("cycle_mul", "each cycle is cycle_mul times longer than the one before "
            + "(it is the base of a logarithm)").defaultsTo(1.0).positive();
    static final Param CYCLE_DECAY = Param.real("cycle_decay", "each cycle's peak is cycle_decay times the one before "
            + "(a decay: growth would overflow)").defaultsTo(1.0).in(DECAY_FACTOR);
    static final Param CYCLE_LIMIT = Param.integer("cycle_limit", "number of cycles; lr_min after them")
            .defaultsTo(1).nonNegative();
    static final Param WARMUP_T = Param.integer("warmup_t", "warmup length: steps t < warmup_t ramp linearly")
            .defaultsTo(0).nonNegative();
    static final Param WARMUP_LR_INIT = Param.real("warmup_lr_init", "LR at t = 0 when warming up").defaultsTo(0.0);
    static final Param K_DECAY = Param.real("k_decay", "k-decay exponent on the position in the cycle (timm "
            + "computes 0 ** k_decay at each cycle start)").defaultsTo(1.0).positive();
    static final Param T_IN_EPOCHS = Param.bool("t_in_epochs",
            "whether step(epoch) or step_update(num_updates) drives it; rows are that counter either way")
            .defaultsTo(true);
    static final Param NOISE_RANGE_T = Param.ignored("noise_range_t",
            "refused when set: LR noise needs torch's random generator");
    static final List<Param> NOISE = List.of(NOISE_RANGE_T,
            Param.ignored("noise_pct", "noise bound (no effect without noise_range_t)"),
            Param.ignored("noise_std", "noise standard deviation (no effect without noise_range_t)"),
            Param.ignored("noise_seed", "noise seed (no effect without noise_range_t)"));

    /** timm's default: false for the cycle schedulers, true for the step schedulers. */
    static final Param WARMUP_PREFIX = Param.bool("warmup_prefix", "count the main schedule from the end of the "
            + "warmup (false: from t = 0, so the curve continues from t = warmup_t)").defaultsTo(false);
    static final Param LB = Param.real("lb", "tanh argument at the start of a cycle").defaultsTo(-7.0);
    static final Param UB = Param.real("ub", "tanh argument at the end of a cycle").defaultsTo(3.0);
    static final Param POWER = Param.real("power", "decay exponent (timm's default 0.5 is a square root; a negative "
            + "one would make the LR grow without bound toward each cycle's end)").defaultsTo(0.5).nonNegative();
    static final Param DECAY_RATE = Param.real("decay_rate", "factor per decay (timm's default 1.0 keeps the LR "
            + "constant; a decay: growth would overflow)").defaultsTo(1.0).in(DECAY_FACTOR);
    /** StepLRScheduler's decay_t: one interval. */
    static final Param DECAY_INTERVAL = Param.real("decay_t", "interval between decays (a float is allowed)")
            .positive();
    /** MultiStepLRScheduler's decay_t: the milestones. */
    static final Param DECAY_MILESTONES = Param.integers("decay_t", "milestones (List[int] in timm)").nonNegative();

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(cycled(TypeDef.builder("timm.CosineLRScheduler", "cosine decay with warmup and restarts (SGDR)")
                .formula(CYCLE_FORMULA + "f = lr_min + 0.5 * (peak_i - lr_min) * (1 + cos(pi * x^k / L^k))"),
                List.of(K_DECAY), a -> {
                    double k = a.real(K_DECAY);
                    return (lrMin, peak, x, length) -> lrMin
                            + 0.5 * (peak - lrMin) * (1 + Libm.cos(Math.PI * Libm.pow(x, k) / Libm.pow(length, k)));
                }, false));
        all.add(cycled(TypeDef.builder("timm.TanhLRScheduler", "hyperbolic-tangent decay with warmup and restarts")
                .formula(CYCLE_FORMULA
                        + "f = lr_min + 0.5 * (peak_i - lr_min) * (1 - tanh(lb * (1 - x/L) + ub * x/L))"),
                List.of(LB, UB), a -> {
                    double lb = a.real(LB), ub = a.real(UB);
                    check(a, lb < ub, LB, "lb < ub");
                    // tanh also asserts cycle_limit >= 0 and warmup_t >= 0: declared ranges for all three types
                    check(a, a.real(WARMUP_LR_INIT) >= 0, WARMUP_LR_INIT, "warmup_lr_init >= 0");
                    return (lrMin, peak, x, length) -> {
                        double r = x / length;
                        return lrMin + 0.5 * (peak - lrMin) * (1 - Math.tanh(lb * (1. - r) + ub * r));
                    };
                }, true));
        all.add(cycled(TypeDef.builder("timm.PolyLRScheduler", "polynomial decay with warmup and restarts")
                .formula(CYCLE_FORMULA + "f = lr_min + (peak_i - lr_min) * (1 - x^k / L^k)^power"),
                List.of(POWER, K_DECAY), a -> {
                    double power = a.real(POWER), k = a.real(K_DECAY);
                    return (lrMin, peak, x, length) ->
                            lrMin + (peak - lrMin) * Libm.pow(1 - Libm.pow(x, k) / Libm.pow(length, k), power);
                }, false));
        all.add(stepped(TypeDef.builder("timm.StepLRScheduler", "multiply by decay_rate every decay_t")
                .formula(WARMUP_FORMULA + "f(t) = lr * decay_rate^(u // decay_t)   (Python's float floor division: "
                        + "1 // 0.1 == 9)")
                .notes("decay_t > 0 and decay_rate in [0, 1]: timm itself accepts a decay_rate above 1, whose growth "
                        + "overflows at large steps; lrsched keeps to decays. decay_t is counted with Python's //, "
                        + "which differs from floor(u / decay_t) for fractions such as 0.1.")
                .params(DECAY_INTERVAL), a -> {
                    double every = a.real(DECAY_INTERVAL);
                    return u -> PyFloat.floorDiv(u, every); // timm: t // decay_t
                }, a -> { // a whole decay_t: fmod, the subtraction and the division are exact, so u // decay_t is
                    double every = a.real(DECAY_INTERVAL); // floor(u / decay_t) exactly, non-decreasing in u
                    return every >= 1 && every == Math.rint(every) && every < 0x1p53;
                }));
        all.add(stepped(TypeDef.builder("timm.MultiStepLRScheduler", "multiply by decay_rate at each milestone, "
                        + "one step early")
                .formula(WARMUP_FORMULA + "f(t) = lr * decay_rate^bisect_right(decay_t, u + 1)")
                .notes("Milestone m applies from u = m - 1 (timm compares u + 1), one step before "
                        + "torch.MultiStepLR; timm keeps this on purpose. decay_t is assumed sorted (bisect on the "
                        + "list as written); a repeated milestone decays twice. Milestones are whole numbers >= 0 "
                        + "(List[int] in timm); decay_rate is in [0, 1] (lrsched keeps to decays: growth overflows).")
                .params(DECAY_MILESTONES), a -> {
                    long[] milestones = a.integers(DECAY_MILESTONES);
                    double[] marks = java.util.Arrays.stream(milestones).asDoubleStream().toArray();
                    return u -> bisectRight(marks, u + 1);
                }, a -> { // bisect on a sorted list: non-decreasing in u
                    long[] milestones = a.integers(DECAY_MILESTONES);
                    for (int i = 1; i < milestones.length; i++) {
                        if (milestones[i] < milestones[i - 1]) {
                            return false;
                        }
                    }
                    return true;
                }));
        all.add(plateau());
        return all;
    }

    private static final Param PLATEAU_DECAY_RATE = Param.real("decay_rate", "torch's factor: new_lr = lr * "
            + "decay_rate; must be < 1").defaultsTo(0.1);
    private static final Param PATIENCE_T = Param.integer("patience_t", "torch's patience").defaultsTo(10);
    private static final Param COOLDOWN_T = Param.integer("cooldown_t", "torch's cooldown").defaultsTo(0);
    private static final Param PLATEAU_MODE = Param.choice("mode", "torch's mode (timm's default is max: the "
            + "metric should rise, like top-1 accuracy)", "max", "min");

    /** PlateauLRScheduler: torch's ReduceLROnPlateau behind a linear warmup (timm/scheduler/plateau_lr.py). */
    private static TypeDef plateau() {
        return TypeDef.builder("timm.PlateauLRScheduler", "warmup, then torch's ReduceLROnPlateau on a recorded "
                        + "metric, one per epoch")
                .formula("row t = the lr of epoch t, after step(t, metric) (train.py calls step(epoch + 1, "
                        + "metric) after each epoch; row 0: warmup_lr_init, or lr without warmup)\n"
                        + "1 <= t <= warmup_t: warmup_lr_init + t * (lr - warmup_lr_init) / warmup_t   "
                        + "(the metric is ignored)\n"
                        + "t > warmup_t: torch's ReduceLROnPlateau(factor=decay_rate, patience=patience_t, "
                        + "threshold, cooldown=cooldown_t, mode, min_lr=lr_min).step(metrics[t - 1])")
                .notes(Plateau.TRACE_NOTE + " metrics[t - 1] is the metric passed with epoch t; the warmup "
                        + "epochs' metrics never reach torch's scheduler, whose count starts after the warmup. "
                        + "mode defaults to max (timm's scheduler_kwargs picks min when eval_metric contains "
                        + "'loss'). A skipped evaluation (train.py's val_interval passes metric=None) is not "
                        + "modelled. " + NOISE_REFUSED + ".")
                .params(LR.describedAs("the optimizer's lr: row 0 without warmup, the end of the warmup with it"),
                        PLATEAU_DECAY_RATE, PATIENCE_T, Param.ignored("verbose", "no effect on the lr"),
                        Plateau.THRESHOLD, COOLDOWN_T, WARMUP_T.describedAs("warmup epochs: epochs 1..warmup_t "
                                + "ramp linearly"), WARMUP_LR_INIT,
                        LR_MIN.describedAs("torch's min_lr: lower bound on the lr"), PLATEAU_MODE)
                .params(NOISE)
                .params(Param.ignored("initialize", "sets initial_lr in the param groups; no effect on the lr"),
                        Plateau.METRICS)
                .build(a -> {
                    refuseNoise(a);
                    double factor = a.real(PLATEAU_DECAY_RATE);
                    a.check(factor < 1.0, PLATEAU_DECAY_RATE, () -> "Factor should be < 1.0. (torch's "
                            + "ReduceLROnPlateau)");
                    Plateau.Settings settings = new Plateau.Settings(a.choice(PLATEAU_MODE).equals("max"), factor,
                            a.integer(PATIENCE_T), a.real(Plateau.THRESHOLD), true, a.integer(COOLDOWN_T),
                            a.real(LR_MIN), 1e-8);
                    double[] trace = a.trace(Plateau.METRICS);
                    double lr = a.real(LR), init = a.real(WARMUP_LR_INIT);
                    long warmup = a.integer(WARMUP_T);
                    double slope = warmup != 0 ? (lr - init) / warmup : 1;
                    Plateau.Stepper torch = new Plateau.Stepper(settings);
                    double[] rows = new double[trace.length + 1];
                    rows[0] = warmup != 0 ? init : lr;
                    for (int t = 1; t < rows.length; t++) {
                        rows[t] = t <= warmup ? init + t * slope : torch.step(rows[t - 1], trace[t - 1]);
                    }
                    Rows schedule = Rows.of(rows);
                    // rows 0..warmup_t are the ramp; the plateau scheduler sets the rows after it
                    return warmup > 0 ? schedule.withWarmupEnd(warmup + 1) : schedule;
                });
    }

    private static final String WARMUP_FORMULA = "t < warmup_t: f(t) = warmup_lr_init + t * (lr - warmup_lr_init) "
            + "/ warmup_t\nu = t - warmup_t with warmup_prefix, else u = t\n";
    private static final String CYCLE_FORMULA = WARMUP_FORMULA
            + "cycle i of length L = t_initial * cycle_mul^i holds u at position x;\n"
            + "  i = u // t_initial (Python's float floor division) when cycle_mul == 1,\n"
            + "  i = floor(log(1 - u / t_initial * (1 - cycle_mul)) / log(cycle_mul)) otherwise\n"
            + "peak_i = lr * cycle_decay^i; i >= cycle_limit: f = lr_min\n";

    private static final String CYCLE_NOTES = "warmup_prefix=False (the default) runs the main curve on the raw t, so "
            + "at t = warmup_t it has already moved past its start: cosine and poly warm up to lr and jump; tanh "
            + "warms up to the curve's value at warmup_t. After cycle_limit cycles the LR is lr_min for ever. The "
            + "cycle index uses Python's math.log(x, cycle_mul) with its rounding (cycle_mul=10 stays in the old "
            + "cycle at t = 1110 with t_initial=10); cycle_mul < 1 raises 'math domain error' once the finite "
            + "total length is used up. Noise (noise_range_t) is refused. Domains: t_initial, cycle_mul, k_decay > 0; "
            + "lr_min, power, cycle_limit, warmup_t >= 0; cycle_decay in [0, 1] (timm itself accepts a growing "
            + "cycle_decay, which overflows at large cycle indices: lrsched keeps to decays). A step where the "
            + "formula leaves the floats (only reachable with extreme arguments) is refused as timm raises there.";

    /** The factory part specific to one scheduler: reads its own params and returns its shape. */
    private interface ShapeFactory {
        CycleSchedule.Shape shape(Args a);
    }

    private static TypeDef cycled(TypeDef.Builder b, List<Param> own, ShapeFactory shapeFactory,
                                  boolean warmToCurve) {
        b.notes(CYCLE_NOTES).params(LR, T_INITIAL, LR_MIN).params(own)
                .params(CYCLE_MUL, CYCLE_DECAY, CYCLE_LIMIT, WARMUP_T, WARMUP_LR_INIT, WARMUP_PREFIX, T_IN_EPOCHS)
                .params(NOISE);
        return b.build(a -> {
            refuseNoise(a);
            // timm asserts t_initial > 0 and lr_min >= 0: declared ranges (T_INITIAL, LR_MIN)
            CycleSchedule.Shape shape = shapeFactory.shape(a);
            CycleSchedule.Config config = new CycleSchedule.Config(a.real(LR), a.real(T_INITIAL), a.real(LR_MIN),
                    a.real(CYCLE_MUL), a.real(CYCLE_DECAY), a.integer(CYCLE_LIMIT), a.integer(WARMUP_T),
                    a.real(WARMUP_LR_INIT), a.bool(WARMUP_PREFIX));
            try {
                return new CycleSchedule(config, shape, warmToCurve);
            } catch (StepOutOfRangeException e) {
                // tanh without warmup_prefix evaluates the curve at warmup_t in its constructor
                throw a.error(WARMUP_T, "timm evaluates the curve at warmup_t when it builds the scheduler, and "
                        + "raises there: " + e.getMessage());
            }
        });
    }

    /** How many decays apply at main-schedule position u. */
    private interface DecayCount {
        double at(double u);
    }

    private interface DecayCountFactory {
        DecayCount count(Args a);
    }

    /** Below this step u is exact as a double and the counts above are exact: pieces are named only below it. */
    private static final long EXACT = 1L << 53;

    /**
     * @param monotone whether the decay count is non-decreasing in u as computed: then the rate is constant between
     *                 the steps where the count changes (found by a galloping search on the count itself), and the
     *                 warmup is one more piece
     */
    private static TypeDef stepped(TypeDef.Builder b, DecayCountFactory countFactory,
                                   java.util.function.Predicate<Args> monotone) {
        b.params(LR, DECAY_RATE, WARMUP_T, WARMUP_LR_INIT, WARMUP_PREFIX.defaultsTo(true), T_IN_EPOCHS).params(NOISE);
        return b.build(a -> {
            refuseNoise(a);
            DecayCount count = countFactory.count(a);
            double lr = a.real(LR), rate = a.real(DECAY_RATE), init = a.real(WARMUP_LR_INIT);
            long warmup = a.integer(WARMUP_T);
            boolean prefix = a.bool(WARMUP_PREFIX);
            double slope = warmup != 0 ? (lr - init) / warmup : 1;
            Schedule s = t -> {
                if (t < warmup) {
                    return init + t * slope;
                }
                return lr * PyFloat.pow(rate, count.at(prefix ? t - warmup : t));
            };
            if (monotone.test(a)) {
                long from = Math.max(0, warmup);
                long exact = Pieces.plus(from, EXACT);
                Pieces stairs = Pieces.whereChanges(from, t -> t >= exact ? Double.POSITIVE_INFINITY
                        : count.at(prefix ? t - warmup : t));
                Pieces capped = stairs.everyStepFrom(exact - 1);
                s = s.withPieces(t -> t < from ? from : capped.next(t));
            }
            return warmup > 0 ? s.withWarmupEnd(warmup) : s;
        });
    }

    /** Python's bisect.bisect_right on the list as given (sorted or not). */
    static int bisectRight(double[] list, double x) {
        int lo = 0, hi = list.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < list[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static void refuseNoise(Args a) {
        if (a.given(NOISE_RANGE_T)) {
            throw a.error(NOISE_RANGE_T, NOISE_REFUSED);
        }
    }

    /** timm validates with bare asserts: report the failing assertion. */
    private static void check(Args a, boolean ok, Param param, String assertion) {
        a.check(ok, param, () -> "AssertionError (timm asserts " + assertion + ")");
    }
}
