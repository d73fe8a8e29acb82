package lrsched.input.config.timm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.Counts;
import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Suggest;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;
import lrsched.registry.ScheduleMapping;

/**
 * timm's train.py configuration: the args.yaml it writes into its output folder, or a config passed with
 * {@code -c} (the same keys; the ones left out take train.py's argparse defaults). It reads the LR keys as train.py
 * and timm.scheduler's {@code create_scheduler_v2} use them (huggingface/pytorch-image-models at
 * aa4b5850c1543fa488abf260f18390eda46cf85d): lr from lr_base when lr is null or 0, epoch quantities in updates with
 * sched_on_updates, the scheduled number of epochs with cycles, cooldown and a prefixed warmup. The manual is
 * src/docs/configs/timm.md.
 */
public final class TimmFormat implements ConfigFormat {
    private static final String DEFAULT = "train.py's default";
    /** sched values and the lrsched types of the classes create_scheduler_v2 builds for them. */
    private static final Map<String, String> TYPES = Map.of("cosine", "timm.CosineLRScheduler",
            "tanh", "timm.TanhLRScheduler", "poly", "timm.PolyLRScheduler", "step", "timm.StepLRScheduler",
            "multistep", "timm.MultiStepLRScheduler");
    private static final List<String> SCHEDS = List.of("cosine", "tanh", "step", "multistep", "poly");
    private static final Set<String> CYCLED = Set.of("cosine", "tanh", "poly");

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("timm train.py configs are read directly: lrsched explain --spec args.yaml "
                + "(src/docs/configs/timm.md)");
    }

    @Override
    public String name() {
        return "timm";
    }

    @Override
    public String title() {
        return "timm train.py config (args.yaml)";
    }

    /**
     * A YAML mapping with train.py's {@code sched} and {@code epochs} and at least one of {@code opt} or
     * {@code model}, and no lrsched {@code schedules:} or {@code type:}.
     */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> m.get("sched").isPresent() && m.get("epochs").isPresent()
                && (m.get("opt").isPresent() || m.get("model").isPresent()));
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Node.MapNode map = document.mapping().orElseThrow(() -> new InputException(Location.of(document.source()),
                "a timm config is a mapping of train.py's arguments (sched: cosine, epochs: 300, ...)"));
        List<String> defaults = new ArrayList<>();
        List<Imported.Fact> facts = new ArrayList<>();
        ConfigKeys k = new ConfigKeys(map, DEFAULT, defaults);
        Location source = Location.of(document.source());

        String sched = k.text("sched", "cosine");
        if (sched.equals("plateau")) {
            throw new InputException(k.at("sched"), "sched: plateau lowers the LR when the eval metric stops "
                    + "improving, which a config cannot know; lrsched supports " + String.join(", ", SCHEDS));
        }
        if (!TYPES.containsKey(sched)) {
            throw new InputException(k.at("sched"), "sched: unknown scheduler '" + sched + "'"
                    + Suggest.didYouMean(sched, SCHEDS) + " (timm's create_scheduler_v2 builds none, and train.py "
                    + "fails); lrsched supports " + String.join(", ", SCHEDS));
        }
        if (k.value("lr_noise").isPresent()) {
            throw new InputException(k.at("lr_noise"), "lr_noise: timm draws LR noise from torch's random "
                    + "generator, which lrsched cannot reproduce; set lr_noise: null to see the curve without noise");
        }
        k.markRead("lr_noise_pct", "lr_noise_std", "seed");

        boolean onUpdates = k.bool("sched_on_updates", false);
        long batchSize = k.integer("batch_size", 128);
        positive(k, "batch_size", batchSize);
        long accum = Math.max(1, k.integer("grad_accum_steps", 1));
        long batches = context.facts().require(RunFacts.BATCHES_PER_EPOCH, source, "the updates per epoch");
        long perEpoch = (batches + accum - 1) / accum;
        facts.add(new Imported.Fact("updates per epoch", Long.toString(perEpoch),
                "ceil(" + Counts.of(batches, "batch", "batches") + " / " + accum + " grad_accum_steps)"));

        Location lrAt = map.get("lr").isPresent() ? k.at("lr") : source;
        Node.ScalarNode lr = learningRate(k, batchSize, accum, context, lrAt, facts);

        long epochs = k.integer("epochs", 300);
        long warmupEpochs = k.integer("warmup_epochs", 5);
        long cooldownEpochs = k.integer("cooldown_epochs", 0);
        boolean warmupPrefix = k.bool("warmup_prefix", false);
        long factor = onUpdates ? perEpoch : 1;
        String unit = onUpdates ? " x " + Counts.of(perEpoch, "update") + " per epoch" : "";
        long tInitial = epochs * factor;
        long warmupT = warmupEpochs * factor;
        long cooldownT = cooldownEpochs * factor;

        ScheduleMapping s = new ScheduleMapping(map.location(), TYPES.get(sched));
        s.put("lr", lr);
        long numEpochs;
        if (CYCLED.contains(sched)) {
            s.put("t_initial", k.at("epochs"), tInitial);
            s.put("lr_min", k.realNode("min_lr", 0.0));
            Node.ScalarNode cycleMulNode = k.realNode("lr_cycle_mul", 1.0);
            double cycleMul = k.real("lr_cycle_mul", 1.0);
            long cycleLimit = k.integer("lr_cycle_limit", 1);
            s.put("cycle_mul", cycleMulNode);
            s.put("cycle_decay", k.realNode("lr_cycle_decay", 0.5));
            s.put("cycle_limit", k.integerNode("lr_cycle_limit", 1));
            if (!sched.equals("tanh")) {
                s.put("k_decay", k.realNode("lr_k_decay", 1.0));
            }
            if (sched.equals("poly")) {
                // create_scheduler_v2 passes decay_rate as the polynomial's power
                s.put("power", k.realNode("decay_rate", 0.1));
            }
            // the scheduler's get_cycle_length() plus the cooldown, in epochs
            long cycles = Math.max(1, cycleLimit);
            long length;
            String how;
            if (cycleMul == 1.0) {
                length = tInitial * cycles;
                how = tInitial + " x " + cycles + " cycles";
            } else {
                length = (long) Math.floor(-tInitial * (StrictMath.pow(cycleMul, cycles) - 1) / (1 - cycleMul));
                how = "floor(" + tInitial + " x (" + DoubleFormat.formatCompact(cycleMul) + "^" + cycles
                        + " - 1) / (" + DoubleFormat.formatCompact(cycleMul) + " - 1))";
            }
            if (warmupPrefix) {
                length += warmupT;
                how += " + " + warmupT + " warmup";
            }
            long withCooldown = length + cooldownT;
            numEpochs = onUpdates ? Math.floorDiv(withCooldown, perEpoch) : withCooldown;
            how = onUpdates ? "(" + how + " + " + cooldownT + " cooldown) // " + perEpoch
                    : how + " + " + cooldownT + " cooldown";
            facts.add(new Imported.Fact("t_initial", Long.toString(tInitial), Counts.of(epochs, "epoch") + unit));
            facts.add(new Imported.Fact("num_epochs", Long.toString(numEpochs), how));
        } else {
            if (sched.equals("step")) {
                double decayEpochs = k.real("decay_epochs", 90);
                double decayT = decayEpochs * factor;
                s.put("decay_t", k.at("decay_epochs"), decayT);
                if (onUpdates) {
                    facts.add(new Imported.Fact("decay_t", DoubleFormat.formatCompact(decayT),
                            DoubleFormat.formatCompact(decayEpochs) + unit));
                }
            } else {
                long[] milestones = k.integers("decay_milestones", new long[] {90, 180, 270});
                long[] decayT = new long[milestones.length];
                for (int i = 0; i < milestones.length; i++) {
                    decayT[i] = milestones[i] * factor;
                }
                s.put("decay_t", k.at("decay_milestones"), decayT);
            }
            s.put("decay_rate", k.realNode("decay_rate", 0.1));
            numEpochs = epochs + (warmupPrefix ? warmupEpochs : 0);
            facts.add(new Imported.Fact("num_epochs", Long.toString(numEpochs), warmupPrefix
                    ? Counts.of(epochs, "epoch") + " + " + warmupEpochs + " warmup_epochs (warmup_prefix)" : "epochs"));
        }
        boolean constructorCorner = warmupT == 0 && (sched.equals("tanh") || sched.equals("multistep"));
        if (constructorCorner) {
            // train.py never calls step(0): the first epoch (update) runs at the constructor's value, lr, where
            // tanh's curve (and a first milestone of 0 or 1) already differs; a one-step warmup from lr says so
            s.put("warmup_t", k.at("warmup_epochs"), 1L);
            s.put("warmup_lr_init", lr);
            s.put("warmup_prefix", k.at("warmup_epochs"), false);
            facts.add(new Imported.Fact("first " + (onUpdates ? "update" : "epoch"), "lr",
                    "the constructor's value (train.py never calls step(0)): warmup_t 1 from lr"));
        } else {
            s.put("warmup_t", k.at("warmup_epochs"), warmupT);
            s.put("warmup_lr_init", k.realNode("warmup_lr", 1e-5));
            s.put("warmup_prefix", k.at("warmup_prefix"), warmupPrefix);
        }
        if (onUpdates && warmupT != 0) {
            facts.add(new Imported.Fact("warmup_t", Long.toString(warmupT), warmupEpochs + " warmup_epochs" + unit));
        }
        s.put("t_in_epochs", k.at("sched_on_updates"), !onUpdates);
        if (!onUpdates) {
            s.put("stepping", new Node.ScalarNode(k.at("sched_on_updates"), "epoch", Node.ScalarKind.STRING));
            s.put("steps_per_epoch", k.at("grad_accum_steps"), perEpoch);
        }
        if (numEpochs < 1) {
            throw new InputException(k.at("epochs"), "epochs: the run has " + numEpochs + " scheduled epochs; "
                    + "train.py would train nothing; set epochs to 1 or more");
        }
        long steps = numEpochs * perEpoch;
        facts.add(new Imported.Fact("num_updates_total", Long.toString(steps), Counts.of(numEpochs, "epoch") + " x "
                + Counts.of(perEpoch, "update") + " per epoch"));
        // keys that shape the LR only through what the facts say (or not at all)
        k.markRead("model");
        List<String> ignored = k.unread();
        return new Imported(List.of(s.build()), OptionalLong.of(steps), facts, defaults, ignored)
                .withUpdatesPerEpoch(perEpoch);
    }

    /** train.py's lr: the file's, or (when null or 0) lr_base scaled by the global batch. */
    private static Node.ScalarNode learningRate(ConfigKeys k, long batchSize, long accum, ImportContext context,
                                                Location lrAt, List<Imported.Fact> facts) {
        var given = k.scalar("lr");
        if (given.isPresent()) {
            double v = k.real("lr", 0);
            if (v != 0) {
                k.markRead("lr_base", "lr_base_size", "lr_base_scale", "opt");
                return given.get();
            }
        }
        if (k.value("train_img_sizes").isPresent()) {
            throw new InputException(k.at("train_img_sizes"), "train_img_sizes: train.py scales lr_base by the "
                    + "scheduled loader's policy-average batch size, which depends on the dataset; give lr as "
                    + "train.py logs it ('Learning rate (...) calculated from base learning rate')");
        }
        long devices = context.facts().require(RunFacts.NUM_DEVICES, lrAt,
                "lr: " + (given.isPresent() ? "0" : "null") + " (computed from lr_base with the global batch size)");
        double lrBase = k.real("lr_base", 0.1);
        long baseSize = k.integer("lr_base_size", 256);
        positive(k, "lr_base_size", baseSize);
        String scale = k.text("lr_base_scale", "");
        String opt = k.text("opt", "sgd");
        double global = (double) batchSize * devices * accum;
        double ratio = global / baseSize;
        String how;
        if (scale.isEmpty()) {
            String lower = opt.toLowerCase(Locale.ROOT);
            scale = lower.contains("ada") || lower.contains("lamb") ? "sqrt" : "linear";
            facts.add(new Imported.Fact("lr_base_scale", scale, "opt '" + opt + "' " + (scale.equals("sqrt")
                    ? "contains 'ada' or 'lamb'" : "contains neither 'ada' nor 'lamb'")));
        }
        String globalText = DoubleFormat.formatCompact(global);
        facts.add(new Imported.Fact("global batch size", globalText, batchSize + " batch_size x "
                + Counts.of(devices, "device") + " x " + accum + " grad_accum_steps"));
        if (scale.equals("sqrt")) {
            ratio = Math.pow(ratio, 0.5);
            how = DoubleFormat.formatCompact(lrBase) + " x sqrt(" + globalText + " / " + baseSize + ")";
        } else {
            how = DoubleFormat.formatCompact(lrBase) + " x " + globalText + " / " + baseSize;
        }
        double lr = lrBase * ratio;
        facts.add(new Imported.Fact("lr", DoubleFormat.format(lr), how));
        Location at = k.scalar("lr_base").map(Node::location).orElse(lrAt);
        return ConfigKeys.number(at, DoubleFormat.format(lr));
    }

    private static void positive(ConfigKeys k, String key, long value) {
        if (value < 1) {
            throw new InputException(k.at(key), key + " must be 1 or more, not " + value);
        }
    }
}
