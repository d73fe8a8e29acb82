package lrsched.input.config.paddledet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.Counts;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Suggest;
import lrsched.input.config.BaseFiles;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.config.PaddleBatches;
import lrsched.input.config.PyYaml;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;
import lrsched.registry.ScheduleMapping;

/**
 * A PaddleDetection training config (the YAML tools/train.py reads with {@code -c}): its {@code _BASE_} files merged
 * as ppdet/core/workspace.py's _load_config_with_base does, then {@code epoch}, {@code LearningRate} and
 * {@code TrainReader}. The trainer builds {@code create('LearningRate')(steps_per_epoch)} with steps_per_epoch =
 * len(self.loader): {@code --run batches_per_epoch=N}, or {@code --run dataset_size=N[,num_devices=K]} batched as
 * Paddle's DistributedBatchSampler counts. A scheduler written with a tag ({@code - !PiecewiseDecay {...}}, built by
 * the class's YAML constructor) or as {@code {name: PiecewiseDecay, ...}} (LearningRate's dict form) becomes one entry
 * of {@code paddledet.LearningRate}'s schedulers. The manual is src/docs/configs/paddledet.md.
 */
public final class PaddleDetFormat implements ConfigFormat {
    private static final List<String> LEARNING_RATE_KEYS = List.of("base_lr", "schedulers");

    @Override
    public String name() {
        return "paddledet";
    }

    @Override
    public String title() {
        return "PaddleDetection training config (tools/train.py -c; _BASE_, LearningRate)";
    }

    @Override
    public Optional<String> whereSchedulesAre() {
        return Optional.of("PaddleDetection configs are read directly: lrsched plot --spec ppyoloe.yml --run "
                + "dataset_size=N,num_devices=K (src/docs/configs/paddledet.md); the type is paddledet.LearningRate");
    }

