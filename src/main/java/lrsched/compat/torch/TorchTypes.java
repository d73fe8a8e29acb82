package lrsched.compat.torch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import lrsched.core.DoubleFormat;
import lrsched.core.Libm;
import lrsched.core.Schedule;
import lrsched.schedule.Replay;
import lrsched.expr.Expression;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * PyTorch's {@code torch.optim.lr_scheduler} classes, as the newest torch computes them (an older release with
 * {@code --versions torch=2.7} or a spec's {@code versions:}, see {@link TorchChange}): row {@code s} is
 * {@code optimizer.param_groups[0]['lr']} after {@code s} calls of {@code scheduler.step()} on a fresh optimizer
 * (row 0 is what the constructor set). Arguments keep torch's names, defaults and checks (with torch's messages).
 * See src/docs/compat/torch.md.
 */
public final class TorchTypes implements Catalog {
    private static final Param LR = Param.real("lr",
            "the optimizer's lr (param_groups[0]['lr']); children of SequentialLR/ChainedScheduler share their "
                    + "parent's").inheritedFromParent();
    private static final Param LR_UNUSED = LR.optional().describedAs(
            "the optimizer's lr: not needed (this scheduler replaces it), except as the initial_lr seen by "
                    + "schedulers built after it in a SequentialLR/ChainedScheduler");
    private static final Param LAST_EPOCH = Param.integer("last_epoch",
            "epoch to resume from; only -1 (a fresh scheduler) is modelled").defaultsTo(-1);
    private static final Param VERBOSE = Param.ignored("verbose", "prints each update; no effect on the lr");
    private static final Param LR_LAMBDA = Param.expression("lr_lambda", "epoch",
            "the lambda as written in Python (\"lambda epoch: 0.95 ** epoch\") or its body, a formula of epoch");
    private static final Param SCHEDULERS = Param.schedules("schedulers",
            "torch schedulers on the same optimizer, each a mapping with its type and kwargs (no lr)");

    // Each scheduler's own arguments, in the order of the types. One declared alike by several schedulers is one
    // constant; one declared differently has a constant per scheduler, prefixed with it. Arguments that no factory
    // reads (momentum, ReduceLROnPlateau's) stay inline in their builders.

    private static final Param STEP_SIZE = Param.integer("step_size", "period of learning rate decay");
    /** StepLR's and MultiStepLR's gamma. */
    private static final Param GAMMA = Param.real("gamma", "multiplicative factor of learning rate decay")
            .defaultsTo(0.1);

    private static final Param MULTISTEP_MILESTONES = Param.integers("milestones", "list of epoch indices");

    private static final Param CONSTANT_FACTOR = Param.real("factor",
            "the number we multiply learning rate until the milestone").defaultsTo(1.0 / 3);
    /** ConstantLR's and PolynomialLR's total_iters. */
    private static final Param TOTAL_ITERS = Param.integer("total_iters",
            "the number of steps that the scheduler decays the learning rate").defaultsTo(5);

    private static final Param START_FACTOR = Param.real("start_factor", "factor at step 0").defaultsTo(1.0 / 3);
    private static final Param END_FACTOR = Param.real("end_factor", "factor from step total_iters on")
            .defaultsTo(1.0);
    private static final Param LINEAR_TOTAL_ITERS = Param.integer("total_iters",
            "the number of iterations the factor takes to reach end_factor").defaultsTo(5);

    private static final Param EXPONENTIAL_GAMMA = Param.real("gamma", "multiplicative factor of learning rate decay");

    private static final Param POWER = Param.real("power", "the power of the polynomial").defaultsTo(1.0);

    private static final Param T_MAX = Param.integer("T_max", "maximum number of iterations");
    /** CosineAnnealingLR's and CosineAnnealingWarmRestarts' eta_min. */
    private static final Param ETA_MIN = Param.real("eta_min", "minimum learning rate").defaultsTo(0.0);

    private static final Param T_0 = Param.integer("T_0", "number of iterations for the first restart");
    private static final Param T_MULT = Param.integer("T_mult", "a factor increases T_i after a restart")
            .defaultsTo(1);

