package lrsched.compat.paddleocr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.ScheduleMapping;
import lrsched.registry.TypeDef;

/**
 * PaddleOCR's learning-rate classes (PaddlePaddle/PaddleOCR ppocr/optimizer/learning_rate.py at
 * 045e5f6ac7f8d932767e14c497c3bacf94af9d54) with their argument names and defaults, and the three LRScheduler
 * subclasses they use (ppocr/optimizer/lr_scheduler.py at f773f2c9b5e4065058067873d116d9c6c2d1e617, in
 * {@link OcrDecays}). Each class turns epochs into iterations ({@code x step_each_epoch}; warmup_epoch with Python's
 * {@code round}, half to even) and builds Paddle's schedulers, which lrsched composes from its {@code paddle.*} types:
 * row {@code s} is the rate of the {@code s}-th update (0-based), as PaddleOCR's train loop steps the scheduler once
 * after each {@code optimizer.step()}. See src/docs/compat/paddleocr.md.
 */
public final class PaddleOcrTypes implements Catalog {
    private static final Param LEARNING_RATE = Param.real("learning_rate", "the initial learning rate");
    private static final Param EPOCHS = Param.integer("epochs", "the training's epochs (Global.epoch_num)");
    private static final Param STEP_EACH_EPOCH = Param.integer("step_each_epoch",
            "iterations in one epoch: len(train_dataloader)");
    private static final Param WARMUP_EPOCH = Param.real("warmup_epoch", "epochs of linear warmup from 0: "
            + "round(warmup_epoch * step_each_epoch) iterations (half to even); none when that is 0").defaultsTo(0);
    private static final Param LAST_EPOCH = Param.integer("last_epoch",
            "epoch to resume from; only -1 (a freshly built scheduler) is modelled").defaultsTo(-1);

    private static final Param LINEAR_END_LR = Param.real("end_lr", "the final learning rate").defaultsTo(0.0);
    private static final Param POWER = Param.real("power", "the polynomial's power").defaultsTo(1.0);
    private static final Param STEP_SIZE = Param.integer("step_size", "epochs between decays");
    private static final Param GAMMA = Param.real("gamma", "the factor per decay (no default: PaddleOCR requires it)");
    private static final Param DECAY_EPOCHS = Param.integers("decay_epochs", "epochs where the next value starts");
    private static final Param VALUES = Param.reals("values", "one more value than decay_epochs");
    private static final Param CYCLE = Param.real("cycle", "epochs of one cosine cycle: round(cycle * "
            + "step_each_epoch) iterations");
    private static final Param MAX_LR = Param.real("max_lr", "the peak learning rate");
    private static final Param ANNEAL_STRATEGY = Param.text("anneal_strategy", "cos or linear").defaultsTo("cos");
    private static final Param THREE_PHASE = Param.bool("three_phase", "rise, fall back to max_lr / 25, then fall "
            + "to max_lr / 25 / 1e4").defaultsTo(false);
    private static final Param FACTOR = Param.real("factor", "the polynomial's power").defaultsTo(0.9);
    private static final Param IGNORED_END_LR = Param.ignored("end_lr", "accepted and ignored: the class sets its "
            + "end_lr to 0");
    private static final Param MILESTONES = Param.integers("milestones", "increasing epochs where gamma applies");

    private static final String ROW = "row s = the rate of update s (0-based); n = step_each_epoch, "
            + "w = round(warmup_epoch * n) (half to even)\n";
    private static final String WARMUP = "w > 0: paddle.LinearWarmup(learning_rate=that, warmup_steps=w, "
            + "start_lr=0.0, end_lr=";

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        all.add(warmed(TypeDef.builder("paddleocr.Linear", "polynomial decay (linear by default) over the "
                        + "training, with an optional warmup")
                .formula(ROW + "paddle.PolynomialDecay(learning_rate, decay_steps=epochs * n, end_lr, power)\n"
                        + WARMUP + "learning_rate)")
                .notes("end_lr defaults to 0.0 (the docstring's 0.0001 is not the signature's). The warmup wraps the "
                        + "decay, which then starts counting when the warmup ends, so it ends warmup_epoch epochs "
                        + "after the training.")
                .params(LEARNING_RATE, EPOCHS, STEP_EACH_EPOCH, LINEAR_END_LR, POWER), LEARNING_RATE, a ->
                composed("paddle.PolynomialDecay", a)
                        .put("learning_rate", a, LEARNING_RATE)
                        .put("decay_steps", a.location(EPOCHS), a.integer(EPOCHS) * a.integer(STEP_EACH_EPOCH))
                        .put("end_lr", a, LINEAR_END_LR)
                        .put("power", a, POWER)));

