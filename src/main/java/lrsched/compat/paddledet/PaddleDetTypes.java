package lrsched.compat.paddledet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Schedule;
import lrsched.core.Suggest;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * PaddleDetection's {@code LearningRate} (PaddlePaddle/PaddleDetection ppdet/optimizer/optimizer.py at
 * 666f597fd00d3157e84dd9fb2dd3f40bf9918ebc): {@code LearningRate(base_lr, schedulers)(step_per_epoch)}, where
 * schedulers[0] is a decay (PiecewiseDecay, CosineDecay) and, when its use_warmup is true, schedulers[1] a warmup
 * (LinearWarmup, ExpWarmup) whose per-iteration values the decay extends into one Paddle PiecewiseDecay (or, for a
 * cosine without warmup or plateau, Paddle's CosineAnnealingDecay, composed from {@code paddle.CosineAnnealingDecay}).
 * The warmup and cosine lists are not built: row {@code s} is the list entry Paddle's PiecewiseDecay.get_lr scans to,
 * computed in closed form in the classes' float64 order (glibc's cosine and pow, lrsched.core.Libm). Row {@code s}
 * is the rate of update {@code s} (0-based): ppdet/engine/trainer.py steps the scheduler after each optimizer.step().
 * See src/docs/compat/paddledet.md.
 */