    private static final Param BASE_LR = Param.real("base_lr", "lower learning rate boundary");
    /** CyclicLR's and OneCycleLR's max_lr. */
    private static final Param MAX_LR = Param.real("max_lr", "upper learning rate boundary");
    private static final Param STEP_SIZE_UP = Param.real("step_size_up",
            "iterations in the increasing half of a cycle").defaultsTo(2000);
    private static final Param STEP_SIZE_DOWN = Param.real("step_size_down",
            "iterations in the decreasing half of a cycle").defaultsToComputed("step_size_up");
    private static final Param CYCLIC_MODE = Param.text("mode", "triangular, triangular2 or exp_range")
            .defaultsTo("triangular");
    private static final Param CYCLIC_GAMMA = Param.real("gamma", "constant in exp_range: gamma^iterations")
            .defaultsTo(1.0);
    private static final Param SCALE_FN = Param.expression("scale_fn", "x", "custom scaling policy, a formula of x")
            .optional();
    private static final Param SCALE_MODE = Param.text("scale_mode", "cycle or iterations: what scale_fn reads")
            .defaultsTo("cycle");

    private static final Param TOTAL_STEPS = Param.integer("total_steps", "the total number of steps in the cycle")
            .optional();
    private static final Param EPOCHS = Param.integer("epochs",
            "with steps_per_epoch: total_steps = epochs * steps_per_epoch").optional();
    private static final Param STEPS_PER_EPOCH = Param.integer("steps_per_epoch", "steps per epoch (see epochs)")
            .optional();
    private static final Param PCT_START = Param.real("pct_start", "fraction of the cycle spent increasing the lr")
            .defaultsTo(0.3).checkingPythonType();
    private static final Param ANNEAL_STRATEGY = Param.text("anneal_strategy", "cos or linear").defaultsTo("cos");
    private static final Param DIV_FACTOR = Param.real("div_factor", "initial_lr = max_lr / div_factor")
            .defaultsTo(25.0);
    private static final Param FINAL_DIV_FACTOR = Param.real("final_div_factor",
            "min_lr = initial_lr / final_div_factor").defaultsTo(1e4);
    private static final Param THREE_PHASE = Param.bool("three_phase",
            "use a third phase down to min_lr (the original paper)").defaultsTo(false);

    private static final Param SWA_LR = Param.real("swa_lr", "the learning rate SWALR anneals to and then holds");
    private static final Param ANNEAL_EPOCHS = Param.integer("anneal_epochs",
            "number of SWALR step() calls in the annealing phase").defaultsTo(10);
    private static final Param SWA_ANNEAL_STRATEGY = Param.text("anneal_strategy", "cos or linear").defaultsTo("cos");

    private static final Param SEQUENTIAL_MILESTONES = Param.integers("milestones",
            "steps where the next scheduler takes over (one fewer than schedulers)");

    /** Whether the run's torch release ({@code versions: {torch: ...}}, else the newest) has {@code change}. */
    private static boolean has(Args a, TorchChange change) {
        return TorchRelease.of(a).has(change);
    }

    /** Types that are torch's ReduceLROnPlateau, which SequentialLR and ChainedScheduler cannot step. */
    private static final java.util.Set<String> PLATEAU_TYPES = java.util.Set.of("torch.ReduceLROnPlateau",
            "hf.reduce_lr_on_plateau");

    private static final String ROW = "row s = the lr after s calls of scheduler.step() (row 0: after the "
            + "constructor)\n";

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();

        all.add(simple(TypeDef.builder("torch.LambdaLR", "lr times a formula of the epoch")
                .formula(ROW + "f(s) = lr * lr_lambda(s)")
                .notes("The lambda is written as a formula string of epoch; Python's own lambda cannot be read.")
                .params(LR, LR_LAMBDA), a -> new Overrides.Lambda(a.expression(LR_LAMBDA))));

        all.add(simple(TypeDef.builder("torch.MultiplicativeLR", "multiply the lr by a formula of the epoch at "
                        + "every step")
                .formula(ROW + "f(0) = lr;  f(s) = f(s-1) * lr_lambda(s)")
                .notes("Replayed as torch multiplies, step by step, up to step " + Replay.LIMIT + "; past it a "
                        + "constant lambda is lr * lambda^s, and a lambda that reads epoch (no closed form) is "
                        + "refused. Inside SequentialLR it continues from the lr the previous "
                        + "scheduler left (it has no closed form for step(0)).")
                .params(LR, LR_LAMBDA), a -> new MultiplyingSchedulers.Multiplicative(a.expression(LR_LAMBDA))));