    /**
     * A YAML mapping with a LearningRate mapping (base_lr or schedulers), or with a list of _BASE_ files and none of
     * detectron2's SOLVER and MODEL (a detectron2 config with a list there is detectron2's to refuse).
     */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> m.get("LearningRate").filter(l -> l instanceof Node.MapNode lr
                && (lr.get("base_lr").isPresent() || lr.get("schedulers").isPresent())).isPresent()
                || m.get("_BASE_").filter(b -> b instanceof Node.ListNode).isPresent() && m.get("SOLVER").isEmpty()
                && m.get("MODEL").isEmpty());
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Location source = Location.of(document.source());
        List<Imported.Fact> facts = new ArrayList<>();
        Node.MapNode config = load(document, context, facts, 0);

        Node epochNode = config.get("epoch").orElseThrow(() -> new InputException(source, "the config (with its "
                + "_BASE_ files) has no epoch, which the trainer's range(start_epoch, cfg.epoch) needs; add epoch: N"));
        long epochs = PyYaml.wholeNumber("epoch", epochNode);
        if (epochs < 1) {
            throw new InputException(epochNode.location(), "epoch " + epochs + ": the trainer runs range(0, epoch), "
                    + "no epoch here; give 1 or more");
        }
        long perEpoch = stepsPerEpoch(config, context, source, facts);

        ScheduleMapping s = new ScheduleMapping(source, "paddledet.LearningRate");
        List<String> defaults = new ArrayList<>();
        Optional<Node> lrNode = config.get("LearningRate");
        if (lrNode.isPresent() && !(lrNode.get() instanceof Node.MapNode)) {
            throw new InputException(lrNode.get().location(), "LearningRate takes a mapping (base_lr, schedulers), "
                    + "not " + lrNode.get().describe());
        }
        Node.MapNode lr = lrNode.map(n -> (Node.MapNode) n).orElse(new Node.MapNode(source, Map.of()));
        for (Node.Entry e : lr.entries().values()) {
            if (!LEARNING_RATE_KEYS.contains(e.key())) {
                throw new InputException(e.keyLocation(), "LearningRate." + e.key() + ": create('LearningRate') "
                        + "passes it on and LearningRate refuses it (TypeError: __init__() got an unexpected keyword "
                        + "argument '" + e.key() + "')" + Suggest.didYouMean(e.key(), LEARNING_RATE_KEYS)
                        + "; it takes base_lr and schedulers");
            }
        }
        lr.get("base_lr").ifPresentOrElse(b -> {
            checkNumbers("LearningRate.base_lr", b);
            s.put("base_lr", b);
        }, () -> defaults.add("LearningRate.base_lr (0.01)"));
        lr.get("schedulers").ifPresentOrElse(l -> s.put("schedulers", schedulers(l)),
                () -> defaults.add("LearningRate.schedulers ([PiecewiseDecay(), LinearWarmup()])"));
        s.put("step_per_epoch", source, perEpoch);
        long steps = Math.multiplyExact(epochs, perEpoch);
        facts.add(new Imported.Fact("iterations", Long.toString(steps), Counts.of(epochs, "epoch") + " x "
                + Counts.of(perEpoch, "iteration")));
        return new Imported(List.of(s.build()), OptionalLong.of(steps), facts, defaults, List.of())
                .withUpdatesPerEpoch(perEpoch);
    }

    /**
     * The file with its _BASE_ files merged under it, as _load_config_with_base: each base (itself merged) over the
     * bases before it, then the file's own keys over all; mappings merge key by key (dict_merge), anything else,
     * a tagged scheduler or a list included, replaces.
     */
    private static Node.MapNode load(Document document, ImportContext context, List<Imported.Fact> facts,
                                     int depth) {
        Location file = Location.of(document.source());
        Node.MapNode root = document.mapping().orElseThrow(() -> new InputException(file, "a PaddleDetection config "
                + "is a mapping (epoch:, LearningRate:, _BASE_: ...)"));
        Optional<Node> base = root.get("_BASE_");
        if (base.isEmpty()) {
            return root;
        }
        if (!(base.get() instanceof Node.ListNode list)) {
            throw new InputException(base.get().location(), "_BASE_ takes a list of config files (PaddleDetection "
                    + "iterates it: a single path would be read letter by letter), not " + base.get().describe()
                    + "; write _BASE_: ['" + (base.get() instanceof Node.ScalarNode p ? p.text() : "base.yml") + "']");
        }
        Map<String, Node.Entry> merged = new LinkedHashMap<>();
        for (Node item : list.items()) {
            if (!(item instanceof Node.ScalarNode path) || path.kind() != Node.ScalarKind.STRING) {
                throw new InputException(item.location(), "_BASE_ lists the paths of config files, not "
                        + item.describe());
            }
            Document parent = BaseFiles.follow(document, path, context, "_BASE_", depth);
            facts.add(new Imported.Fact("_BASE_", parent.source(), "merged under " + document.source()
                    + " (_load_config_with_base: later files and the file's own keys win)"));
            merge(merged, load(parent, context, facts, depth + 1));
        }
        merge(merged, root.without("_BASE_"));
        return new Node.MapNode(root.location(), merged);
    }

    /** workspace.py dict_merge: {@code over}'s keys into {@code into}, recursing where both are plain mappings. */
    private static void merge(Map<String, Node.Entry> into, Node.MapNode over) {
        for (Node.Entry e : over.entries().values()) {
            Node.Entry old = into.get(e.key());
            if (old != null && plain(old.value()) && plain(e.value())) {
                Map<String, Node.Entry> inner = new LinkedHashMap<>(((Node.MapNode) old.value()).entries());
                merge(inner, (Node.MapNode) e.value());
                into.put(e.key(), new Node.Entry(e.key(), old.keyLocation(),
                        new Node.MapNode(e.value().location(), inner)));
            } else {
                into.put(e.key(), e);
            }
        }
    }

    /** A mapping that PyYAML makes a dict (a tagged one is the tag's class instance). */
    private static boolean plain(Node n) {
        return n instanceof Node.MapNode m && m.tag().isEmpty();
    }

    /** Each scheduler in LearningRate's dict form: a tagged mapping's tag becomes its name. */
    private static Node schedulers(Node value) {
        if (!(value instanceof Node.ListNode list)) {
            throw new InputException(value.location(), "LearningRate.schedulers takes a list (the decay, then the "
                    + "warmup), not " + value.describe());
        }
        List<Node> out = new ArrayList<>();
        for (Node item : list.items()) {
            if (!(item instanceof Node.MapNode m)) {
                throw new InputException(item.location(), "LearningRate.schedulers: each scheduler is a mapping "
                        + "(- !PiecewiseDecay {milestones: [8, 11]} or - name: CosineDecay), not " + item.describe()
                        + "; a tagged list passes positional arguments, which lrsched does not read: name them");
            }
            checkNumbers("LearningRate.schedulers", m);
            if (m.tag().isPresent()) {
                if (m.get("name").isPresent()) {
                    throw new InputException(m.entries().get("name").keyLocation(), "LearningRate.schedulers: the "
                            + "tag !" + m.tag().get() + " already names the class, and its constructor refuses name "
                            + "(TypeError: unexpected keyword argument 'name'); remove name");
                }
                Map<String, Node.Entry> entries = new LinkedHashMap<>();
                entries.put("name", new Node.Entry("name", m.location(), new Node.ScalarNode(m.location(),
                        m.tag().get(), Node.ScalarKind.STRING)));
                entries.putAll(m.entries());
                out.add(new Node.MapNode(m.location(), entries));
            } else if (m.get("name").isEmpty()) {
                throw new InputException(m.location(), "LearningRate.schedulers: an untagged scheduler needs name "
                        + "(LearningRate pops it: KeyError: 'name'); tag it (- !CosineDecay) or add name: CosineDecay");
            } else {
                out.add(m);
            }
        }
        return new Node.ListNode(list.location(), out);
    }

    /** len(self.loader): given, or DistributedBatchSampler's length with TrainReader's batch_size and drop_last. */
    private static long stepsPerEpoch(Node.MapNode config, ImportContext context, Location source,
                                      List<Imported.Fact> facts) {
        OptionalLong given = context.facts().get(RunFacts.BATCHES_PER_EPOCH);
        if (given.isPresent()) {
            return given.getAsLong();
        }
        long n = context.facts().get(RunFacts.DATASET_SIZE).orElseThrow(() -> new InputException(source,
                "steps_per_epoch is len(TrainReader), which needs the training images: add --run "
                        + "dataset_size=N[,num_devices=K], or --run batches_per_epoch=N"));
        long devices = context.facts().get(RunFacts.NUM_DEVICES).orElse(1);
        Optional<Node> readerNode = config.get("TrainReader");
        if (readerNode.isPresent() && !(readerNode.get() instanceof Node.MapNode)) {
            throw new InputException(readerNode.get().location(), "TrainReader takes a mapping (batch_size, "
                    + "drop_last, ...), not " + readerNode.get().describe());
        }
        Node.MapNode reader = readerNode.map(r -> (Node.MapNode) r).orElse(new Node.MapNode(source, Map.of()));
        long batch = 1; // TrainReader's default
        Location at = reader.location();
        Optional<Node> batchNode = reader.get("batch_size");
        if (batchNode.isPresent()) {
            batch = PyYaml.wholeNumber("TrainReader.batch_size", batchNode.get());
            at = batchNode.get().location();
            if (batch < 1) {
                throw new InputException(at, "TrainReader.batch_size " + batch + ": Paddle's DistributedBatchSampler "
                        + "refuses it (AssertionError: batch_size should be a positive integer); give 1 or more");
            }
        }
        boolean dropLast = true; // TrainReader's default
        Optional<Node> dropNode = reader.get("drop_last");
        if (dropNode.isPresent()) {
            if (!(dropNode.get() instanceof Node.ScalarNode d) || d.kind() != Node.ScalarKind.BOOLEAN) {
                throw new InputException(dropNode.get().location(), "TrainReader.drop_last takes true or false, not "
                        + dropNode.get().describe() + " (DistributedBatchSampler asserts a bool)");
            }
            dropLast = Boolean.parseBoolean(d.text().toLowerCase(java.util.Locale.ROOT));
            at = d.location();
        }
        return PaddleBatches.count(n, devices, batch, dropLast, "steps_per_epoch", at, facts);
    }

    /** Each number in {@code value} as PyYAML reads it: 1e-3 (no dot) is the text '1e-3' there. */
    private static void checkNumbers(String where, Node value) {
        if (value instanceof Node.ListNode list) {
            list.items().forEach(item -> checkNumbers(where, item));
        } else if (value instanceof Node.MapNode map) {
            map.entries().values().forEach(e -> checkNumbers(where + "." + e.key(), e.value()));
        } else if (value instanceof Node.ScalarNode s && PyYaml.readAsText(s)) {
            String fails = where.equals("LearningRate.base_lr") ? "the warmup's base_lr * factor fails on it "
                    + "(TypeError: can't multiply sequence by non-int of type 'float')" : "PaddleDetection fails on it";
            throw PyYaml.readAsText(where, s, "PaddleDetection", fails);
        }
    }

}
