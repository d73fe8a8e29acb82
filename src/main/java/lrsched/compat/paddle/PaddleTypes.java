package lrsched.compat.paddle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import lrsched.core.DoubleFormat;
import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.expr.Expression;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;
import lrsched.schedule.Replay;

/**
 * PaddlePaddle's {@code paddle.optimizer.lr} schedulers (PaddlePaddle/Paddle python/paddle/optimizer/lr.py at
 * 00816fcb21ade6ad4425774b0e989c8098c6d324), with Paddle's argument names, defaults and refusals (quoted as
 * {@code ExceptionType: message}). Row {@code s} is {@code scheduler()} after the constructor (which steps once, to
 * last_epoch 0) and {@code s} calls of {@code scheduler.step()}: the per-iteration use Paddle documents, one
 * {@code step()} after each {@code optimizer.step()}. See src/docs/compat/paddle.md.
 */
public final class PaddleTypes implements Catalog {
    private static final Param LEARNING_RATE = Param.real("learning_rate", "the initial learning rate");
    private static final Param LAST_EPOCH = Param.integer("last_epoch",
            "epoch to resume from; only -1 (a freshly built scheduler) is modelled").defaultsTo(-1);
    private static final Param VERBOSE = Param.ignored("verbose", "prints each update; no effect on the lr");
    private static final Param LR_LAMBDA = Param.expression("lr_lambda", "epoch",
            "the lambda as a formula of epoch, e.g. \"0.95 ** epoch\"");

    private static final Param D_MODEL = Param.real("d_model", "the model's width: the lr scales as d_model^-0.5");
    private static final Param NOAM_WARMUP = Param.integer("warmup_steps", "steps of the linear rise");
    private static final Param NOAM_LEARNING_RATE = LEARNING_RATE.defaultsTo(1.0);

    private static final Param BOUNDARIES = Param.integers("boundaries", "epochs where the next value starts");
    private static final Param VALUES = Param.reals("values", "one more value than boundaries");

    /** NaturalExpDecay's, InverseTimeDecay's and ExponentialDecay's gamma (no default in Paddle's signature). */
    private static final Param GAMMA = Param.real("gamma", "the decay rate");
    /** MultiStepDecay's and StepDecay's gamma. */
    private static final Param STEP_GAMMA = Param.real("gamma", "the factor per decay; must be < 1").defaultsTo(0.1);

    private static final Param DECAY_STEPS = Param.integer("decay_steps", "steps to reach end_lr")
            .checkingPythonType();
    private static final Param POLY_END_LR = Param.real("end_lr", "the final learning rate").defaultsTo(0.0001);
    private static final Param POWER = Param.real("power", "the polynomial's power").defaultsTo(1.0);
    private static final Param CYCLE = Param.bool("cycle", "rise again: decay over decay_steps * ceil(epoch / "
            + "decay_steps)").defaultsTo(false);

    private static final Param WARMUP_LEARNING_RATE = Param.realOrSchedule("learning_rate", "the rate after "
            + "warmup: a number, or a paddle schedule mapping stepped with step(epoch - warmup_steps)");
    private static final Param WARMUP_STEPS = Param.integer("warmup_steps", "steps of the linear warmup")
            .checkingPythonType();
    private static final Param START_LR = Param.real("start_lr", "the warmup's first rate");
    private static final Param WARMUP_END_LR = Param.real("end_lr", "the rate the warmup line heads for (reached "
            + "only as learning_rate takes over)");

    private static final Param MILESTONES = Param.integers("milestones", "increasing epochs where gamma applies");
    private static final Param STEP_SIZE = Param.integer("step_size", "epochs between decays").checkingPythonType();

    private static final Param T_MAX = Param.integer("T_max", "half the cosine's period").checkingPythonType();
    private static final Param ETA_MIN = Param.real("eta_min", "the minimum learning rate").defaultsTo(0.0);