        all.add(warmed(TypeDef.builder("paddleocr.Cosine", "cosine from learning_rate to 0 over the training, with "
                        + "an optional warmup")
                .formula(ROW + "paddle.CosineAnnealingDecay(learning_rate, T_max=n * epochs)\n" + WARMUP
                        + "learning_rate)")
                .notes("Without warmup the cosine is Paddle's recursion; with warmup LinearWarmup steps it with "
                        + "explicit epochs, so its closed form, and it ends warmup_epoch epochs after the training.")
                .params(LEARNING_RATE, STEP_EACH_EPOCH, EPOCHS), LEARNING_RATE, a ->
                composed("paddle.CosineAnnealingDecay", a)
                        .put("learning_rate", a, LEARNING_RATE)
                        .put("T_max", a.location(EPOCHS), a.integer(STEP_EACH_EPOCH) * a.integer(EPOCHS))));

        all.add(warmed(TypeDef.builder("paddleocr.Step", "multiply by gamma every step_size epochs, with an "
                        + "optional warmup")
                .formula(ROW + "paddle.StepDecay(learning_rate, step_size=n * step_size, gamma)\n" + WARMUP
                        + "learning_rate)")
                .notes("gamma is required (the docstring's default 0.1 is not the signature's).")
                .params(LEARNING_RATE, STEP_SIZE, STEP_EACH_EPOCH, GAMMA), LEARNING_RATE, a ->
                composed("paddle.StepDecay", a)
                        .put("learning_rate", a, LEARNING_RATE)
                        .put("step_size", a.location(STEP_SIZE), a.integer(STEP_EACH_EPOCH) * a.integer(STEP_SIZE))
                        .put("gamma", a, GAMMA)));

        all.add(warmed(TypeDef.builder("paddleocr.Piecewise", "constant values between epoch boundaries, with an "
                        + "optional warmup to values[0]")
                .formula(ROW + "paddle.PiecewiseDecay(boundaries=[n * e for e in decay_epochs], values)\n" + WARMUP
                        + "values[0])")
                .notes("The warmup heads for values[0] and the boundaries count from the warmup's end.")
                .params(STEP_EACH_EPOCH, DECAY_EPOCHS, VALUES), VALUES, a ->
                composed("paddle.PiecewiseDecay", a)
                        .put("boundaries", a.location(DECAY_EPOCHS), iterations(a, DECAY_EPOCHS))
                        .put("values", a, VALUES)));

        all.add(warmed(TypeDef.builder("paddleocr.CyclicalCosine", "cosine cycles of cycle epochs, with an optional "
                        + "warmup")
                .formula(ROW + "paddleocr.CyclicalCosineDecay(learning_rate, T_max=n * epochs, cycle=round(cycle * n))"
                        + "\n" + WARMUP + "learning_rate)")
                .notes("epochs is required but has no effect: CyclicalCosineDecay ignores its T_max.")
                .params(LEARNING_RATE, STEP_EACH_EPOCH, EPOCHS, CYCLE), LEARNING_RATE, a ->
                composed("paddleocr.CyclicalCosineDecay", a)
                        .put("learning_rate", a, LEARNING_RATE)
                        .put("T_max", a.location(EPOCHS), a.integer(STEP_EACH_EPOCH) * a.integer(EPOCHS))
                        .put("cycle", a.location(CYCLE),
                                Math.round(Math.rint(a.real(CYCLE) * a.integer(STEP_EACH_EPOCH))))));

        all.add(warmed(TypeDef.builder("paddleocr.OneCycle", "1cycle over the training (pct_start 0.3, div_factor "
                        + "25, final_div_factor 1e4), with an optional warmup to max_lr")
                .formula(ROW + "paddleocr.OneCycleDecay(max_lr, epochs, steps_per_epoch=n, anneal_strategy, "
                        + "three_phase)\n" + WARMUP + "max_lr)")
                .notes("pct_start, div_factor and final_div_factor cannot be set through this class (its **kwargs "
                        + "swallows them). With warmup, OneCycleDecay raises when it passes epochs * n, "
                        + "warmup_epoch epochs before the training ends.")
                .params(MAX_LR, EPOCHS, STEP_EACH_EPOCH, ANNEAL_STRATEGY, THREE_PHASE), MAX_LR, a ->
                composed("paddleocr.OneCycleDecay", a)
                        .put("max_lr", a, MAX_LR)
                        .put("epochs", a, EPOCHS)
                        .put("steps_per_epoch", a, STEP_EACH_EPOCH)
                        .put("anneal_strategy", a, ANNEAL_STRATEGY)
                        .put("three_phase", a, THREE_PHASE)));

        all.add(warmed(TypeDef.builder("paddleocr.Const", "a constant learning rate, with an optional warmup")
                .formula(ROW + "w = 0: learning_rate (a float: the trainer does not step it)\n" + WARMUP
                        + "learning_rate)")
                .params(LEARNING_RATE, STEP_EACH_EPOCH), LEARNING_RATE, null));

