package lrsched.input.config.torchtune;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.Counts;
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
 * A torchtune recipe config: {@code _component_} entries for the model, tokenizer, optimizer and lr_scheduler,
 * plus the recipe's epochs, batch_size, gradient_accumulation_steps and max_steps_per_epoch. The run's length is
 * the recipes' (pytorch/torchtune at bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1: full_finetune_distributed.py,
 * lora_finetune_single_device.py, ...): a DistributedSampler's ceil share per rank, batches with drop_last,
 * updates per epoch floored by the accumulation and capped by max_steps_per_epoch;
 * get_cosine_schedule_with_warmup gets num_training_steps = epochs x that. The schedule is hf.cosine, whose lambda
 * is the same expression. The manual is src/docs/configs/torchtune.md.
 */
public final class TorchtuneFormat implements ConfigFormat {
    private static final String RECIPE = "the recipes";
    /** The component paths of torchtune's one LR scheduler, newest first. */
    private static final List<String> COSINE = List.of(
            "torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup",
            "torchtune.training.get_cosine_schedule_with_warmup",
            "torchtune.modules.get_cosine_schedule_with_warmup");
    private static final String COMPONENT = "_component_";

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("torchtune's get_cosine_schedule_with_warmup is transformers' cosine (lrsched "
                + "types hf.cosine); recipe configs are read directly: lrsched explain --spec "
                + "recipe.yaml --run dataset_size=N (src/docs/configs/torchtune.md)");
    }

    @Override
    public String name() {
        return "torchtune";
    }

    @Override
    public String title() {
        return "torchtune recipe config";
    }

    /**
     * A YAML mapping whose {@code optimizer} is a mapping with {@code _component_}, and whose {@code model} or
     * {@code tokenizer} is a mapping with a {@code _component_} under {@code torchtune.}.
     */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> component(m, "optimizer").isPresent()
                && (component(m, "model").filter(c -> c.startsWith("torchtune.")).isPresent()
                || component(m, "tokenizer").filter(c -> c.startsWith("torchtune.")).isPresent()));
    }

    private static Optional<String> component(Node.MapNode m, String key) {
        return m.get(key).filter(v -> v instanceof Node.MapNode).flatMap(v -> ((Node.MapNode) v).get(COMPONENT))
                .filter(c -> c instanceof Node.ScalarNode).map(c -> ((Node.ScalarNode) c).text());
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Node.MapNode map = document.mapping().orElseThrow(() -> new InputException(Location.of(document.source()),
                "a torchtune config is a mapping (model, tokenizer, optimizer, lr_scheduler, epochs, ...)"));
        Location source = Location.of(document.source());
        List<String> defaults = new ArrayList<>();
        List<Imported.Fact> facts = new ArrayList<>();
        ConfigKeys k = new ConfigKeys(map, RECIPE, defaults);

        long epochs = required(k, "epochs", map);
        long batchSize = required(k, "batch_size", map);
        long accumulation = required(k, "gradient_accumulation_steps", map);
        if (map.get("max_steps_per_epoch").isEmpty()) {
            throw new InputException(source, "missing max_steps_per_epoch: the recipes read "
                    + "cfg.max_steps_per_epoch and fail without it; add max_steps_per_epoch: null (no cap)");
        }
        OptionalLong maxSteps = k.optionalInteger("max_steps_per_epoch");

        long dataset = context.facts().require(RunFacts.DATASET_SIZE, source, "the steps per epoch");
        OptionalLong givenDevices = context.facts().get(RunFacts.NUM_DEVICES);
        long devices = givenDevices.orElse(1);
        if (givenDevices.isEmpty()) {
            defaults.add("num_devices: 1 (no --run num_devices: one data-parallel rank, as the single-device "
                    + "recipes have)");
        }
        long perRank = (dataset + devices - 1) / devices;
        long batches = perRank / batchSize;
        long perEpoch = batches / accumulation;
        facts.add(new Imported.Fact("samples per rank", Long.toString(perRank), "ceil(" + dataset + " / " + devices
                + " ranks) (DistributedSampler)"));
        facts.add(new Imported.Fact("len(dataloader)", Long.toString(batches), "floor(" + perRank + " / "
                + batchSize + " batch_size) (drop_last=True)"));
        facts.add(new Imported.Fact("steps per epoch", Long.toString(perEpoch), "floor(" + batches + " / "
                + accumulation + " gradient_accumulation_steps)"));
        if (maxSteps.isPresent() && maxSteps.getAsLong() < perEpoch) {
            perEpoch = maxSteps.getAsLong();
            facts.add(new Imported.Fact("steps per epoch, capped", Long.toString(perEpoch), "max_steps_per_epoch"));
        }
        if (perEpoch < 1) {
            throw new InputException(source, "the run has no optimizer step: " + Counts.of(dataset, "example")
                    + " over " + Counts.of(devices, "rank") + " make " + batches + " batches of " + batchSize
                    + " per rank, fewer than "
                    + "gradient_accumulation_steps " + accumulation + " (the recipe divides by 0 steps per epoch); "
                    + "check --run dataset_size, batch_size and gradient_accumulation_steps");
        }
        long total = epochs * perEpoch;
        facts.add(new Imported.Fact("num_training_steps", Long.toString(total),
                Counts.of(epochs, "epoch") + " x " + perEpoch));

        Node.MapNode optimizer = mapping(map, "optimizer");
        ConfigKeys o = new ConfigKeys(optimizer, RECIPE, defaults);
        Node.ScalarNode lr = o.scalar("lr").orElseThrow(() -> new InputException(optimizer.location(),
                "optimizer: missing lr; write the optimizer's learning rate (lr: 2e-5)"));
        o.real("lr", 0);
        k.markRead("optimizer", "model", "tokenizer");

        Node.MapNode schedule;
        Optional<Node> scheduler = k.value("lr_scheduler");
        if (scheduler.isEmpty()) {
            defaults.add("no lr_scheduler: the optimizer's lr throughout (the full-finetune recipes' choice)");
            schedule = new ScheduleMapping(map.location(), "constant").put("lr", lr).build();
        } else {
            schedule = cosine(mapping(map, "lr_scheduler"), lr, total, k.at("lr_scheduler"), defaults);
        }
        return new Imported(List.of(schedule), OptionalLong.of(total), facts, defaults, k.unread());
    }

    /** get_cosine_schedule_with_warmup as _setup_lr_scheduler calls it: hf.cosine, the same lambda. */
    private static Node.MapNode cosine(Node.MapNode block, Node.ScalarNode lr, long total, Location at,
                                       List<String> defaults) {
        ConfigKeys s = new ConfigKeys(block, "get_cosine_schedule_with_warmup's default", defaults);
        Node.ScalarNode component = s.scalar(COMPONENT).orElseThrow(() -> new InputException(block.location(),
                "lr_scheduler: missing _component_; torchtune's scheduler is " + COSINE.get(0)));
        if (!COSINE.contains(component.text())) {
            throw new InputException(component.location(), "lr_scheduler: unsupported _component_ '"
                    + component.text() + "'" + Suggest.didYouMean(component.text(), COSINE) + "; lrsched reads "
                    + "torchtune's get_cosine_schedule_with_warmup (" + String.join(", ", COSINE) + ")");
        }
        Node.ScalarNode warmup = s.scalar("num_warmup_steps").orElseThrow(() -> new InputException(
                block.location(), "lr_scheduler: missing num_warmup_steps (get_cosine_schedule_with_warmup "
                + "requires it); write num_warmup_steps: 100"));
        s.integer("num_warmup_steps", 0);
        // the recipe passes these itself, overriding the config's
        s.markRead("num_training_steps", "last_epoch");
        ScheduleMapping out = new ScheduleMapping(block.location(), "hf.cosine").put("lr", lr)
                .put("num_warmup_steps", warmup)
                .put("num_training_steps", at, total)
                .put("num_cycles", s.realNode("num_cycles", 0.5));
        List<String> unknown = s.unread();
        if (!unknown.isEmpty()) {
            String key = unknown.get(0);
            String suggestion = Suggest.didYouMean(key, List.of("num_warmup_steps", "num_cycles"));
            throw new InputException(block.entries().get(key).keyLocation(), "lr_scheduler: "
                    + "get_cosine_schedule_with_warmup() got an unexpected keyword argument '" + key + "'"
                    + (suggestion.isEmpty() ? "; remove it" : suggestion));
        }
        return out.build();
    }

    private static long required(ConfigKeys k, String key, Node.MapNode map) {
        if (k.scalar(key).isEmpty()) {
            throw new InputException(map.location(), "missing " + key + ": the recipes read cfg." + key
                    + " and fail without it; add it");
        }
        long v = k.integer(key, 0);
        if (v < 1) {
            throw new InputException(k.at(key), key + " must be 1 or more, not " + v);
        }
        return v;
    }

    private static Node.MapNode mapping(Node.MapNode map, String key) {
        Node v = map.get(key).orElseThrow();
        if (!(v instanceof Node.MapNode m)) {
            throw new InputException(v.location(), key + " must be a mapping with _component_, not "
                    + v.describe());
        }
        return m;
    }
}