    private static final Param MAX_LEARNING_RATE = Param.real("max_learning_rate", "the peak learning rate");
    private static final Param TOTAL_STEPS = Param.integer("total_steps", "the number of steps in the cycle")
            .checkingPythonType();
    private static final Param DIVIDE_FACTOR = Param.real("divide_factor",
            "initial rate = max_learning_rate / divide_factor").defaultsTo(25.0);
    private static final Param END_LEARNING_RATE = Param.real("end_learning_rate",
            "the final rate (absolute, not a fraction)").defaultsTo(0.0001);
    private static final Param PHASE_PCT = Param.real("phase_pct", "fraction of total_steps spent rising")
            .defaultsTo(0.3).checkingPythonType();
    private static final Param ANNEAL_STRATEGY = Param.text("anneal_strategy", "cos or linear").defaultsTo("cos");
    private static final Param THREE_PHASE = Param.bool("three_phase", "rise, fall back to the initial rate, then "
            + "fall to end_learning_rate").defaultsTo(false);

    private static final Param BASE_LEARNING_RATE = Param.real("base_learning_rate", "the cycle's lower bound");
    private static final Param CYCLIC_MAX = Param.real("max_learning_rate", "the cycle's upper bound");
    private static final Param STEP_SIZE_UP = Param.integer("step_size_up", "steps rising in each cycle")
            .checkingPythonType();
    private static final Param STEP_SIZE_DOWN = Param.integer("step_size_down", "steps falling in each cycle")
            .defaultsToComputed("step_size_up").checkingPythonType();
    private static final Param CYCLIC_MODE = Param.text("mode", "triangular, triangular2 or exp_range")
            .defaultsTo("triangular");
    private static final Param EXP_GAMMA = Param.real("exp_gamma", "exp_range's factor per iteration")
            .defaultsTo(1.0).checkingPythonType();
    private static final Param SCALE_FN = Param.expression("scale_fn", "x", "custom scaling, a formula of x")
            .optional();
    private static final Param SCALE_MODE = Param.text("scale_mode", "cycle or iterations: what scale_fn reads")
            .defaultsTo("cycle");

    private static final Param LINEAR_TOTAL_STEPS = Param.integer("total_steps",
            "steps to reach end_factor * learning_rate");
    private static final Param START_FACTOR = Param.real("start_factor", "factor at step 0").defaultsTo(1.0 / 3);
    private static final Param END_FACTOR = Param.real("end_factor", "factor from total_steps on").defaultsTo(1.0);

    private static final Param T_0 = Param.integer("T_0", "steps of the first cycle");
    private static final Param T_MULT = Param.integer("T_mult", "each cycle is T_mult times longer").defaultsTo(1);

    private static final String ROW = "row s = scheduler() after s calls of scheduler.step() (row 0: after the "
            + "constructor)\n";

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(simple(TypeDef.builder("paddle.NoamDecay", "the Transformer schedule: linear rise to warmup_steps, "
                        + "then 1/sqrt decay")
                .formula(ROW + "f(s) = learning_rate * d_model^-0.5 * min(s^-0.5, warmup_steps^-1.5 * s)  (s^-0.5 "
                        + "read as 1 at s = 0)")
                .notes("Row 0 is 0. d_model may be any positive number (Paddle's example passes 0.01).")
                .params(D_MODEL, NOAM_WARMUP, NOAM_LEARNING_RATE), a -> {
                    double dModel = a.real(D_MODEL);
                    a.check(dModel > 0, D_MODEL, () -> "ValueError: d_model should be grater than 0");
                    long warmup = a.integer(NOAM_WARMUP);
                    a.check(warmup != 0, NOAM_WARMUP,
                            () -> "ZeroDivisionError: 0.0 cannot be raised to a negative power");
                    a.check(warmup > 0, NOAM_WARMUP, () -> "TypeError: '<' not supported between instances of "
                            + "'complex' and 'int' (a negative warmup_steps ** -1.5 is complex)");
                    double lr = baseLr(a, a.real(NOAM_LEARNING_RATE), NOAM_LEARNING_RATE);
                    return PaddleSchedule.of(a.type().name(), Decays.noam(lr, dModel, warmup)).warmupUntil(warmup)
                            .monotoneOn(Decays.noamPieces(warmup));
                }));