        all.add(TypeDef.builder("paddleocr.DecayLearningRate", "polynomial decay to 0 over the training (DB's "
                        + "schedule)")
                .formula("row s = the rate of update s (0-based); n = step_each_epoch\n"
                        + "paddle.PolynomialDecay(learning_rate, decay_steps=n * epochs, power=factor, end_lr=0)")
                .notes("end_lr is accepted and ignored (the class sets self.end_lr = 0); there is no warmup and no "
                        + "last_epoch.")
                .params(LEARNING_RATE, STEP_EACH_EPOCH, EPOCHS, FACTOR, IGNORED_END_LR).build(a -> a.compose(
                        composed("paddle.PolynomialDecay", a)
                                .put("learning_rate", a, LEARNING_RATE)
                                .put("decay_steps", a.location(EPOCHS), a.integer(STEP_EACH_EPOCH) * a.integer(EPOCHS))
                                .put("power", a, FACTOR)
                                .put("end_lr", a.location(IGNORED_END_LR), 0L)
                                .build())));

        all.add(warmed(TypeDef.builder("paddleocr.MultiStepDecay", "multiply by gamma at each milestone epoch, with "
                        + "an optional warmup")
                .formula(ROW + "paddle.MultiStepDecay(learning_rate, milestones=[n * e for e in milestones], gamma)\n"
                        + WARMUP + "learning_rate)")
                .notes("gamma is required (the docstring's default 0.1 is not the signature's).")
                .params(LEARNING_RATE, MILESTONES, STEP_EACH_EPOCH, GAMMA), LEARNING_RATE, a ->
                composed("paddle.MultiStepDecay", a)
                        .put("learning_rate", a, LEARNING_RATE)
                        .put("milestones", a.location(MILESTONES), iterations(a, MILESTONES))
                        .put("gamma", a, GAMMA)));

        all.add(warmed(TypeDef.builder("paddleocr.TwoStepCosine", "cosine over 200 epochs, then over epochs, with an "
                        + "optional warmup")
                .formula(ROW + "paddleocr.TwoStepCosineDecay(learning_rate, T_max1=n * 200, T_max2=n * epochs)\n"
                        + WARMUP + "learning_rate)")
                .notes("T_max1 is 200 epochs whatever the training's length: a training of fewer than 200 epochs "
                        + "ends on the first cosine, short of its minimum.")
                .params(LEARNING_RATE, STEP_EACH_EPOCH, EPOCHS), LEARNING_RATE, a ->
                composed("paddleocr.TwoStepCosineDecay", a)
                        .put("learning_rate", a, LEARNING_RATE)
                        .put("T_max1", a.location(STEP_EACH_EPOCH), a.integer(STEP_EACH_EPOCH) * 200)
                        .put("T_max2", a.location(EPOCHS), a.integer(STEP_EACH_EPOCH) * a.integer(EPOCHS))));

        all.addAll(OcrDecays.types());
        return all;
    }

    /**
     * A class with warmup_epoch and last_epoch: the scheduler {@code inner} describes (null: the plain number
     * learning_rate, as Const), wrapped in LinearWarmup from 0 to {@code peak} (values[0] for a list) when
     * {@code round(warmup_epoch * step_each_epoch)} is positive.
     */
    private static TypeDef warmed(TypeDef.Builder b, Param peak, Function<Args, ScheduleMapping> inner) {
        return b.params(WARMUP_EPOCH, LAST_EPOCH).build(a -> {
            a.check(a.integer(LAST_EPOCH) == -1, LAST_EPOCH, () -> "only last_epoch=-1 (a freshly built "
                    + "scheduler) is modelled; resuming needs the scheduler's saved state");
            // Python's round() of warmup_epoch * step_each_epoch (a float product): half to even, as rint
            long warmup = Math.round(Math.rint(a.real(WARMUP_EPOCH) * a.integer(STEP_EACH_EPOCH)));
            if (inner == null && warmup <= 0) {
                double lr = a.real(LEARNING_RATE);
                return s -> lr;
            }
            Node learningRate = inner == null ? number(a.location(LEARNING_RATE), a.real(LEARNING_RATE))
                    : inner.apply(a).build();
            if (warmup <= 0) {
                return a.compose((Node.MapNode) learningRate);
            }
            double[] peaks = peak.kind() == Param.Kind.REALS ? a.reals(peak) : new double[] {a.real(peak)};
            if (peaks.length == 0) {
                return a.compose((Node.MapNode) learningRate); // PiecewiseDecay refuses its empty values first
            }
            return a.compose(new ScheduleMapping(a.location(WARMUP_EPOCH), "paddle.LinearWarmup")
                    .put("learning_rate", learningRate)
                    .put("warmup_steps", a.location(WARMUP_EPOCH), warmup)
                    .put("start_lr", a.location(WARMUP_EPOCH), 0.0)
                    .put("end_lr", a.location(peak), peaks[0])
                    .build());
        });
    }

    /** {@code [step_each_epoch * e for e in epochs]}. */
    private static long[] iterations(Args a, Param epochs) {
        long n = a.integer(STEP_EACH_EPOCH);
        return java.util.Arrays.stream(a.integers(epochs)).map(e -> n * e).toArray();
    }

    private static ScheduleMapping composed(String type, Args a) {
        return new ScheduleMapping(a.location(LAST_EPOCH), type);
    }

    private static Node.ScalarNode number(Location at, double value) {
        return new Node.ScalarNode(at, lrsched.core.DoubleFormat.format(value), Node.ScalarKind.NUMBER);
    }
}
