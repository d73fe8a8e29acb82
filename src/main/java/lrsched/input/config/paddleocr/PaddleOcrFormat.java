package lrsched.input.config.paddleocr;

import static lrsched.input.config.ConfigKeys.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.Counts;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Suggest;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.config.PaddleBatches;
import lrsched.input.config.PyYaml;
import lrsched.input.document.Document;
import lrsched.registry.Param;
import lrsched.registry.RunFacts;
import lrsched.registry.ScheduleMapping;
import lrsched.registry.TypeDef;

/**
 * PaddleOCR's training config (the YAML tools/train.py reads with {@code -c}): {@code Global.epoch_num},
 * {@code Optimizer.lr} and {@code Train.loader}. PaddleOCR's build_lr_scheduler (ppocr/optimizer/__init__.py) adds
 * {@code epochs} and {@code step_each_epoch} to the lr mapping and builds {@code learning_rate.<name>(**lr)()}, or
 * takes the plain number {@code learning_rate} when there is no name; that becomes one {@code paddleocr.<name>}
 * schedule. step_each_epoch is len(train_dataloader): {@code --run batches_per_epoch=N}, or {@code --run
 * dataset_size=N[,num_devices=K]} batched as Paddle's DistributedBatchSampler counts. The manual is
 * src/docs/configs/paddleocr.md.
 */
public final class PaddleOcrFormat implements ConfigFormat {
    /** The classes of ppocr/optimizer/learning_rate.py, each a paddleocr.* type. */
    private static final List<String> CLASSES = List.of("Linear", "Cosine", "Step", "Piecewise", "CyclicalCosine",
            "OneCycle", "Const", "DecayLearningRate", "MultiStepDecay", "TwoStepCosine");
    /** What build_lr_scheduler sets, whatever the lr mapping says. */
    private static final Set<String> INJECTED = Set.of("epochs", "step_each_epoch");
    /** Values Paddle's LRScheduler receives as its learning rate (it refuses anything but a float or an int). */
    private static final Set<String> RATES = Set.of("learning_rate", "max_lr");

    @Override
    public String name() {
        return "paddleocr";
    }

    @Override
    public String title() {
        return "PaddleOCR training config (tools/train.py -c)";
    }

    @Override
    public Optional<String> whereSchedulesAre() {
        return Optional.of("PaddleOCR configs are read directly: lrsched explain --spec det.yml --run "
                + "dataset_size=N,num_devices=K (src/docs/configs/paddleocr.md); the types are paddleocr.*");
    }