public final class PaddleDetTypes implements Catalog {
    /** Each class of optimizer.py's schedulers with its keyword arguments, in signature order. */
    static final Map<String, List<String>> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("PiecewiseDecay", List.of("gamma", "milestones", "values", "use_warmup"));
        CLASSES.put("CosineDecay", List.of("max_epochs", "use_warmup", "min_lr_ratio", "last_plateau_epochs"));
        CLASSES.put("LinearWarmup", List.of("steps", "start_factor", "epochs", "epochs_first"));
        CLASSES.put("ExpWarmup", List.of("steps", "epochs", "power"));
    }

    private static final List<String> DECAYS = List.of("PiecewiseDecay", "CosineDecay");
    private static final List<String> WARMUPS = List.of("LinearWarmup", "ExpWarmup");

    static final Param NAME = Param.choice("name", "the class of ppdet/optimizer/optimizer.py",
            CLASSES.keySet().toArray(String[]::new));
    private static final Param GAMMA = Param.reals("gamma", "PiecewiseDecay: a number g (values base_lr * g / 10**i, "
            + "one per milestone) or a list (base_lr * each); default [0.1, 0.01]").optional();
    private static final Param MILESTONES = Param.integers("milestones", "PiecewiseDecay: epochs where the next value "
            + "starts (x step_per_epoch, not shifted by the warmup); default [8, 11]").optional();
    private static final Param VALUES = Param.reals("values", "PiecewiseDecay: the values themselves, one more than "
            + "milestones (only without warmup: with it Paddle's PiecewiseDecay refuses them)").optional();
    private static final Param USE_WARMUP = Param.bool("use_warmup", "decays: whether schedulers[1] warms up first; "
            + "default true").optional();
    private static final Param MAX_EPOCHS = Param.integer("max_epochs", "CosineDecay: the cosine's length in epochs "
            + "(not the training's epoch); default 1000").optional();
    private static final Param MIN_LR_RATIO = Param.real("min_lr_ratio", "CosineDecay: the final lr as a fraction "
            + "of base_lr; default 0").optional();
    private static final Param LAST_PLATEAU_EPOCHS = Param.integer("last_plateau_epochs", "CosineDecay: the last "
            + "epochs of max_epochs held at the minimum; default 0").optional();
    private static final Param STEPS = Param.integer("steps", "warmups: iterations (max(steps, 1)); default 500 "
            + "(LinearWarmup), 1000 (ExpWarmup)").optional();
    private static final Param START_FACTOR = Param.real("start_factor", "LinearWarmup: the first value as a "
            + "fraction of base_lr; default 1/3").optional();
    private static final Param EPOCHS = Param.integer("epochs", "warmups: epochs instead of steps (x "
            + "step_per_epoch); default none").optional();
    private static final Param EPOCHS_FIRST = Param.bool("epochs_first", "LinearWarmup: epochs wins over steps when "
            + "both are given; default true").optional();
    private static final Param POWER = Param.real("power", "ExpWarmup: the exponent of i / steps; default 2")
            .optional();

    static final Param BASE_LR = Param.real("base_lr", "the base learning rate").defaultsTo(0.01);
    static final Param SCHEDULERS = Param.records("schedulers", "the decay, then the warmup, each as "
            + "PaddleDetection's dict form {name: Class, ...} (a config's !Class tag); default "
            + "[{name: PiecewiseDecay}, {name: LinearWarmup}]", List.of(NAME, GAMMA, MILESTONES, VALUES, USE_WARMUP,
            MAX_EPOCHS, MIN_LR_RATIO, LAST_PLATEAU_EPOCHS, STEPS, START_FACTOR, EPOCHS, EPOCHS_FIRST, POWER)).optional();
    static final Param STEP_PER_EPOCH = Param.integer("step_per_epoch", "iterations in one epoch: "
            + "len(TrainReader) (the trainer's steps_per_epoch)").positive();

    @Override
    public List<TypeDef> types() {
        return List.of(TypeDef.builder("paddledet.LearningRate", "PaddleDetection's LearningRate: a "
                        + "PiecewiseDecay or CosineDecay after a LinearWarmup or ExpWarmup")
                .formula("""
                        row s = the rate of update s (0-based); n = step_per_epoch
                        warmup (schedulers[1], when schedulers[0].use_warmup): W = max(epochs * n or steps, 1)
                          LinearWarmup: w(i) = base_lr * (start_factor * (1 - i / W) + i / W)
                          ExpWarmup:    w(i) = base_lr * (i / W) ** power
                        PiecewiseDecay: s < W: w(s); then the first milestone * n above s picks w(W), base_lr * g1,
                          base_lr * g2, ...; past them the last value (a milestone inside the warmup is never found)
                        CosineDecay: M = max_epochs * n, P = last_plateau_epochs * n, m = base_lr * min_lr_ratio
                          with warmup: s < W: w(s); else c(min(s, M - 1)), c(i) = m + (base_lr - m) * 0.5 *
                          (cos((i - W) * pi / (M - W - P)) + 1) for i < M - P, else m; W >= M: w(W)
                          without warmup: P > 0: the same with W = 0; P = 0: paddle.CosineAnnealingDecay(base_lr,
                          T_max=M, eta_min=m)""")
                .notes("CosineDecay's max_epochs, not the config's epoch, sets the cosine's length (PP-YOLOE+ 80e "
                        + "uses 96: the run ends before the minimum). The warmup's last value, base_lr, is never "
                        + "used by CosineDecay (its boundary W appears twice). Only schedulers[0] and [1] are read.")
                .params(BASE_LR, SCHEDULERS, STEP_PER_EPOCH)
                .build(PaddleDetTypes::build));
    }

    private static Schedule build(Args a) {
        double base = a.real(BASE_LR);
        long n = a.integer(STEP_PER_EPOCH);
        List<Node.MapNode> nodes = a.given(SCHEDULERS) ? a.recordNodes(SCHEDULERS) : List.of();
        for (Node.MapNode m : nodes) {
            checkKeys(a, m);
        }
        List<Args> records = a.given(SCHEDULERS) ? a.records(SCHEDULERS) : List.of();
        if (!a.given(SCHEDULERS)) {
            return piecewise(a, base, n, null, null, warmup(a, null, null, base, n));
        }
        a.check(!records.isEmpty(), SCHEDULERS, () -> "AssertionError: (LearningRate asserts len(self.schedulers) "
                + ">= 1)");
        Args decay = records.get(0);
        String decayName = decay.choice(NAME);
        a.check(DECAYS.contains(decayName), SCHEDULERS, () -> "AttributeError: '" + decayName + "' object has no "
                + "attribute 'use_warmup' (schedulers[0] must be a decay: " + String.join(", ", DECAYS) + ")");
        boolean useWarmup = !decay.given(USE_WARMUP) || decay.bool(USE_WARMUP);
        Warmup w = null;
        if (useWarmup) {
            a.check(records.size() >= 2, SCHEDULERS, () -> "IndexError: list index out of range (schedulers[0] "
                    + "warms up, so schedulers[1] must be a warmup: " + String.join(", ", WARMUPS)
                    + "; or set use_warmup: false)");
            String warmName = records.get(1).choice(NAME);
            a.check(WARMUPS.contains(warmName), SCHEDULERS, () -> "schedulers[1] " + warmName + " is not a warmup: "
                    + "LearningRate calls it as one (" + String.join(", ", WARMUPS) + ")");
            w = warmup(a, records.get(1), warmName, base, n);
        }
        return decayName.equals("PiecewiseDecay") ? piecewise(a, base, n, decay, nodes.get(0), w)
                : cosine(a, base, n, decay, w);
    }

    /** PaddleDetection's constructor refuses keys its class does not take (TypeError), and names it cannot find. */
    private static void checkKeys(Args a, Node.MapNode m) {
        Node name = m.get("name").orElse(null);
        if (name instanceof Node.ScalarNode s && !CLASSES.containsKey(s.text())) {
            throw located(a, s.location(), "AttributeError: module 'ppdet.optimizer.optimizer' has no attribute '"
                    + s.text() + "'" + Suggest.didYouMean(s.text(), CLASSES.keySet()) + "; lrsched has "
                    + String.join(", ", CLASSES.keySet()));
        }
        if (!(name instanceof Node.ScalarNode s)) {
            return; // the records' own check says what is missing
        }
        List<String> own = CLASSES.get(s.text());
        for (Node.Entry e : m.entries().values()) {
            if (!e.key().equals("name") && !own.contains(e.key())) {
                throw located(a, e.keyLocation(), "TypeError: " + s.text() + ".__init__() got an unexpected keyword "
                        + "argument '" + e.key() + "'" + Suggest.didYouMean(e.key(), own) + "; it takes "
                        + String.join(", ", own));
            }
        }
    }

    private static InputException located(Args a, Location at, String problem) {
        return new InputException(at, a.error(SCHEDULERS, problem).problem());
    }

    /** The warmup's length W and values w(0..W); {@code r == null}: LinearWarmup's defaults. */
    private record Warmup(long steps, boolean linear, double base, double startFactor, double power) {
        double at(long i) {
            if (linear) {
                double alpha = (double) i / steps;
                return base * (startFactor * (1 - alpha) + alpha);
            }
            return base * lrsched.core.Libm.pow((double) i / (double) steps, power);
        }
    }

    private static Warmup warmup(Args a, Args r, String name, double base, long n) {
        boolean linear = name == null || name.equals("LinearWarmup");
        boolean epochsFirst = !linear || r == null || !r.given(EPOCHS_FIRST) || r.bool(EPOCHS_FIRST);
        long steps;
        if (r != null && r.given(EPOCHS) && epochsFirst) {
            steps = Math.multiplyExact(r.integer(EPOCHS), n);
        } else {
            steps = r != null && r.given(STEPS) ? r.integer(STEPS) : linear ? 500 : 1000;
        }
        steps = Math.max(steps, 1);
        double startFactor = r != null && r.given(START_FACTOR) ? r.real(START_FACTOR) : 1.0 / 3;
        double power = r != null && r.given(POWER) ? r.real(POWER) : 2;
        return new Warmup(steps, linear, base, startFactor, power);
    }

    private static Schedule piecewise(Args a, double base, long n, Args d, Node.MapNode raw, Warmup w) {
        long[] milestones = d != null && d.given(MILESTONES) ? d.integers(MILESTONES) : new long[] {8, 11};
        double[] gammas;
        if (d != null && d.given(GAMMA) && !(raw.get("gamma").orElseThrow() instanceof Node.ListNode)) {
            double g = d.reals(GAMMA)[0];
            gammas = new double[milestones.length];
            for (int i = 0; i < gammas.length; i++) {
                gammas[i] = g / Math.pow(10, i); // gamma / 10**i: 10**i is an exact int for i < 23
            }
        } else {
            gammas = d != null && d.given(GAMMA) ? d.reals(GAMMA) : new double[] {0.1, 0.01};
        }
        long[] bounds = new long[milestones.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = Math.multiplyExact(n, milestones[i]);
        }
        long prefix = w == null ? 0 : w.steps();
        int boundaries = (int) Math.min(Integer.MAX_VALUE, prefix + bounds.length);
        if (d != null && d.given(VALUES)) {
            double[] values = d.reals(VALUES);
            if (w == null) {
                a.check(values.length == milestones.length + 1, SCHEDULERS, () -> "AssertionError: (PiecewiseDecay "
                        + "asserts len(milestones) + 1 == len(values): " + milestones.length + " milestones, "
                        + values.length + " values)");
            }
            checkPaddle(a, boundaries, values.length); // with a warmup: W + m boundaries for m + 1 values, refused
            return s -> scan(bounds, s, values, 0);
        }
        double[] values = new double[gammas.length + 1]; // after the warmup's values (or, without, base_lr first)
        values[0] = w == null ? base : w.at(w.steps());
        for (int i = 0; i < gammas.length; i++) {
            values[i + 1] = base * gammas[i];
        }
        checkPaddle(a, boundaries, (int) Math.min(Integer.MAX_VALUE, prefix + values.length));
        Schedule s = step -> w != null && step < w.steps() ? w.at(step) : scan(bounds, step, values, 0);
        return w == null ? s : s.withWarmupEnd(w.steps());
    }

    /** Paddle's PiecewiseDecay.get_lr from the first boundary after the warmup's: values[first j, bounds[j] > s]. */
    private static double scan(long[] bounds, long s, double[] values, int from) {
        for (int j = from; j < bounds.length; j++) {
            if (s < bounds[j]) {
                return values[j];
            }
        }
        return values[values.length - 1];
    }

    /** Paddle's PiecewiseDecay.__init__ checks (lr.py), quoted. */
    private static void checkPaddle(Args a, int boundaries, int values) {
        a.check(boundaries > 0, SCHEDULERS, () -> "ValueError: The boundaries cannot be empty. (Paddle's "
                + "PiecewiseDecay: give milestones)");
        a.check(values > boundaries, SCHEDULERS, () -> "ValueError: The values have one more element than "
                + "boundaries, but received len(values) [" + values + "] < len(boundaries) + 1 [" + (boundaries + 1L)
                + "].");
    }

    private static Schedule cosine(Args a, double base, long n, Args d, Warmup w) {
        long maxIters = Math.multiplyExact(d.given(MAX_EPOCHS) ? d.integer(MAX_EPOCHS) : 1000, n);
        long plateau = Math.multiplyExact(d.given(LAST_PLATEAU_EPOCHS) ? d.integer(LAST_PLATEAU_EPOCHS) : 0, n);
        double ratio = d.given(MIN_LR_RATIO) ? d.real(MIN_LR_RATIO) : 0.0;
        double minLr = base * ratio;
        if (w == null && plateau <= 0) {
            a.check(maxIters > 0, SCHEDULERS, () -> "AssertionError:  'T_max' must be a positive integer. (Paddle's "
                    + "CosineAnnealingDecay gets max_epochs * step_per_epoch = " + maxIters + ")");
            Location at = a.location(SCHEDULERS);
            Map<String, Node.Entry> m = new LinkedHashMap<>();
            put(m, at, "type", new Node.ScalarNode(at, "paddle.CosineAnnealingDecay", Node.ScalarKind.STRING));
            put(m, at, "learning_rate", number(at, DoubleFormat.format(base)));
            put(m, at, "T_max", number(at, Long.toString(maxIters)));
            put(m, at, "eta_min", number(at, DoubleFormat.format(minLr)));
            return a.compose(new Node.MapNode(at, m)).withNominalEnd(maxIters);
        }
        long warm = w == null ? 0 : w.steps();
        if (w == null) {
            a.check(maxIters > 1, SCHEDULERS, () -> "ValueError: The boundaries cannot be empty. (Paddle's "
                    + "PiecewiseDecay over max_epochs * step_per_epoch = " + maxIters + " iterations)");
        }
        long span = maxIters - warm - plateau;
        Schedule s = step -> {
            if (w != null && step < warm) {
                return w.at(step);
            }
            if (maxIters <= warm) {
                return w.at(warm);
            }
            long i = Math.min(step, maxIters - 1);
            if (i >= maxIters - plateau) {
                return minLr;
            }
            return minLr + (base - minLr) * 0.5 * (lrsched.core.Libm.cos((double) (i - warm) * Math.PI / span) + 1);
        };
        s = s.withNominalEnd(maxIters);
        return w == null ? s : s.withWarmupEnd(warm);
    }

    private static void put(Map<String, Node.Entry> m, Location at, String key, Node value) {
        m.put(key, new Node.Entry(key, at, value));
    }

    private static Node.ScalarNode number(Location at, String text) {
        return new Node.ScalarNode(at, text, Node.ScalarKind.NUMBER);
    }
}
