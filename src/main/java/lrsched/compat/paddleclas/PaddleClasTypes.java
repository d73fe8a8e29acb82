package lrsched.compat.paddleclas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import lrsched.core.DoubleFormat;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.ScheduleMapping;
import lrsched.registry.TypeDef;
import lrsched.schedule.Stepping;

/**
 * PaddleClas's learning-rate classes (PaddlePaddle/PaddleClas ppcls/optimizer/learning_rate.py at
 * d178931fca432204e6b7422bac4f92e09ff22fa4) with their argument names and defaults. Each class (an LRBase) turns
 * epochs into iterations ({@code x step_each_epoch}) and builds Paddle's schedulers, which lrsched composes from its
 * {@code paddle.*} types; with {@code by_epoch} the counts stay in epochs and the train loop steps the scheduler once
 * per epoch instead of once per update. Row {@code s} is the rate of the {@code s}-th update (0-based). See
 * src/docs/compat/paddleclas.md.
 */
public final class PaddleClasTypes implements Catalog {
    private static final Param EPOCHS = Param.integer("epochs", "the training's epochs (Global.epochs)");
    private static final Param STEP_EACH_EPOCH = Param.integer("step_each_epoch",
            "updates in one epoch: iter_per_epoch // update_freq");
    private static final Param LEARNING_RATE = Param.real("learning_rate", "the initial learning rate");
    private static final Param WARMUP_EPOCH = Param.real("warmup_epoch", "epochs of linear warmup (set to epochs "
            + "when larger): round(warmup_epoch * step_each_epoch) updates (half to even), or warmup_epoch epochs "
            + "with by_epoch").defaultsTo(0);
    private static final Param WARMUP_START_LR = Param.real("warmup_start_lr", "the warmup's first rate")
            .defaultsTo(0.0);
    private static final Param LAST_EPOCH = Param.integer("last_epoch",
            "epoch to resume from; only -1 (a freshly built scheduler) is modelled").defaultsTo(-1);
    private static final Param BY_EPOCH = Param.bool("by_epoch", "count in epochs and step once per epoch (after "
            + "its last update) instead of once per update").defaultsTo(false);

    private static final Param END_LR = Param.real("end_lr", "the final learning rate").defaultsTo(0.0);
    private static final Param POWER = Param.real("power", "the polynomial's power").defaultsTo(1.0);
    private static final Param CYCLE = Param.bool("cycle", "restart the decay with a longer period at its end")
            .defaultsTo(false);
    private static final Param ETA_MIN = Param.real("eta_min", "the cosine's minimum").defaultsTo(0.0);
    private static final Param STEP_SIZE = Param.real("step_size", "epochs between decays: int(step_size * "
            + "step_each_epoch) updates (step_size itself with by_epoch)");
    private static final Param STEP_GAMMA = Param.real("gamma", "the factor per decay (no default: the signature "
            + "requires it)");
    private static final Param DECAY_EPOCHS = Param.integers("decay_epochs", "epochs where the next value starts");
    private static final Param VALUES = Param.reals("values", "one more value than decay_epochs");
    private static final Param PIECEWISE_LR = Param.real("learning_rate", "when set (and not 0), replaces "
            + "decay_epochs and values: learning_rate * 0.1**i from epoch 30 * i").optional();
    private static final Param MILESTONES = Param.integers("milestones", "increasing epochs where gamma applies");
    private static final Param GAMMA = Param.real("gamma", "the factor at each milestone").defaultsTo(0.1);

    private static final String ROW = "row s = the rate of update s (0-based); n = step_each_epoch, W = "
            + "min(warmup_epoch, epochs), w = round(W * n) (half to even; W itself with by_epoch)\n";
    private static final String WARMUP = "w > 0: paddle.LinearWarmup(that, warmup_steps=w, start_lr=warmup_start_lr, "
            + "end_lr=";
    private static final String BY_EPOCH_ROW = "\nby_epoch: every count in epochs, and row s is the scheduler after "
            + "s // n steps";