    /**
     * A YAML mapping with a {@code Global} mapping and an {@code Optimizer} mapping holding an {@code lr} mapping, and
     * no {@code Global.epochs} (PaddleClas's key; PaddleOCR's is epoch_num).
     */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> mapping(m, "Global").filter(g -> g.get("epochs").isEmpty())
                .isPresent() && mapping(m, "Optimizer").flatMap(o -> mapping(o, "lr")).isPresent());
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Location source = Location.of(document.source());
        Node.MapNode map = document.mapping().orElseThrow(() -> new InputException(source, "a PaddleOCR config is "
                + "a mapping (Global: ..., Optimizer: ..., Train: ...)"));
        Node.MapNode global = mapping(map, "Global").orElseThrow();
        Node.MapNode lr = mapping(mapping(map, "Optimizer").orElseThrow(), "lr").orElseThrow();
        List<Imported.Fact> facts = new ArrayList<>();
        List<String> ignored = new ArrayList<>();

        Node.ScalarNode epochNum = global.get("epoch_num").filter(v -> v instanceof Node.ScalarNode)
                .map(v -> (Node.ScalarNode) v).orElseThrow(() -> new InputException(global.location(), "Global has "
                        + "no epoch_num, which PaddleOCR's train loop reads (no default); add Global.epoch_num"));
        long epochs = PyYaml.wholeNumber("Global.epoch_num", epochNum);
        if (epochs < 1) {
            throw new InputException(epochNum.location(), "Global.epoch_num " + epochs + ": PaddleOCR trains the "
                    + "epochs range(1, epoch_num + 1), none here; give 1 or more");
        }
        long perEpoch = stepEachEpoch(map, context, source, facts);

        Optional<Node> nameNode = lr.get("name");
        String type;
        if (nameNode.isEmpty()) {
            // build_lr_scheduler returns lr_config['learning_rate'] itself: a float the trainer never steps
            Node.ScalarNode rate = lr.get("learning_rate").filter(v -> v instanceof Node.ScalarNode)
                    .map(v -> (Node.ScalarNode) v).orElseThrow(() -> new InputException(lr.location(), "Optimizer.lr "
                            + "has neither name nor learning_rate; PaddleOCR takes learning_rate when there is no "
                            + "name (KeyError): add one"));
            checkNumber("learning_rate", rate);
            if (PyYaml.isInt(rate.text())) {
                throw new InputException(rate.location(), "Optimizer.lr.learning_rate " + rate.text() + " is a "
                        + "Python int, which PaddleOCR's train loop calls step() on (it skips floats only: "
                        + "AttributeError: 'int' object has no attribute 'step'); write " + PyYaml.spelling(rate.text()));
            }
            type = "paddleocr.Const";
            for (String key : lr.entries().keySet()) {
                if (!key.equals("learning_rate")) {
                    ignored.add("Optimizer.lr." + key + " (without a name the lr is the number learning_rate)");
                }
            }
        } else {
            type = "paddleocr." + className(nameNode.get());
        }
        TypeDef def = context.registry().find(type).orElseThrow();
        List<String> params = def.params().stream().map(Param::name).toList();
        ScheduleMapping s = new ScheduleMapping(lr.location(), type);
        for (Node.Entry e : lr.entries().values()) {
            String key = e.key();
            if (key.equals("name") || ignored.stream().anyMatch(i -> i.startsWith("Optimizer.lr." + key + " "))) {
                continue;
            }
            if (INJECTED.contains(key)) {
                ignored.add("Optimizer.lr." + key + " (build_lr_scheduler replaces it with "
                        + (key.equals("epochs") ? "Global.epoch_num" : "len(train_dataloader)") + ")");
            } else if (!params.contains(key) || def.param(key).map(p -> p.kind() == Param.Kind.ANY).orElse(false)) {
                String why = params.contains(key) ? "accepted and ignored by " + nameOf(type)
                        : "swallowed by " + nameOf(type) + "'s **kwargs" + Suggest.closest(key, params.stream()
                                .filter(p -> !INJECTED.contains(p)).toList()).map(p -> "; did you mean " + p + "?")
                                .orElse("");
                ignored.add("Optimizer.lr." + key + " (" + why + ")");
            } else {
                Param.Kind kind = def.param(key).orElseThrow().kind();
                if ((kind == Param.Kind.REAL || kind == Param.Kind.INTEGER) && e.value() instanceof Node.ScalarNode v
                        && v.kind() == Node.ScalarKind.STRING) {
                    checkNumber(key, v); // a quoted number is a str in Python too
                }
                checkNumbers(key, e.value());
                s.put(key, e.value());
            }
        }
        if (params.contains("epochs")) {
            s.put("epochs", epochNum.location(), epochs);
        }
        s.put("step_each_epoch", source, perEpoch);
        long steps = epochs * perEpoch;
        facts.add(new Imported.Fact("iterations", Long.toString(steps), Counts.of(epochs, "epoch") + " x "
                + Counts.of(perEpoch, "iteration")));
        lr.get("warmup_epoch").filter(w -> params.contains("warmup_epoch") && w instanceof Node.ScalarNode ws
                && ws.kind() == Node.ScalarKind.NUMBER).ifPresent(w -> {
                    double warmup = Double.parseDouble(((Node.ScalarNode) w).text()) * perEpoch;
                    facts.add(new Imported.Fact("warmup iterations", Long.toString(Math.round(Math.rint(warmup))),
                            "round(" + ((Node.ScalarNode) w).text() + " x " + perEpoch + ") (half to even)"));
                });
        return new Imported(List.of(s.build()), OptionalLong.of(steps), facts, List.of(), ignored)
                .withUpdatesPerEpoch(perEpoch);
    }

    /**
     * {@code len(train_dataloader)}: given, or Paddle's DistributedBatchSampler.__len__ on the dataset size
     * (per process {@code ceil(dataset_size / num_devices)} samples, then batches of batch_size_per_card, the last
     * one kept unless drop_last).
     */
    private static long stepEachEpoch(Node.MapNode map, ImportContext context, Location source,
                                      List<Imported.Fact> facts) {
        OptionalLong given = context.facts().get(RunFacts.BATCHES_PER_EPOCH);
        if (given.isPresent()) {
            return given.getAsLong();
        }
        Node.MapNode train = mapping(map, "Train").orElseThrow(() -> new InputException(source, "the config has no "
                + "Train section to count len(train_dataloader) from; add --run batches_per_epoch=N"));
        if (train.get("sampler").isPresent()) {
            throw new InputException(train.get("sampler").get().location(), "Train.sampler batches the data itself, "
                    + "so its length is not DistributedBatchSampler's; add --run batches_per_epoch=N (the iterations "
                    + "PaddleOCR logs per epoch)");
        }
        Node.MapNode loader = mapping(train, "loader").orElseThrow(() -> new InputException(train.location(),
                "Train has no loader mapping (batch_size_per_card, drop_last), which build_dataloader reads; add it, "
                        + "or --run batches_per_epoch=N"));
        long devices = context.facts().get(RunFacts.NUM_DEVICES).orElse(1);
        long n = context.facts().get(RunFacts.DATASET_SIZE).orElseThrow(() -> new InputException(source,
                "step_each_epoch is len(train_dataloader), which needs the training samples (label lines after "
                        + "ratio_list): add --run dataset_size=N[,num_devices=K], or --run batches_per_epoch=N"));
        Node.ScalarNode batchNode = scalar(loader, "batch_size_per_card");
        long batch = PyYaml.wholeNumber("Train.loader.batch_size_per_card", batchNode);
        if (batch < 1) {
            throw new InputException(batchNode.location(), "Train.loader.batch_size_per_card " + batch + ": Paddle's "
                    + "DistributedBatchSampler refuses it (AssertionError: batch_size should be a positive integer); "
                    + "give 1 or more");
        }
        Node.ScalarNode dropNode = scalar(loader, "drop_last");
        if (dropNode.kind() != Node.ScalarKind.BOOLEAN) {
            throw new InputException(dropNode.location(), "Train.loader.drop_last takes true or false, not "
                    + dropNode.describe() + " (DistributedBatchSampler asserts a bool)");
        }
        boolean dropLast = Boolean.parseBoolean(dropNode.text().toLowerCase(java.util.Locale.ROOT));
        return PaddleBatches.count(n, devices, batch, dropLast, "step_each_epoch", dropNode.location(), facts);
    }

    private static String className(Node name) {
        if (!(name instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
            throw new InputException(name.location(), "Optimizer.lr.name takes a class name of PaddleOCR's "
                    + "learning_rate.py (Cosine, Linear, ...), not " + name.describe());
        }
        if (!CLASSES.contains(s.text())) {
            throw new InputException(s.location(), "Optimizer.lr.name '" + s.text() + "': PaddleOCR's "
                    + "learning_rate.py has no such class (AttributeError)" + Suggest.didYouMean(s.text(), CLASSES)
                    + (Suggest.closest(s.text(), CLASSES).isPresent() ? "" : "; it has " + String.join(", ", CLASSES)));
        }
        return s.text();
    }

    private static String nameOf(String type) {
        return type.substring("paddleocr.".length());
    }

    /** Each number of the value (a scalar or a list) as PyYAML reads it. */
    private static void checkNumbers(String key, Node value) {
        if (value instanceof Node.ListNode list) {
            list.items().forEach(item -> checkNumbers(key, item));
        } else if (value instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NUMBER) {
            checkNumber(key, s);
        }
    }

    private static void checkNumber(String key, Node.ScalarNode s) {
        if (s.kind() == Node.ScalarKind.NUMBER && (PyYaml.isInt(s.text()) || PyYaml.isFloat(s.text()))) {
            return;
        }
        String fails = RATES.contains(key) ? "Paddle's LRScheduler refuses it (TypeError: The type of learning rate "
                + "must be float, but received <class 'str'>)" : "PaddleOCR fails on it";
        if (s.kind() == Node.ScalarKind.NUMBER) {
            throw PyYaml.readAsText("Optimizer.lr." + key, s, "PaddleOCR", fails);
        }
        throw new InputException(s.location(), "Optimizer.lr." + key + " takes a number, not " + s.describe() + "; "
                + fails);
    }

    private static Node.ScalarNode scalar(Node.MapNode map, String key) {
        Node v = map.get(key).orElseThrow(() -> new InputException(map.location(), "Train.loader has no " + key
                + ", which PaddleOCR's build_dataloader reads (KeyError); add it, or --run batches_per_epoch=N"));
        if (!(v instanceof Node.ScalarNode s)) {
            throw new InputException(v.location(), "Train.loader." + key + " takes a single value, not "
                    + v.describe());
        }
        return s;
    }

}