        all.add(simple(TypeDef.builder("torch.StepLR", "multiply by gamma every step_size steps")
                .formula(ROW + "f(s) = lr * gamma^floor(s / step_size)")
                .notes("torch tests s % step_size == 0 (Python's %), so a negative step_size acts like its absolute "
                        + "value; step_size 0 raises 'integer modulo by zero' at step 1.")
                .params(LR, STEP_SIZE, GAMMA),
                a -> new MultiplyingSchedulers.Step(a.integer(STEP_SIZE), a.real(GAMMA))));

        all.add(simple(TypeDef.builder("torch.MultiStepLR", "multiply by gamma at each milestone")
                .formula(ROW + "f(s) = lr * gamma^(number of milestones m with 0 <= m <= s)")
                .notes("Milestones are counted (a collections.Counter): a repeated milestone decays twice, order "
                        + "does not matter, a milestone 0 applies from row 0 and a negative one never applies.")
                .params(LR, MULTISTEP_MILESTONES, GAMMA),
                a -> new MultiplyingSchedulers.MultiStep(a.integers(MULTISTEP_MILESTONES), a.real(GAMMA))));

        all.add(simple(TypeDef.builder("torch.ConstantLR", "lr times factor until total_iters, then lr")
                .formula(ROW + "f(s) = lr * factor for s < total_iters;  lr for s >= total_iters")
                .notes("torch 1.13 steps recursively: with total_iters <= 0 the factor applied at row 0 is never "
                        + "undone (the lr stays lr * factor); factor 0 is accepted but raises 'float division by zero' "
                        + "at step total_iters.")
                .params(LR, CONSTANT_FACTOR, TOTAL_ITERS),
                a -> {
                    double factor = a.real(CONSTANT_FACTOR);
                    a.check(factor <= 1.0 && factor >= 0, CONSTANT_FACTOR,
                            () -> "Constant multiplicative factor expected to be between 0 and 1.");
                    return new MultiplyingSchedulers.Constant(factor, a.integer(TOTAL_ITERS));
                }));

        all.add(simple(TypeDef.builder("torch.LinearLR", "lr times a factor moving linearly from start_factor to "
                        + "end_factor")
                .formula(ROW + "f(s) = lr * (start_factor + (end_factor - start_factor) * min(s, total_iters) / "
                        + "total_iters)")
                .notes("torch 2.0 and later reject start_factor 0; torch 1.13 accepts it but then raises 'float "
                        + "division by zero' at step 1. With total_iters <= 0 the lr stays lr * start_factor.")
                .params(LR, START_FACTOR, END_FACTOR, LINEAR_TOTAL_ITERS),
                a -> {
                    double start = a.real(START_FACTOR);
                    double end = a.real(END_FACTOR);
                    if (has(a, TorchChange.LINEAR_START_FACTOR_POSITIVE)) {
                        a.check(start <= 1.0 && start > 0, START_FACTOR, () -> "Starting multiplicative factor "
                                + "expected to be greater than 0 and less or equal to 1.");
                    } else {
                        a.check(start <= 1.0 && start >= 0, START_FACTOR,
                                () -> "Starting multiplicative factor expected to be between 0 and 1.");
                    }
                    a.check(end <= 1.0 && end >= 0, END_FACTOR,
                            () -> "Ending multiplicative factor expected to be between 0 and 1.");
                    return new MultiplyingSchedulers.Linear(start, end, a.integer(LINEAR_TOTAL_ITERS));
                }, a -> a.real(START_FACTOR) < a.real(END_FACTOR) ? a.integer(LINEAR_TOTAL_ITERS) : 0));

        all.add(simple(TypeDef.builder("torch.ExponentialLR", "multiply by gamma every step")
                .formula(ROW + "f(s) = lr * gamma^s")
                .params(LR, EXPONENTIAL_GAMMA),
                a -> new MultiplyingSchedulers.Exponential(a.real(EXPONENTIAL_GAMMA))));

        all.add(simple(TypeDef.builder("torch.PolynomialLR", "polynomial decay to 0 at total_iters")
                .formula(ROW + "f(s) = lr * (1 - min(s, total_iters) / total_iters)^power")
                .notes("Stays at 0 after total_iters. A negative power raises '0.0 cannot be raised to a negative "
                        + "power' at step total_iters; total_iters <= 0 keeps lr.")
                .params(LR, TOTAL_ITERS, POWER),
                a -> new MultiplyingSchedulers.Polynomial(a.integer(TOTAL_ITERS), a.real(POWER))));