    /** The counts LRBase.__init__ derives from its arguments, epochs into iterations. */
    private record Base(long epochs, long perEpoch, double warmupEpoch, boolean byEpoch) {
        /** (epochs - warmup_epoch) * n, or epochs - warmup_epoch with by_epoch: Cosine's T_max, Linear's decay. */
        long remaining() {
            return byEpoch ? epochs - (long) warmupEpoch : (epochs - (long) warmupEpoch) * perEpoch;
        }

        long iterations(long epochCount) {
            return byEpoch ? epochCount : epochCount * perEpoch;
        }
    }

    /** Builds the scheduler a class wraps: a paddle.* mapping, or the number learning_rate (Constant). */
    private interface Inner {
        Node build(Args a, Base base);
    }

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(warmed(TypeDef.builder("paddleclas.Cosine", "cosine from learning_rate to eta_min over the epochs "
                        + "after the warmup")
                .formula(ROW + "T = (epochs - W) * n; T > 0: paddle.CosineAnnealingDecay(learning_rate, T_max=T, "
                        + "eta_min), else learning_rate\n" + WARMUP + "learning_rate)" + BY_EPOCH_ROW)
                .notes("The cosine ends with the training (it is shortened by the warmup). A fractional warmup_epoch "
                        + "makes T_max a float, which Paddle refuses.")
                .params(EPOCHS, STEP_EACH_EPOCH, LEARNING_RATE, ETA_MIN), false, (a, b) -> {
                    wholeWarmup(a, b, "TypeError: The type of 'T_max' in 'CosineAnnealingDecay' must be 'int', but "
                            + "received <class 'float'>.");
                    return b.remaining() <= 0 ? number(a.location(LEARNING_RATE), a.real(LEARNING_RATE))
                            : composed("paddle.CosineAnnealingDecay", a)
                                    .put("learning_rate", a, LEARNING_RATE)
                                    .put("T_max", a.location(EPOCHS), b.remaining())
                                    .put("eta_min", a, ETA_MIN).build();
                }));

        all.add(warmed(TypeDef.builder("paddleclas.Linear", "polynomial decay (linear by default) to end_lr over the "
                        + "epochs after the warmup")
                .formula(ROW + "D = (epochs - W) * n; D > 0: paddle.PolynomialDecay(learning_rate, decay_steps=D, "
                        + "end_lr, power, cycle), else learning_rate\n" + WARMUP + "learning_rate)" + BY_EPOCH_ROW)
                .notes("Linear's warmup is round(W * n) even with by_epoch, where it then lasts that many epochs. A "
                        + "fractional warmup_epoch makes decay_steps a float, which Paddle refuses.")
                .params(EPOCHS, STEP_EACH_EPOCH, LEARNING_RATE, END_LR, POWER, CYCLE), true, (a, b) -> {
                    wholeWarmup(a, b, "AssertionError:  'decay_steps' must be a positive integer.");
                    return b.remaining() <= 0 ? number(a.location(LEARNING_RATE), a.real(LEARNING_RATE))
                            : composed("paddle.PolynomialDecay", a)
                                    .put("learning_rate", a, LEARNING_RATE)
                                    .put("decay_steps", a.location(EPOCHS), b.remaining())
                                    .put("end_lr", a, END_LR)
                                    .put("power", a, POWER)
                                    .put("cycle", a, CYCLE).build();
                }));

        all.add(warmed(TypeDef.builder("paddleclas.Step", "multiply by gamma every step_size epochs, with an "
                        + "optional warmup")
                .formula(ROW + "paddle.StepDecay(learning_rate, step_size=int(step_size * n), gamma)\n" + WARMUP
                        + "learning_rate)" + BY_EPOCH_ROW)
                .notes("gamma is required (the docstring's default 0.1 is not the signature's). int() truncates a "
                        + "fractional step_size * n; with by_epoch step_size must be whole (StepDecay checks its type).")
                .params(EPOCHS, STEP_EACH_EPOCH, LEARNING_RATE, STEP_SIZE, STEP_GAMMA), false, (a, b) -> {
                    double size = a.real(STEP_SIZE);
                    a.check(!b.byEpoch() || size == Math.rint(size), STEP_SIZE, () -> "TypeError: The type of "
                            + "'step_size' must be 'int', but received <class 'float'>.");
                    long iterations = b.byEpoch() ? (long) size : (long) (size * b.perEpoch());
                    return composed("paddle.StepDecay", a)
                            .put("learning_rate", a, LEARNING_RATE)
                            .put("step_size", a.location(STEP_SIZE), iterations)
                            .put("gamma", a, STEP_GAMMA).build();
                }));

