package lrsched.input.config.lightning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Suggest;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;

/**
 * A LightningCLI config (PyTorch Lightning's {@code --config} YAML): the {@code trainer:} section sizes the run, and
 * the {@code optimizer:} and {@code lr_scheduler:} sections (each a {@code class_path} with {@code init_args}) are
 * what LightningCLI's own {@code configure_optimizers} builds. A scheduler configured that way gets Lightning's
 * default interval "epoch": it is stepped once, after each epoch's last batch. src/docs/configs/lightning.md is the
 * manual; the facts come from Lightning-AI/pytorch-lightning at 7f0c3436cd3f (src/lightning/pytorch/cli.py,
 * core/optimizer.py, utilities/types.py, loops/training_epoch_loop.py, loops/fit_loop.py, loops/utilities.py,
 * trainer/setup.py, trainer/connectors/data_connector.py).
 */
public final class LightningFormat implements ConfigFormat {
    /** The subcommand a config may be nested under ({@code python main.py --config c.yaml fit}). */
    private static final String FIT = "fit";
    private static final String TRAINER = "trainer";
    private static final String MODEL = "model";
    private static final String OPTIMIZER = "optimizer";
    private static final String LR_SCHEDULER = "lr_scheduler";
    private static final String CLASS_PATH = "class_path";
    private static final String INIT_ARGS = "init_args";