        all.add(simple(TypeDef.builder("torch.CosineAnnealingLR", "cosine from lr to eta_min over T_max steps, "
                        + "then back up (periodic)")
                .formula(ROW + "f(s) = eta_min + (lr - eta_min) * (1 + cos(pi * s / T_max)) / 2")
                .notes("Past T_max the lr rises again: the curve is periodic with period 2*T_max (torch's recursion "
                        + "adds a fixed step after each minimum; alone it equals this closed form). A negative T_max "
                        + "acts as its absolute value; T_max 0 raises 'integer modulo by zero' at step 1.")
                .params(LR, T_MAX, ETA_MIN),
                a -> new Overrides.Cosine(a.integer(T_MAX), a.real(ETA_MIN))));

        all.add(simple(TypeDef.builder("torch.CosineAnnealingWarmRestarts", "cosine from lr to eta_min, "
                        + "restarting after T_0, T_0*T_mult, ... steps")
                .formula(ROW + "T_i = T_0 * T_mult^i for cycle i;  T_cur = steps since the cycle started\n"
                        + "f(s) = eta_min + (lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2")
                .notes("Each cycle restarts at lr exactly (no peak decay). T_0 must be a positive integer and "
                        + "T_mult an integer >= 1.")
                .params(LR, T_0, T_MULT, ETA_MIN),
                a -> {
                    long t0 = a.integer(T_0);
                    long mult = a.integer(T_MULT);
                    a.check(t0 > 0, T_0, () -> "Expected positive integer T_0, but got " + t0);
                    a.check(mult >= 1, T_MULT, () -> "Expected integer T_mult >= 1, but got " + mult);
                    return new Overrides.WarmRestarts(t0, mult, a.real(ETA_MIN));
                }));

        all.add(simple(cyclic(), TorchTypes::cyclicRule));
        all.add(simple(oneCycle(), TorchTypes::oneCycleRule,
                a -> ((Overrides.OneCycle) oneCycleRule(a)).peakEnd()));

        all.add(TypeDef.builder("torch.SequentialLR", "torch schedulers one after another, switching at milestones")
                .formula(ROW + "child k runs on steps [milestones[k-1], milestones[k]) with local epoch "
                        + "s - milestones[k-1]")
                .notes("At a milestone the next child restarts from its own closed form at epoch 0 (from its base "
                        + "lr, not from where the previous child left the lr), except MultiplicativeLR, which has "
                        + "none: torch " + TorchChange.INITIAL_MODE.firstRelease() + " and later multiply the "
                        + "current lr by lr_lambda(0) there, older releases keep it. A milestone at or below 0 is "
                        + "never reached exactly: the second child then steps on from the first one's lr, its first "
                        + "step a real one from torch " + TorchChange.INITIAL_MODE.firstRelease() + " on (kept lr "
                        + "before; replayed step by step); from torch "
                        + TorchChange.SEQUENTIAL_STARTS_ACTIVE_CHILD.firstRelease() + " the constructor starts the "
                        + "child active at step 0 instead, which then runs as if alone. versions: {torch: \"2.7\"} "
                        + "(or --versions torch=2.7) selects a release. CyclicLR and OneCycleLR change "
                        + "the optimizer's lr / initial_lr when built, so the base lr of every scheduler listed after "
                        + "them (and the lr SequentialLR resets to) changes too. A SequentialLR or "
                        + "ChainedScheduler child works as in torch (replayed, up to step " + Replay.LIMIT + "): "
                        + "first, or in a ChainedScheduler; one reached at a milestone raises, as in torch, and "
                        + "before torch " + TorchChange.RECURSIVE_UNDO.firstRelease() + " SequentialLR cannot hold "
                        + "a ChainedScheduler.")
                .params(LR, SCHEDULERS, SEQUENTIAL_MILESTONES, LAST_EPOCH, VERBOSE)
                .build(a -> {
                    checkFresh(a);
                    List<Nest.Node> rules = children(a, true);
                    long[] milestones = a.integers(SEQUENTIAL_MILESTONES);
                    a.check(milestones.length == rules.size() - 1, rules.isEmpty() ? SCHEDULERS : SEQUENTIAL_MILESTONES,
                            () -> "Sequential Schedulers expects number of schedulers provided to be one more than "
                                    + "the number of milestone points, but got number of schedulers " + rules.size()
                                    + " and the number of milestones to be equal to " + milestones.length);
                    a.check(Sequential.sortedFromOne(milestones) || rules.stream().noneMatch(r -> r instanceof Nest.Leaf l && l.rule() instanceof Swa),
                            SEQUENTIAL_MILESTONES, () -> "a SWALR child needs milestones that increase from 1 or "
                                    + "more (with others torch steps children from each other's lr, which is not "
                                    + "modelled for SWALR)");
                    return Nest.sequential(rules, milestones, a.real(LR), TorchRelease.of(a));
                }));