        all.add(warmed(TypeDef.builder("paddleclas.Piecewise", "constant values between epoch boundaries, with an "
                        + "optional warmup to values[0]")
                .formula(ROW + "paddle.PiecewiseDecay(boundaries=[n * e for e in decay_epochs], values)\n" + WARMUP
                        + "values[0])\nlearning_rate set: decay_epochs = range(30, epochs, 30), values = "
                        + "[learning_rate * 0.1**i ...] ([epochs], [learning_rate] * 2 below 31 epochs)" + BY_EPOCH_ROW)
                .notes("decay_epochs and values are required even when learning_rate replaces them. The warmup "
                        + "heads for values[0] and the boundaries count from the warmup's end.")
                .params(EPOCHS, STEP_EACH_EPOCH, DECAY_EPOCHS, VALUES), false, (a, b) -> {
                    long[] epochsAt = a.integers(DECAY_EPOCHS);
                    double[] values = piecewiseValues(a, b);
                    a.check(values.length > 0, VALUES, () -> "IndexError: list index out of range");
                    if (replacesLists(a)) {
                        epochsAt = values.length == 2 && b.epochs() <= 30 ? new long[] {b.epochs()}
                                : java.util.stream.LongStream.range(1, values.length).map(i -> 30 * i).toArray();
                    }
                    long[] boundaries = Arrays.stream(epochsAt).map(b::iterations).toArray();
                    Location at = replacesLists(a) ? a.location(PIECEWISE_LR) : a.location(VALUES);
                    Node.ListNode list = new Node.ListNode(at, Arrays.stream(values).mapToObj(v -> (Node)
                            number(at, v)).toList());
                    return composed("paddle.PiecewiseDecay", a)
                            .put("boundaries", a.location(DECAY_EPOCHS), boundaries)
                            .put("values", list).build();
                }, PIECEWISE_LR));

        all.add(warmed(TypeDef.builder("paddleclas.MultiStepDecay", "multiply by gamma at each milestone epoch, with "
                        + "an optional warmup")
                .formula(ROW + "paddle.MultiStepDecay(learning_rate, milestones=[n * e for e in milestones], gamma)\n"
                        + WARMUP + "learning_rate)" + BY_EPOCH_ROW)
                .params(EPOCHS, STEP_EACH_EPOCH, LEARNING_RATE, MILESTONES, GAMMA), false, (a, b) ->
                composed("paddle.MultiStepDecay", a)
                        .put("learning_rate", a, LEARNING_RATE)
                        .put("milestones", a.location(MILESTONES),
                                Arrays.stream(a.integers(MILESTONES)).map(b::iterations).toArray())
                        .put("gamma", a, GAMMA).build()));

        all.add(warmed(TypeDef.builder("paddleclas.ConstLR", "a constant learning rate, with an optional warmup")
                .formula(ROW + "learning_rate\n" + WARMUP + "learning_rate)" + BY_EPOCH_ROW)
                .params(EPOCHS, STEP_EACH_EPOCH, LEARNING_RATE), false, (a, b) ->
                number(a.location(LEARNING_RATE), a.real(LEARNING_RATE))));