    /** The Trainer arguments that size the run or step the scheduler; the others do not change the LR. */
    private static final String MAX_EPOCHS = "max_epochs";
    private static final String MAX_STEPS = "max_steps";
    private static final String MAX_TIME = "max_time";
    private static final String ACCUMULATE = "accumulate_grad_batches";
    private static final String LIMIT_TRAIN_BATCHES = "limit_train_batches";
    private static final String STRATEGY = "strategy";
    private static final String CALLBACKS = "callbacks";

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("LightningCLI configs name torch's schedulers (lrsched types torch); they are "
                + "read directly: lrsched explain --spec config.yaml --run batches_per_epoch=N "
                + "(src/docs/configs/lightning.md)");
    }

    @Override
    public String name() {
        return "lightning";
    }

    @Override
    public String title() {
        return "LightningCLI config (PyTorch Lightning)";
    }

    /**
     * A mapping (or its {@code fit:} section) without lrsched's {@code schedules:}/{@code type:}, with a
     * {@code trainer:} section and one of: an {@code optimizer:} or {@code lr_scheduler:} naming a class (a
     * {@code class_path} or a bare class name), a {@code model:} with {@code class_path} or {@code init_args}, or
     * {@code seed_everything:} (which every LightningCLI config printed by {@code --print_config} has).
     */
    @Override
    public boolean recognizes(Document document) {
        return document.mapping().map(m -> section(m).isPresent()).orElse(false);
    }

    private static Optional<Node.MapNode> section(Node.MapNode root) {
        if (root.get("schedules").isPresent() || root.get("type").isPresent()) {
            return Optional.empty();
        }
        if (isSection(root)) {
            return Optional.of(root);
        }
        return root.get(FIT).filter(n -> n instanceof Node.MapNode).map(n -> (Node.MapNode) n)
                .filter(LightningFormat::isSection);
    }

    private static boolean isSection(Node.MapNode m) {
        Optional<Node> trainer = m.get(TRAINER);
        if (trainer.isEmpty() || !(trainer.get() instanceof Node.MapNode || isNull(trainer.get()))) {
            return false;
        }
        return namesClass(m.get(OPTIMIZER)) || namesClass(m.get(LR_SCHEDULER))
                || m.get(MODEL).filter(n -> n instanceof Node.MapNode mm && (mm.get(CLASS_PATH).isPresent()
                || mm.get(INIT_ARGS).isPresent())).isPresent()
                || m.get("seed_everything").isPresent();
    }

    private static boolean namesClass(Optional<Node> node) {
        return node.filter(n -> n instanceof Node.MapNode mm ? mm.get(CLASS_PATH).isPresent()
                : n instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING).isPresent();
    }

    /** YAML's null, written {@code null}, {@code ~} or as nothing ({@code trainer:} alone). */
    static boolean isNull(Node n) {
        return n instanceof Node.ScalarNode s && (s.kind() == Node.ScalarKind.NULL
                || s.kind() == Node.ScalarKind.STRING && s.text().isEmpty());
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Node.MapNode root = document.mapping().orElseThrow(() -> new InputException(document.root()
                .map(Node::location).orElse(Location.of(document.source())), "a LightningCLI config is a mapping "
                + "with trainer:, model:, optimizer: and lr_scheduler: sections"));
        Node.MapNode config = section(root).orElse(root.get(FIT).filter(n -> n instanceof Node.MapNode)
                .map(n -> (Node.MapNode) n).orElse(root));
        Location fileStart = Location.of(document.source());
        List<Imported.Fact> facts = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        String prefix = config == root ? "" : FIT + ".";
        for (String key : config.entries().keySet()) {
            if (!key.equals(TRAINER) && !key.equals(OPTIMIZER) && !key.equals(LR_SCHEDULER)) {
                ignored.add(prefix + key);
            }
        }
        if (config != root) {
            root.entries().keySet().stream().filter(k -> !k.equals(FIT)).forEach(ignored::add);
        }

        Node.MapNode trainer = config.get(TRAINER).filter(n -> n instanceof Node.MapNode)
                .map(n -> (Node.MapNode) n).orElse(new Node.MapNode(fileStart, Map.of()));
        LightningClasses.Optimizer optimizer = optimizer(config, fileStart, defaults);
        Optional<LightningClasses.Scheduler> scheduler = config.get(LR_SCHEDULER).filter(n -> !isNull(n))
                .map(n -> LightningClasses.scheduler(n, LR_SCHEDULER));

        for (String key : trainer.entries().keySet()) {
            if (!List.of(MAX_EPOCHS, MAX_STEPS, MAX_TIME, ACCUMULATE, LIMIT_TRAIN_BATCHES).contains(key)) {
                ignored.add(prefix + TRAINER + "." + key);
            }
        }
        refuseWhatChangesTheLr(trainer);
        LightningRun run = LightningRun.of(trainer, fileStart, context.facts(), scheduler.isPresent(), facts,
                defaults);

        Node.MapNode schedule;
        if (scheduler.isEmpty()) {
            defaults.add("lr_scheduler: none (LightningCLI's configure_optimizers returns the optimizer alone: "
                    + "a constant learning rate)");
            schedule = mapping(optimizer.location(), Map.of(
                    "name", text(optimizer.location(), optimizer.className()),
                    "type", text(optimizer.location(), "constant"),
                    "lr", optimizer.lr()));
        } else {
            defaults.add("interval: epoch, frequency: 1 (LightningCLI returns [optimizer], [lr_scheduler], and "
                    + "Lightning's LRSchedulerConfig defaults apply; a config file cannot change them)");
            schedule = scheduler.get().schedule(optimizer.lr(), run.updatesPerEpoch(), run.epochLocation());
            facts.add(new Imported.Fact("scheduler steps", "once per epoch", "after the epoch's last batch; "
                    + "update s gets the schedule at epoch floor(s / " + run.updatesPerEpoch() + ")"));
            if (scheduler.get().className().equals("OneCycleLR")) {
                facts.add(new Imported.Fact("OneCycleLR", "stepped per epoch", "Lightning warns \"A `OneCycleLR` "
                        + "scheduler is using 'interval': 'epoch'\"; its total_steps count epochs here (lrsched "
                        + "wraps it in a one-child torch.ChainedScheduler, which steps it alike, because its own "
                        + "steps_per_epoch argument takes the run option's name)"));
            }
        }
        return new Imported(List.of(schedule), OptionalLong.of(run.updates()), facts, defaults, ignored)
                .withUpdatesPerEpoch(run.updatesPerEpoch());
    }

    /** The optimizer section, or the error that the model's own configure_optimizers decides the schedule. */
    private static LightningClasses.Optimizer optimizer(Node.MapNode config, Location fileStart,
                                                      List<String> defaults) {
        Optional<Node> node = config.get(OPTIMIZER).filter(n -> !isNull(n));
        if (node.isEmpty()) {
            Optional<Node.Entry> scheduler = Optional.ofNullable(config.entries().get(LR_SCHEDULER))
                    .filter(e -> !isNull(e.value()));
            if (scheduler.isPresent()) {
                throw new InputException(scheduler.get().keyLocation(), "lr_scheduler: without optimizer: is "
                        + "ignored by LightningCLI (it overrides configure_optimizers only when an optimizer is "
                        + "configured), so the model's own configure_optimizers() decides the schedule; add an "
                        + "optimizer: section with class_path and init_args.lr");
            }
            Location at = Optional.ofNullable(config.entries().get(MODEL)).map(Node.Entry::keyLocation)
                    .orElse(fileStart);
            throw new InputException(at, "no optimizer: section, so the learning rate schedule is whatever the "
                    + "model's own configure_optimizers() returns, and lrsched cannot read Python code; add "
                    + "optimizer: and lr_scheduler: sections (class_path + init_args) as LightningCLI accepts them, "
                    + "or write the schedule as an lrsched spec");
        }
        return LightningClasses.optimizer(node.get(), OPTIMIZER, defaults);
    }

    /** Callbacks and strategies that change the LR or the stepping in ways the config alone does not say. */
    private static void refuseWhatChangesTheLr(Node.MapNode trainer) {
        Optional<Node> strategy = trainer.get(STRATEGY);
        if (strategy.isPresent() && LightningClasses.className(strategy.get()).orElse("").toLowerCase()
                .contains("deepspeed")) {
            throw new InputException(strategy.get().location(), "the DeepSpeed strategy handles gradient "
                    + "accumulation itself (Lightning then leaves the last partial accumulation of an epoch to it); "
                    + "lrsched models Lightning's own loop only; remove the strategy to see that curve");
        }
        Optional<Node> callbacks = trainer.get(CALLBACKS);
        if (callbacks.isEmpty()) {
            return;
        }
        List<Node> list = callbacks.get() instanceof Node.ListNode l ? l.items() : List.of(callbacks.get());
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("StochasticWeightAveraging", "replaces the learning rate with its SWALR schedule from "
                + "swa_epoch_start on");
        refused.put("GradientAccumulationScheduler", "changes accumulate_grad_batches from epoch to epoch, and "
                + "with it the updates per epoch");
        refused.put("LearningRateFinder", "replaces the optimizer's lr with the one its search finds");
        refused.put("Timer", "stops the run after a duration, which no config number says");
        for (Node cb : list) {
            Optional<String> name = LightningClasses.className(cb);
            if (name.isPresent()) {
                String simple = name.get().substring(name.get().lastIndexOf('.') + 1);
                if (refused.containsKey(simple)) {
                    throw new InputException(cb.location(), "the callback " + simple + " " + refused.get(simple)
                            + "; lrsched cannot model it; remove it from trainer.callbacks to see the schedule "
                            + "without it");
                }
            }
        }
    }

    static Node.ScalarNode text(Location at, String value) {
        return new Node.ScalarNode(at, value, Node.ScalarKind.STRING);
    }

    static Node.ScalarNode number(Location at, long value) {
        return new Node.ScalarNode(at, Long.toString(value), Node.ScalarKind.NUMBER);
    }

    static Node.MapNode mapping(Location at, Map<String, Node> values) {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        for (String key : List.of("name", "type", "lr")) {
            if (values.containsKey(key)) {
                entries.put(key, new Node.Entry(key, values.get(key).location(), values.get(key)));
            }
        }
        values.forEach((k, v) -> entries.putIfAbsent(k, new Node.Entry(k, v.location(), v)));
        return new Node.MapNode(at, entries);
    }

    static String suggestion(String name, List<String> names) {
        return Suggest.didYouMean(name, names);
    }
}