        all.add(TypeDef.builder("torch.ChainedScheduler", "torch schedulers all stepping the same lr, in list order")
                .formula(ROW + "each step runs every child's step() in order on the shared lr;\n"
                        + "multiplying children: f(s) = lr * product of their factors at s")
                .notes("A child that sets the lr outright (LambdaLR, CyclicLR, OneCycleLR, "
                        + "CosineAnnealingWarmRestarts) wipes out the children before it; the children after it "
                        + "multiply by their one-step ratio only. A CosineAnnealingLR followed only by multiplying "
                        + "children has no closed form past T_max (its restart step adds a fixed amount and forgets "
                        + "the others' factors): such chains are refused past step " + Replay.LIMIT
                        + " (torch's stepping is replayed up to it). A SequentialLR or ChainedScheduler child works "
                        + "as in torch.")
                .params(LR, SCHEDULERS)
                .build(a -> {
                    List<Nest.Node> rules = children(a, false);
                    a.check(!rules.isEmpty(), SCHEDULERS, () -> has(a, TorchChange.CHAINED_EMPTY_MESSAGE)
                            ? "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler."
                            : "ChainedScheduler needs at least one scheduler (torch " + a.versions().of("torch")
                                    .orElseThrow() + " fails with 'list index out of range')");
                    return Nest.chained(rules, a.real(LR), TorchRelease.of(a));
                }));

        all.add(TypeDef.builder("torch.SWALR", "torch.optim.swa_utils.SWALR: anneal the lr it finds to swa_lr "
                        + "over anneal_epochs steps, then hold swa_lr")
                .formula(ROW + "p = min(s / anneal_epochs, 1);  a = (1 - cos(pi p)) / 2 (cos) or p (linear)\n"
                        + "f(s) = swa_lr * a + start * (1 - a),  start = the lr when SWALR took over "
                        + "(alone: lr; in SequentialLR: the lr at its milestone)")
                .notes("torch recovers start from the current lr at every step ((lr - a(s-1) * swa_lr) / (1 - "
                        + "a(s-1))), which rounds differently from the formula: lrsched replays that recursion "
                        + "(up to step " + Replay.LIMIT + "); from step anneal_epochs on the lr is swa_lr exactly. "
                        + "SWALR counts its own step() calls, not the epoch: as a child of SequentialLR it anneals "
                        + "from the lr the previous scheduler left; torch before "
                        + TorchChange.UPDATE_LR_AT_MILESTONE.firstRelease() + " enters it with step(0), which "
                        + "counts, later releases with _update_lr(0), which does not, so they run one step behind "
                        + "there. anneal_epochs 0 jumps to swa_lr at once.")
                .params(LR, SWA_LR, ANNEAL_EPOCHS, SWA_ANNEAL_STRATEGY, LAST_EPOCH)
                .build(a -> {
                    checkFresh(a);
                    String strategy = a.text(SWA_ANNEAL_STRATEGY);
                    a.check(strategy.equals("cos") || strategy.equals("linear"), SWA_ANNEAL_STRATEGY,
                            () -> "anneal_strategy must " + (has(a, TorchChange.SWALR_MESSAGE) ? "be" : "by")
                                    + " one of 'cos' or 'linear', instead got " + strategy
                                    + lrsched.core.Suggest.didYouMean(strategy, List.of("cos", "linear")));
                    long epochs = a.integer(ANNEAL_EPOCHS);
                    a.check(epochs >= 0, ANNEAL_EPOCHS,
                            () -> "anneal_epochs must be equal or greater than 0, got " + epochs);
                    Swa rule = new Swa(a.real(SWA_LR), epochs, strategy.equals("cos"));
                    return new TorchSchedule(rule, a.real(LR), a.given(LR), 0);
                }));