        all.add(TypeDef.builder("paddleclas.Constant", "a constant learning rate (an LRScheduler itself: no warmup)")
                .formula("row s = learning_rate")
                .notes("build_lr_scheduler returns this LRScheduler as it is: its **kwargs swallow epochs, "
                        + "step_each_epoch, warmup_epoch and by_epoch, so there is never a warmup (use ConstLR).")
                .params(LEARNING_RATE, LAST_EPOCH).openParams().build(a -> {
                            lastEpoch(a);
                            return constant(a.real(LEARNING_RATE));
                        }));
        return all;
    }

    /**
     * An LRBase class: the scheduler {@code inner} builds, wrapped in LinearWarmup from warmup_start_lr to the peak
     * (learning_rate, or values[0]) when the warmup has steps, and stepped once per epoch with by_epoch.
     */
    private static TypeDef warmed(TypeDef.Builder builder, boolean roundsAlways, Inner inner, Param... extra) {
        return builder.params(extra).params(WARMUP_EPOCH, WARMUP_START_LR, LAST_EPOCH, BY_EPOCH).build(a -> {
            lastEpoch(a);
            long epochs = a.integer(EPOCHS);
            a.check(epochs >= 1, EPOCHS, () -> "PaddleClas trains the epochs range(1, epochs + 1), none here; give 1 "
                    + "or more");
            long n = a.integer(STEP_EACH_EPOCH);
            a.check(n >= 1, STEP_EACH_EPOCH, () -> "an epoch needs at least one update");
            double warmupEpoch = Math.min(a.real(WARMUP_EPOCH), epochs); // LRBase: set to epochs when >= epochs
            Base base = new Base(epochs, n, warmupEpoch, a.bool(BY_EPOCH));
            Node scheduler = inner.build(a, base);
            double warmup = base.byEpoch() && !roundsAlways ? warmupEpoch : Math.rint(warmupEpoch * n);
            Node.MapNode map;
            if (warmup > 0) {
                a.check(warmup == Math.rint(warmup), WARMUP_EPOCH, () -> "AssertionError:  'warmup_steps' must be a "
                        + "positive integer.");
                boolean piecewise = a.type().param(VALUES.name()).isPresent();
                double peak = piecewise ? piecewiseValues(a, base)[0] : a.real(LEARNING_RATE);
                map = composed("paddle.LinearWarmup", a)
                        .put("learning_rate", scheduler)
                        .put("warmup_steps", a.location(WARMUP_EPOCH), (long) warmup)
                        .put("start_lr", a, WARMUP_START_LR)
                        .put("end_lr", piecewise ? a.location(VALUES) : a.location(LEARNING_RATE), peak)
                        .build();
            } else if (scheduler instanceof Node.MapNode m) {
                map = m;
            } else {
                return constant(a.real(LEARNING_RATE)); // Constant: the same rate, stepped or not
            }
            Schedule schedule = a.compose(map);
            return base.byEpoch() ? Stepping.perEpoch(schedule, n) : schedule;
        });
    }

    /** A fractional warmup_epoch (when iterations are counted) makes the remaining count a float Paddle refuses. */
    private static void wholeWarmup(Args a, Base b, String refusal) {
        double w = b.warmupEpoch();
        a.check(w == Math.rint(w), WARMUP_EPOCH, () -> refusal);
    }

    /** values, or what Piecewise puts there when learning_rate is set (and not 0): learning_rate * 0.1**i. */
    private static double[] piecewiseValues(Args a, Base b) {
        if (!replacesLists(a)) {
            return a.reals(VALUES);
        }
        double lr = a.real(PIECEWISE_LR);
        long count = (b.epochs() + 29) / 30; // len(range(0, epochs, 30))
        if (count == 1) {
            return new double[] {lr, lr};
        }
        double[] values = new double[(int) count];
        for (int i = 0; i < count; i++) {
            values[i] = lr * Math.pow(0.1, i);
        }
        return values;
    }

    /** Piecewise's {@code if learning_rate:}: set and not 0. */
    private static boolean replacesLists(Args a) {
        return a.given(PIECEWISE_LR) && a.real(PIECEWISE_LR) != 0;
    }

    /** One rate at every update: a single piece. */
    private static Schedule constant(double lr) {
        Schedule s = step -> lr;
        return s.withPieces(lrsched.core.Pieces.ONE);
    }

    private static void lastEpoch(Args a) {
        a.check(a.integer(LAST_EPOCH) == -1, LAST_EPOCH, () -> "only last_epoch=-1 (a freshly built scheduler) is "
                + "modelled; resuming needs the scheduler's saved state");
    }

    private static ScheduleMapping composed(String type, Args a) {
        return new ScheduleMapping(a.location(LAST_EPOCH), type);
    }

    private static Node.ScalarNode number(Location at, double value) {
        return new Node.ScalarNode(at, DoubleFormat.format(value), Node.ScalarKind.NUMBER);
    }
}