        all.add(simple(TypeDef.builder("paddle.PiecewiseDecay", "constant values between boundaries")
                .formula(ROW + "f(s) = values[i] for the first i (in list order) with s < boundaries[i], else "
                        + "values[-1]")
                .notes("Boundaries are not sorted: the first one above s wins. Extra values beyond "
                        + "len(boundaries) + 1 are skipped except the last.")
                .params(BOUNDARIES, VALUES), a -> {
                    long[] boundaries = a.integers(BOUNDARIES);
                    double[] values = a.reals(VALUES);
                    a.check(boundaries.length > 0, BOUNDARIES, () -> "ValueError: The boundaries cannot be empty.");
                    a.check(values.length > boundaries.length, VALUES, () -> "ValueError: The values have one more "
                            + "element than boundaries, but received len(values) [" + values.length + "] < "
                            + "len(boundaries) + 1 [" + (boundaries.length + 1) + "].");
                    return PaddleSchedule.of(a.type().name(), Decays.piecewise(boundaries, values))
                            .monotoneOn(Pieces.at(boundaries)); // constant between boundaries
                }));

        all.add(simple(TypeDef.builder("paddle.NaturalExpDecay", "learning_rate * exp(-gamma * epoch)")
                .formula(ROW + "f(s) = learning_rate * exp(-1 * gamma * s)")
                .notes("gamma is required (the docstring's default 0.1 is not in the signature).")
                .params(LEARNING_RATE, GAMMA), a -> {
                    double gamma = a.real(GAMMA);
                    a.check(gamma > 0.0, GAMMA, () -> "AssertionError:  'gamma' must be a positive number so that "
                            + "the learning rate will decay.");
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    return PaddleSchedule.of(a.type().name(), s -> lr * Libm.exp(-gamma * s))
                            .monotoneOn(Pieces.ONE); // exp of a falling argument (LibmMonotoneTest)
                }));