        all.add(TypeDef.builder("torch.ReduceLROnPlateau", "multiply the lr by factor when a recorded metric "
                        + "stops improving")
                .formula(Plateau.FORMULA)
                .notes(Plateau.TRACE_NOTE + " Stepped once per epoch, use stepping: epoch with steps_per_epoch to "
                        + "place the rows on updates. torch 2.x computes the same lrs (it dropped verbose and the "
                        + "epoch argument of step).")
                .params(LR)
                .params(Plateau.ARGS)
                .params(VERBOSE)
                .build(a -> {
                    Plateau.Settings settings = Plateau.settings(a);
                    return lrsched.schedule.Rows.of(Plateau.rows(a.real(LR), a.trace(Plateau.METRICS),
                            settings));
                }));
        return all;
    }

    private static TypeDef.Builder cyclic() {
        return TypeDef.builder("torch.CyclicLR", "triangle waves between base_lr and max_lr (replaces the "
                        + "optimizer's lr)")
                .formula(ROW + "cycle = floor(1 + s / (up + down));  x = 1 + s / (up + down) - cycle\n"
                        + "h = x / r if x <= r else (x - 1) / (r - 1),  r = up / (up + down)\n"
                        + "f(s) = base_lr + (max_lr - base_lr) * h * scale(cycle or s)\n"
                        + "scale: triangular 1;  triangular2 1 / 2^(cycle - 1);  exp_range gamma^s;  or scale_fn(x)")
                .notes("Row 0 is base_lr. The optimizer's lr is overwritten by base_lr (so lr is not needed). "
                        + "scale_fn is a formula of x; with it, mode is ignored and scale_mode ('cycle' or "
                        + "'iterations') says what x is; the built-in modes set their own scale_mode. triangular2 raises "
                        + "from cycle 1025 on (Python's 2.0 ** 1024 overflows). Momentum "
                        + "arguments do not affect the lr (an SGD optimizer with momentum is assumed).")
                .params(LR_UNUSED, BASE_LR, MAX_LR, STEP_SIZE_UP, STEP_SIZE_DOWN, CYCLIC_MODE, CYCLIC_GAMMA,
                        SCALE_FN, SCALE_MODE,
                        Param.bool("cycle_momentum", "cycle momentum inversely to the lr (no effect on the lr)")
                                .defaultsTo(true),
                        Param.real("base_momentum", "lower momentum boundary (no effect on the lr)").defaultsTo(0.8),
                        Param.real("max_momentum", "upper momentum boundary (no effect on the lr)").defaultsTo(0.9));
    }

    private static Rule cyclicRule(Args a) {
        String mode = a.text(CYCLIC_MODE);
        boolean custom = a.has(SCALE_FN);
        a.check(custom || mode.equals("triangular") || mode.equals("triangular2") || mode.equals("exp_range"),
                CYCLIC_MODE, () -> "mode is invalid and scale_fn is None (use triangular, triangular2 or exp_range)"
                        + lrsched.core.Suggest.didYouMean(mode, java.util.List.of("triangular", "triangular2",
                        "exp_range")));
        double up = a.real(STEP_SIZE_UP);
        double down = a.has(STEP_SIZE_DOWN) ? a.real(STEP_SIZE_DOWN) : up;
        a.check(up != 0, STEP_SIZE_UP, () -> "float division by zero (torch divides by step_size_up / "
                + "(step_size_up + step_size_down) in its first step)");
        double gamma = a.real(CYCLIC_GAMMA);
        Overrides.Cyclic.Scale scale;
        boolean byCycle;
        Rule.Failure failure = Rule.Failure.NONE;
        if (custom) {
            Expression fn = a.expression(SCALE_FN);
            scale = fn::evaluate;
            byCycle = a.text(SCALE_MODE).equals("cycle");
        } else if (mode.equals("triangular")) {
            scale = x -> 1.;
            byCycle = true;
        } else if (mode.equals("triangular2")) {
            scale = x -> 1 / Libm.pow(2., x - 1);
            byCycle = true;
            failure = triangular2Overflow(up, down);
        } else {
            scale = x -> Libm.pow(gamma, x);
            byCycle = false;
        }
        return new Overrides.Cyclic(a.real(BASE_LR), a.real(MAX_LR), up, down, scale, byCycle, failure);
    }

    /**
     * The first step whose cycle is 1025 or more: there Python's {@code 2.0 ** (cycle - 1)} raises OverflowError
     * (Java's would give infinity and a scale of 0).
     */
    private static Rule.Failure triangular2Overflow(double up, double down) {
        double guess = Math.ceil(1024 * (up + down));
        if (!(guess < Long.MAX_VALUE / 2)) {
            return Rule.Failure.NONE;
        }
        long step = Math.max(0, (long) guess - 2);
        while (Overrides.Cyclic.cycle(step, up, down) < 1025) {
            step++;
        }
        return new Rule.Failure(step, "(34, 'Numerical result out of range') (OverflowError: 2.0 ** (cycle - 1) in "
                + "triangular2's scale, cycle " + (long) Overrides.Cyclic.cycle(step, up, down) + ")");
    }

    private static TypeDef.Builder oneCycle() {
        return TypeDef.builder("torch.OneCycleLR", "1cycle: up from max_lr/div_factor to max_lr, then down far "
                        + "below; raises past total_steps")
                .formula(ROW + "initial = max_lr / div_factor;  min = initial / final_div_factor\n"
                        + "phase ends (steps): pct_start*total - 1, total - 1  (three_phase: pct_start*total - 1, "
                        + "2*pct_start*total - 2, total - 1)\n"
                        + "lr anneals initial -> max_lr -> min  (three_phase: initial -> max_lr -> initial -> min),\n"
                        + "p = (s - phase start) / (phase end - phase start); cos: end + (start - end) * "
                        + "(1 + cos(pi p)) / 2; linear: start + (end - start) * p")
                .notes("Rows 0..total_steps exist (row total_steps extrapolates the last phase past min: with "
                        + "'linear' it is below min and may be negative); step total_steps + 1 raises 'Tried to step "
                        + "total_steps + 1 times' (torch 1.13: + 2). total_steps wins over epochs * "
                        + "steps_per_epoch. A phase of zero length divides by zero (pct_start * total_steps = 1 fails "
                        + "when built; pct_start 1 fails at step total_steps). torch also rejects an integer pct_start "
                        + "such as 1 (not a float), and so does lrsched. The optimizer's lr is replaced by "
                        + "max_lr / div_factor.")
                .params(LR_UNUSED, MAX_LR, TOTAL_STEPS, EPOCHS, STEPS_PER_EPOCH, PCT_START, ANNEAL_STRATEGY,
                        Param.bool("cycle_momentum", "cycle momentum inversely to the lr (no effect on the lr)")
                                .defaultsTo(true),
                        Param.real("base_momentum", "lower momentum boundary (no effect on the lr)").defaultsTo(0.85),
                        Param.real("max_momentum", "upper momentum boundary (no effect on the lr)").defaultsTo(0.95),
                        DIV_FACTOR, FINAL_DIV_FACTOR, THREE_PHASE);
    }

    private static final String MUST_DEFINE_LENGTH = "You must define either total_steps OR (epochs AND "
            + "steps_per_epoch)";

    private static Rule oneCycleRule(Args a) {
        long total;
        if (a.has(TOTAL_STEPS)) {
            total = a.integer(TOTAL_STEPS);
            a.check(total > 0, TOTAL_STEPS, () -> "Expected positive integer total_steps, but got " + total);
        } else if (!a.has(EPOCHS) && !a.has(STEPS_PER_EPOCH)) {
            throw a.error(TOTAL_STEPS, MUST_DEFINE_LENGTH);
        } else {
            // newer releases ask for both; older ones compared the missing one with 0
            String none = has(a, TorchChange.ONE_CYCLE_MESSAGES) ? MUST_DEFINE_LENGTH
                    : "'<=' not supported between instances of 'NoneType' and 'int'";
            a.check(a.has(EPOCHS), EPOCHS, () -> none + " (" + EPOCHS.name() + " is missing)");
            long epochs = a.integer(EPOCHS);
            a.check(epochs > 0, EPOCHS, () -> "Expected positive integer epochs, but got " + epochs);
            a.check(a.has(STEPS_PER_EPOCH), STEPS_PER_EPOCH,
                () -> none + " (" + STEPS_PER_EPOCH.name() + " is missing)");
            long perEpoch = a.integer(STEPS_PER_EPOCH);
            a.check(perEpoch > 0, STEPS_PER_EPOCH,
                    () -> "Expected positive integer steps_per_epoch, but got " + perEpoch);
            total = epochs * perEpoch;
        }
        double pct = a.real(PCT_START);
        a.check(pct >= 0 && pct <= 1, PCT_START,
                () -> "Expected float between 0 and 1 pct_start, but got " + DoubleFormat.format(pct));
        String anneal = a.text(ANNEAL_STRATEGY);
        a.check(anneal.equals("cos") || anneal.equals("linear"), ANNEAL_STRATEGY,
                () -> "anneal_strategy must " + (has(a, TorchChange.ONE_CYCLE_MESSAGES) ? "be" : "by")
                        + " one of 'cos' or 'linear', instead got "
                        + anneal
                        + lrsched.core.Suggest.didYouMean(anneal, java.util.List.of("cos", "linear")));
        Overrides.OneCycle rule = new Overrides.OneCycle(a.real(MAX_LR), total, pct, anneal.equals("cos"),
                a.real(DIV_FACTOR), a.real(FINAL_DIV_FACTOR), a.bool(THREE_PHASE),
                has(a, TorchChange.ONE_CYCLE_STEP_COUNT));
        a.check(rule.failure().epoch() > 0, PCT_START, () -> "float division by zero (the first phase has zero "
                + "length: pct_start * total_steps is 1)");
        return rule;
    }

    /** A single scheduler: adds last_epoch and verbose, and wraps the rule with the optimizer's lr. */
    private static TypeDef simple(TypeDef.Builder b, Function<Args, Rule> rule) {
        return simple(b, rule, a -> 0L);
    }

    private static TypeDef simple(TypeDef.Builder b, Function<Args, Rule> rule, Function<Args, Long> warmupEnd) {
        return b.params(LAST_EPOCH, VERBOSE).build(a -> {
            checkFresh(a);
            Rule r = rule.apply(a);
            double lr = a.has(LR) ? a.real(LR) : Double.NaN;
            return new TorchSchedule(r, lr, a.given(LR), warmupEnd.apply(a));
        });
    }

    private static void checkFresh(Args a) {
        a.check(a.integer(LAST_EPOCH) == -1, LAST_EPOCH, () -> "only last_epoch=-1 (a freshly built scheduler) "
                + "is modelled; resuming needs the optimizer's saved state");
    }

    /**
     * The children of a SequentialLR ({@code sequential}) or ChainedScheduler, checked to be torch schedulers without
     * lr: leaves, or nested composites.
     */
    private static List<Nest.Node> children(Args a, boolean sequential) {
        List<lrsched.core.Node.MapNode> nodes = a.childNodes(SCHEDULERS);
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            boolean plateau = nodes.get(i).get("type").filter(t -> t instanceof lrsched.core.Node.ScalarNode)
                    .map(t -> ((lrsched.core.Node.ScalarNode) t).text()).filter(PLATEAU_TYPES::contains).isPresent();
            a.check(!plateau, SCHEDULERS, () -> SCHEDULERS.name() + "[" + index + "]: a ReduceLROnPlateau cannot be "
                    + "combined: torch 1.13 fails when stepping it inside " + a.type().name() + " (SequentialLR: "
                    + "no get_last_lr; ChainedScheduler: step() without the metric)");
        }
        List<Schedule> built = a.schedules(SCHEDULERS);
        List<Nest.Node> rules = new ArrayList<>();
        int oneCycles = 0;
        for (int i = 0; i < built.size(); i++) {
            int index = i;
            Schedule s = built.get(i);
            if (s instanceof Composite composite) {
                a.check(has(a, TorchChange.RECURSIVE_UNDO) || !sequential || composite.node() instanceof Nest.Seq,
                        SCHEDULERS, () -> SCHEDULERS.name() + "[" + index + "]: 'ChainedScheduler' object has no "
                                + "attribute 'last_epoch' (SequentialLR cannot hold a ChainedScheduler before torch "
                                + TorchChange.RECURSIVE_UNDO.firstRelease() + ")");
                a.check(nodes.get(i).get(LR.name()).isEmpty(), SCHEDULERS, () -> SCHEDULERS.name() + "[" + index
                        + "] gives " + LR.name() + ", but all schedulers share one optimizer: write " + LR.name()
                        + " once, on the outermost " + a.type().name());
                rules.add(composite.node());
                continue;
            }
            if (!(s instanceof TorchSchedule)) {
                rules.add(new Nest.Leaf(new Overrides.Foreign(s))); // an lrsched extension: acts like a LambdaLR
                continue;
            }
            TorchSchedule child = (TorchSchedule) s;
            a.check(!child.lrGiven(), SCHEDULERS, () -> SCHEDULERS.name() + "[" + index + "] gives " + LR.name()
                    + ", but all schedulers share one optimizer: write " + LR.name() + " once, on the "
                    + a.type().name());
            if (child.rule() instanceof Overrides.OneCycle) {
                oneCycles++;
            }
            rules.add(new Nest.Leaf(child.rule()));
        }
        a.check(oneCycles <= 1, SCHEDULERS, () -> "more than one OneCycleLR on one optimizer is not modelled "
                + "(they overwrite each other's initial_lr, max_lr and min_lr in the param group)");
        return rules;
    }
}