        all.add(simple(TypeDef.builder("paddle.InverseTimeDecay", "learning_rate / (1 + gamma * epoch)")
                .formula(ROW + "f(s) = learning_rate / (1 + gamma * s)")
                .notes("gamma is required and not checked: a negative gamma divides by zero (ZeroDivisionError) at "
                        + "the step where 1 + gamma * s is 0, and lrsched refuses that step and later ones.")
                .params(LEARNING_RATE, GAMMA), a -> PaddleSchedule.of(a.type().name(),
                        Decays.inverseTime(baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE), a.real(GAMMA)))
                        .monotoneOn(Decays.inverseTimePieces(a.real(GAMMA)))));

        all.add(simple(TypeDef.builder("paddle.PolynomialDecay", "polynomial decay to end_lr at decay_steps "
                        + "(optionally cyclic)")
                .formula(ROW + "cycle=False: e = min(s, decay_steps), n = decay_steps;  cycle=True: e = s, n = "
                        + "decay_steps * ceil(s / decay_steps) (1 cycle at s = 0)\n"
                        + "f(s) = (learning_rate - end_lr) * (1 - e / n)^power + end_lr")
                .notes("end_lr is absolute. With cycle the rate jumps back up after each multiple of decay_steps "
                        + "and decays over a longer span each time.")
                .params(LEARNING_RATE, DECAY_STEPS, POLY_END_LR, POWER, CYCLE), a -> {
                    long steps = a.integer(DECAY_STEPS);
                    a.check(steps > 0, DECAY_STEPS,
                            () -> "AssertionError:  'decay_steps' must be a positive integer.");
                    double power = a.real(POWER);
                    a.check(power > 0.0, POWER, () -> "AssertionError:  'power' must be greater than 0.0 so that "
                            + "the learning rate will decay.");
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    PaddleSchedule p = PaddleSchedule.of(a.type().name(), Decays.polynomial(lr, steps,
                            a.real(POLY_END_LR), power, a.bool(CYCLE)))
                            .monotoneOn(a.bool(CYCLE) ? Decays.polynomialCycles(steps) : Pieces.ONE);
                    return a.bool(CYCLE) ? p : p.endingAt(steps);
                }));

        all.add(simple(TypeDef.builder("paddle.LinearWarmup", "linear warmup from start_lr towards end_lr, then a "
                        + "number or another paddle schedule")
                .formula(ROW + "s < warmup_steps: f(s) = (end_lr - start_lr) * s / warmup_steps + start_lr\n"
                        + "else: learning_rate (a number), or the wrapped schedule after step(s - warmup_steps)")
                .notes("The warmup line ends short of end_lr and the rate then jumps to learning_rate (when they "
                        + "differ, the jump is visible). A wrapped schedule is stepped with an explicit epoch, so "
                        + "CosineAnnealingDecay inside uses its closed form (not its recursion) and "
                        + "CosineAnnealingWarmRestarts its epoch branch (math.log, a float T_cur). Write the wrapped "
                        + "schedule as a mapping: learning_rate: {type: paddle.CosineAnnealingDecay, "
                        + "learning_rate: 0.1, T_max: 100}. ReduceOnPlateau cannot be wrapped (Paddle would pass the "
                        + "epoch as its metric).")
                .params(WARMUP_LEARNING_RATE, WARMUP_STEPS, START_LR, WARMUP_END_LR), PaddleTypes::linearWarmup));

        all.add(simple(TypeDef.builder("paddle.ExponentialDecay", "learning_rate * gamma^epoch")
                .formula(ROW + "f(s) = learning_rate * gamma ** s  (closed form, not a running product)")
                .params(LEARNING_RATE, GAMMA), a -> {
                    double gamma = a.real(GAMMA);
                    a.check(gamma > 0.0 && gamma < 1.0, GAMMA, () -> "AssertionError:  'gamma' must be in interval "
                            + "(0.0, 1.0) so that the learning rate will decay.");
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    return PaddleSchedule.of(a.type().name(), Decays.powerDecay(lr, gamma, s -> s))
                            .monotoneOn(Pieces.ONE); // pow of a fixed gamma in (0, 1) (LibmMonotoneTest)
                }));

        all.add(simple(TypeDef.builder("paddle.MultiStepDecay", "multiply by gamma at each milestone")
                .formula(ROW + "f(s) = learning_rate * gamma ** i, i = the index of the first milestone > s (or "
                        + "len(milestones))")
                .params(LEARNING_RATE, MILESTONES, STEP_GAMMA), a -> {
                    long[] milestones = a.integers(MILESTONES);
                    for (int i = 0; i + 1 < milestones.length; i++) {
                        int at = i;
                        a.check(milestones[at] < milestones[at + 1], MILESTONES,
                                () -> "ValueError: The elements of milestones must be incremented");
                    }
                    double gamma = a.real(STEP_GAMMA);
                    a.check(gamma < 1.0, STEP_GAMMA, () -> "ValueError: gamma should be < 1.0.");
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    return PaddleSchedule.of(a.type().name(), Decays.powerDecay(lr, gamma,
                            s -> Decays.milestonesPassed(milestones, s))).monotoneOn(Pieces.at(milestones));
                }));

        all.add(simple(TypeDef.builder("paddle.StepDecay", "multiply by gamma every step_size epochs")
                .formula(ROW + "f(s) = learning_rate * gamma ** (s // step_size)")
                .params(LEARNING_RATE, STEP_SIZE, STEP_GAMMA), a -> {
                    double gamma = a.real(STEP_GAMMA);
                    a.check(gamma < 1.0, STEP_GAMMA, () -> "ValueError: gamma should be < 1.0.");
                    long size = a.integer(STEP_SIZE);
                    a.check(size > 0, STEP_SIZE, () -> "AssertionError:  'step_size' must be a positive integer.");
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    return PaddleSchedule.of(a.type().name(), Decays.powerDecay(lr, gamma, s -> s / size))
                            .monotoneOn(gamma >= 0 ? Pieces.ONE : Pieces.whereChanges(0, s -> s / size));
                }));

        all.add(simple(TypeDef.builder("paddle.LambdaDecay", "learning_rate times a formula of the epoch")
                .formula(ROW + "f(s) = learning_rate * lr_lambda(s)")
                .notes("The lambda is written as a formula string of epoch; Python's own lambda cannot be read.")
                .params(LEARNING_RATE, LR_LAMBDA), a -> {
                    Expression lambda = a.expression(LR_LAMBDA);
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    return PaddleSchedule.of(a.type().name(), s -> lr * lambda.evaluate(s));
                }));

        all.add(simple(TypeDef.builder("paddle.MultiplicativeDecay", "multiply the rate by a formula of the epoch "
                        + "at every step")
                .formula(ROW + "f(s) = learning_rate * lr_lambda(1) * lr_lambda(2) * ... * lr_lambda(s)")
                .notes("Paddle recomputes the product from learning_rate at every step, multiplying in order, so a "
                        + "constant lambda gives repeated products (not lambda ** s). lrsched multiplies step by step "
                        + "(kept in memory, so steps in order are cheap) and refuses steps past " + Replay.LIMIT
                        + ".")
                .params(LEARNING_RATE, LR_LAMBDA), a -> {
                    Expression lambda = a.expression(LR_LAMBDA);
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    return PaddleSchedule.of(a.type().name(), Decays.multiplicative(lr, lambda))
                            .monotoneOn(Decays.multiplicativePieces(lambda));
                }));

        all.add(simple(TypeDef.builder("paddle.CosineAnnealingDecay", "cosine from learning_rate to eta_min over "
                        + "T_max steps, then back up (periodic)")
                .formula(ROW + "f(s) = eta_min + (learning_rate - eta_min) * (1 + cos(pi * s / T_max)) / 2, "
                        + "computed recursively:\n"
                        + "f(s) = (1 + cos(pi s / T_max)) / (1 + cos(pi (s-1) / T_max)) * (f(s-1) - eta_min) + "
                        + "eta_min;  after each minimum f(s) = f(s-1) + (lr - eta_min) * (1 - cos(pi / T_max)) / 2")
                .notes("Stepped with step() Paddle uses the recursion, which drifts from the closed form by rounding "
                        + "(lrsched replays it, up to step " + Replay.LIMIT + "); stepped with step(epoch) (inside "
                        + "LinearWarmup) it uses the closed form. Past T_max the rate rises again.")
                .params(LEARNING_RATE, T_MAX, ETA_MIN), a -> {
                    long tMax = a.integer(T_MAX);
                    a.check(tMax > 0, T_MAX, () -> "AssertionError:  'T_max' must be a positive integer.");
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    double etaMin = a.real(ETA_MIN);
                    // the recursion multiplies by ratios of cosines when eta_min is 0 (else it subtracts and
                    // re-adds eta_min, which can rise by an ulp in a falling half); the closed form is monotone
                    // between turns
                    Pieces turns = Pieces.turns(0, tMax);
                    return PaddleSchedule.of(a.type().name(), Decays.cosineRecursive(lr, tMax, etaMin),
                            Decays.cosineClosed(lr, tMax, etaMin)).endingAt(tMax)
                            .monotoneOn(etaMin == 0 ? turns : Pieces.UNKNOWN, turns);
                }));

        all.add(simple(TypeDef.builder("paddle.OneCycleLR", "1cycle: up from max_learning_rate / divide_factor to "
                        + "the peak, then down to end_learning_rate")
                .formula(ROW + "phase ends: phase_pct * total_steps - 1, total_steps - 1  (three_phase: "
                        + "phase_pct * total_steps - 1, 2 * phase_pct * total_steps - 2, total_steps - 1)\n"
                        + "rates: initial -> max_learning_rate -> end_learning_rate  (three_phase: initial -> max -> "
                        + "initial -> end_learning_rate), initial = max_learning_rate / divide_factor\n"
                        + "p = (s - phase start) / (phase end - phase start); cos: end + (start - end) / 2 * (cos(pi "
                        + "p) + 1); linear: (end - start) * p + start")
                .notes("end_learning_rate is absolute (torch's final_div_factor divides instead). Rows 0.."
                        + "total_steps exist; later steps raise ValueError. A phase of zero length divides by zero "
                        + "where it is used (phase_pct * total_steps = 1 when built; phase_pct 1.0 at row "
                        + "total_steps). phase_pct must be written as a float (Paddle checks the type).")
                .params(MAX_LEARNING_RATE, TOTAL_STEPS, DIVIDE_FACTOR, END_LEARNING_RATE, PHASE_PCT, ANNEAL_STRATEGY,
                        THREE_PHASE), PaddleTypes::oneCycle));

        all.add(simple(TypeDef.builder("paddle.CyclicLR", "triangle waves between base_learning_rate and "
                        + "max_learning_rate")
                .formula(ROW + "cycle = 1 + s // (up + down);  x = 1 + s / (up + down) - cycle\n"
                        + "f(s) = base + (max - base) * (x / r if x <= r else (1 - x) / (1 - r)) * scale(cycle or s), "
                        + "r = up / (up + down)\n"
                        + "scale: triangular 1;  triangular2 1 / 2^(cycle - 1);  exp_range exp_gamma^s;  or "
                        + "scale_fn(x)")
                .notes("scale_fn is a formula of x; with it, mode is ignored and scale_mode ('cycle' or "
                        + "'iterations') says what x is. exp_gamma must be written as a float (Paddle checks the "
                        + "type).")
                .params(BASE_LEARNING_RATE, CYCLIC_MAX, STEP_SIZE_UP, STEP_SIZE_DOWN, CYCLIC_MODE, EXP_GAMMA,
                        SCALE_FN, SCALE_MODE), PaddleTypes::cyclic));

        all.add(simple(TypeDef.builder("paddle.LinearLR", "learning_rate times a factor moving linearly from "
                        + "start_factor to end_factor")
                .formula(ROW + "f(0) = learning_rate * start_factor;  for 1 <= s <= total_steps:\n"
                        + "f(s) = f(s-1) * (1 + (end - start) / (total_steps * start + (s - 1) * (end - start)));  "
                        + "then f(total_steps)")
                .notes("Computed recursively, as Paddle does (replayed up to step " + Replay.LIMIT + " when "
                        + "total_steps is larger).")
                .params(LEARNING_RATE, LINEAR_TOTAL_STEPS, START_FACTOR, END_FACTOR), a -> {
                    double start = a.real(START_FACTOR);
                    double end = a.real(END_FACTOR);
                    long total = a.integer(LINEAR_TOTAL_STEPS);
                    a.check(start <= 1.0 && start > 0, START_FACTOR, () -> "ValueError: `start_factor` must be "
                            + "greater than 0 and less or equal to 1, but got " + DoubleFormat.format(start));
                    a.check(end <= 1.0 && end >= 0, END_FACTOR, () -> "ValueError: `end_factor` must be greater "
                            + "than 0 and less than 1, but got " + DoubleFormat.format(end));
                    a.check(total > 0, LINEAR_TOTAL_STEPS,
                            () -> "ValueError: `total_steps` must be greater than 0, but got " + total);
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    return PaddleSchedule.of(a.type().name(), Decays.linearLr(lr, total, start, end))
                            .monotoneOn(Decays.linearLrPieces(total, start));
                }));

        all.add(simple(TypeDef.builder("paddle.CosineAnnealingWarmRestarts", "cosine from learning_rate to "
                        + "eta_min, restarting after T_0, T_0*T_mult, ... steps")
                .formula(ROW + "T_i = T_0 * T_mult^i for cycle i;  T_cur = steps since the cycle started\n"
                        + "f(s) = eta_min + (learning_rate - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2")
                .notes("Stepped with step(epoch) (inside LinearWarmup) Paddle finds the cycle with math.log and, "
                        + "for T_mult > 1, a float T_cur, which can differ in the last bits.")
                .params(LEARNING_RATE, T_0, T_MULT, ETA_MIN), a -> {
                    long t0 = a.integer(T_0);
                    long mult = a.integer(T_MULT);
                    a.check(t0 > 0, T_0, () -> "ValueError: Expected positive integer T_0, but got " + t0);
                    a.check(mult >= 1, T_MULT, () -> "ValueError: Expected integer T_mult >= 1, but got " + mult);
                    double lr = baseLr(a, a.real(LEARNING_RATE), LEARNING_RATE);
                    double etaMin = a.real(ETA_MIN);
                    Pieces cycles = Decays.restartCycles(t0, mult);
                    return PaddleSchedule.of(a.type().name(), Decays.restartsStepped(lr, t0, mult, etaMin),
                            Decays.restartsByEpoch(lr, t0, mult, etaMin))
                            .monotoneOn(cycles, mult == 1 ? cycles : Pieces.UNKNOWN); // math.log finds the cycle
                }));

        all.add(ReduceOnPlateau.type());
        return all;
    }

    private static Schedule linearWarmup(Args a) {
        long warmup = a.integer(WARMUP_STEPS);
        a.check(warmup > 0, WARMUP_STEPS, () -> "AssertionError:  'warmup_steps' must be a positive integer.");
        double start = a.real(START_LR);
        double end = a.real(WARMUP_END_LR);
        a.check(end > start, WARMUP_END_LR, () -> "AssertionError: end_lr " + DoubleFormat.format(end)
                + " must be greater than start_lr " + DoubleFormat.format(start));
        baseLr(a, start, START_LR);
        Schedule after;
        Pieces afterPieces = Pieces.ONE;
        Schedule nested = a.nestedSchedule(WARMUP_LEARNING_RATE).orElse(null);
        if (nested == null) {
            double lr = a.real(WARMUP_LEARNING_RATE);
            after = s -> lr;
        } else {
            a.check(nested instanceof PaddleSchedule, WARMUP_LEARNING_RATE, () -> "TypeError: the type of "
                    + "learning_rate should be [int, float or LRScheduler]; wrap a paddle.* schedule");
            PaddleSchedule inner = (PaddleSchedule) nested;
            a.check(!inner.metricDriven(), WARMUP_LEARNING_RATE, () -> inner.type() + " cannot be wrapped: "
                    + "LinearWarmup calls its step(epoch), which Paddle reads as the metric");
            after = inner::atEpoch;
            afterPieces = inner.epochPieces();
        }
        return PaddleSchedule.of(a.type().name(), Decays.linearWarmup(warmup, start, end, after))
                .warmupUntil(warmup).monotoneOn(Decays.linearWarmupPieces(warmup, afterPieces));
    }

    private static Schedule oneCycle(Args a) {
        double max = a.real(MAX_LEARNING_RATE);
        a.check(max >= 0, MAX_LEARNING_RATE, () -> "ValueError: 'max_learning_rate' must be a positive integer.");
        double end = a.real(END_LEARNING_RATE);
        a.check(end >= 0, END_LEARNING_RATE, () -> "ValueError: 'end_learning_rate' must be a positive integer.");
        long total = a.integer(TOTAL_STEPS);
        a.check(total > 0, TOTAL_STEPS, () -> "ValueError: 'total_step' must be a positive integer.");
        double pct = a.real(PHASE_PCT);
        a.check(pct >= 0 && pct <= 1, PHASE_PCT, () -> "ValueError: 'phase_pct' must be between 0 and 1, but "
                + "received " + DoubleFormat.format(pct));
        double divide = a.real(DIVIDE_FACTOR);
        a.check(divide != 0, DIVIDE_FACTOR, () -> "ZeroDivisionError: float division by zero");
        boolean three = a.bool(THREE_PHASE);
        a.check(!three || pct < 0.5, PHASE_PCT,
                () -> "ValueError: When three_phase is True, 'phase_pct' must be less than 0.5");
        String anneal = a.text(ANNEAL_STRATEGY);
        a.check(anneal.equals("cos") || anneal.equals("linear"), ANNEAL_STRATEGY, () -> "ValueError: "
                + "'anneal_strategy' must by one of 'cos' or 'linear', but received " + anneal);
        baseLr(a, max / divide, DIVIDE_FACTOR);
        Schedule rows = Decays.oneCycle(max, total, divide, end, pct, anneal.equals("cos"), three);
        try {
            rows.at(0); // the constructor's step
        } catch (StepOutOfRangeException e) {
            throw a.error(PHASE_PCT, "ZeroDivisionError: float division by zero (the first phase has no length: "
                    + "phase_pct * total_steps is 1)");
        }
        // a piece per phase (p monotone in the step, cos on [0, pi]); at row total_steps p passes 1
        Pieces phases = three ? Pieces.past(pct * total - 1, 2 * pct * total - 2, total - 1)
                : Pieces.past(pct * total - 1, total - 1);
        return PaddleSchedule.of(a.type().name(), rows).endingAt(total).monotoneOn(phases);
    }

    private static Schedule cyclic(Args a) {
        double max = a.real(CYCLIC_MAX);
        a.check(max >= 0, CYCLIC_MAX, () -> "ValueError: 'max_learning_rate' must be a positive integer, but "
                + "received " + DoubleFormat.format(max));
        long up = a.integer(STEP_SIZE_UP);
        a.check(up > 0, STEP_SIZE_UP, () -> "ValueError: 'step_size_up' must be a positive integer, but received "
                + up);
        long down = a.has(STEP_SIZE_DOWN) ? a.integer(STEP_SIZE_DOWN) : up;
        a.check(down > 0, STEP_SIZE_DOWN, () -> "ValueError: 'step_size_down' must be a positive integer, but "
                + "received " + down);
        String mode = a.text(CYCLIC_MODE);
        boolean custom = a.has(SCALE_FN);
        boolean known = mode.equals("triangular") || mode.equals("triangular2") || mode.equals("exp_range");
        a.check(known || custom, CYCLIC_MODE, () -> "ValueError: 'mode' is invalid and 'scale_fn' is not specified, "
                + "make sure one of 'mode' or 'scale_fn' is valid");
        String scaleMode = a.text(SCALE_MODE);
        a.check(scaleMode.equals("cycle") || scaleMode.equals("iterations"), SCALE_MODE,
                () -> "ValueError: 'scale_mode' must be one of 'cycle' or 'iterations");
        double base = baseLr(a, a.real(BASE_LEARNING_RATE), BASE_LEARNING_RATE);
        double gamma = a.real(EXP_GAMMA);
        Decays.Scale scale;
        boolean byCycle;
        if (custom) {
            Expression fn = a.expression(SCALE_FN);
            scale = fn::evaluate;
            byCycle = scaleMode.equals("cycle");
        } else if (mode.equals("triangular")) {
            scale = x -> 1.0;
            byCycle = true;
        } else if (mode.equals("triangular2")) {
            scale = x -> 1 / Libm.pow(2.0, x - 1);
            byCycle = true;
        } else {
            scale = x -> Libm.pow(gamma, x);
            byCycle = false;
        }
        return PaddleSchedule.of(a.type().name(), Decays.cyclic(base, max, up, down, scale, byCycle))
                .monotoneOn(byCycle ? Decays.cyclicRamps(up, down) : Pieces.UNKNOWN);
    }

    /** LRScheduler's own check of the rate its constructor receives. */
    private static double baseLr(Args a, double lr, Param blamed) {
        a.check(lr >= 0, blamed, () -> "ValueError: Invalid learning rate: " + DoubleFormat.format(lr));
        return lr;
    }

    /** A scheduler with LRScheduler's last_epoch and verbose arguments. */
    private static TypeDef simple(TypeDef.Builder b, Function<Args, Schedule> factory) {
        return b.params(LAST_EPOCH, VERBOSE).build(a -> {
            a.check(a.integer(LAST_EPOCH) == -1, LAST_EPOCH, () -> "only last_epoch=-1 (a freshly built "
                    + "scheduler) is modelled; resuming needs the scheduler's saved state");
            return factory.apply(a);
        });
    }
}
