package lrsched.input.config.paddleclas;

import static lrsched.input.config.ConfigKeys.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

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
 * PaddleClas's training config (the YAML tools/train.py reads with {@code -c}): {@code Global.epochs},
 * {@code Optimizer.lr} and {@code DataLoader.Train.sampler}. PaddleClas's build_lr_scheduler
 * (ppcls/optimizer/__init__.py) adds {@code epochs} and {@code step_each_epoch} to the lr mapping and builds
 * {@code learning_rate.<name>(**lr)} (called when it is not already a scheduler): one {@code paddleclas.<name>}
 * schedule. step_each_epoch is Engine's {@code iter_per_epoch // update_freq}, iter_per_epoch being
 * Global.iter_per_epoch or len(train_dataloader): {@code --run batches_per_epoch=N}, or {@code --run
 * dataset_size=N[,num_devices=K]} batched as Paddle's DistributedBatchSampler counts. parse_config runs
 * {@code ast.literal_eval} on every string of a mapping, so {@code 1e-3} (text to PyYAML) is a float there, but not
 * inside a list. The manual is src/docs/configs/paddleclas.md.
 */
public final class PaddleClasFormat implements ConfigFormat {
    /** The classes of ppcls/optimizer/learning_rate.py lrsched models, each a paddleclas.* type. */
    private static final List<String> CLASSES = List.of("Cosine", "Linear", "Step", "Piecewise", "MultiStepDecay",
            "ConstLR", "Constant");
    /** The classes lrsched does not model yet. */
    private static final List<String> UNMODELLED = List.of("Cyclic", "ReduceOnPlateau", "CosineFixmatch",
            "OneCycleLR");
    /** What build_lr_scheduler sets, whatever the lr mapping says. */
    private static final Set<String> INJECTED = Set.of("epochs", "step_each_epoch");
    /** A number ast.literal_eval reads (an int or float literal, signed). */
    private static final Pattern PYTHON_NUMBER = Pattern.compile(
            "[-+]?(?:[0-9](?:_?[0-9])*(?:\\.(?:[0-9](?:_?[0-9])*)?)?|\\.[0-9](?:_?[0-9])*)(?:[eE][-+]?[0-9](?:_?[0-9])*)?"
                    + "|[-+]?0[xX](?:_?[0-9a-fA-F])+|[-+]?0[oO](?:_?[0-7])+|[-+]?0[bB](?:_?[01])+");

    @Override
    public String name() {
        return "paddleclas";
    }

    @Override
    public String title() {
        return "PaddleClas training config (tools/train.py -c)";
    }

    @Override
    public Optional<String> whereSchedulesAre() {
        return Optional.of("PaddleClas configs are read directly: lrsched explain --spec PPLCNet.yaml --run "
                + "dataset_size=N,num_devices=K (src/docs/configs/paddleclas.md); the types are paddleclas.*");
    }

    /** A YAML mapping with {@code Global.epochs} and an {@code Optimizer} mapping with an lr mapping, or a list. */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> mapping(m, "Global").filter(g -> g.get("epochs").isPresent())
                .isPresent() && m.get("Optimizer").filter(o -> o instanceof Node.ListNode
                        || o instanceof Node.MapNode om && mapping(om, "lr").isPresent()).isPresent());
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Location source = Location.of(document.source());
        Node.MapNode map = document.mapping().orElseThrow(() -> new InputException(source, "a PaddleClas config is "
                + "a mapping (Global: ..., Optimizer: ..., DataLoader: ...)"));
        Node.MapNode global = mapping(map, "Global").orElseThrow();
        Node optimizer = map.get("Optimizer").orElseThrow();
        if (!(optimizer instanceof Node.MapNode opt)) {
            throw new InputException(optimizer.location(), "Optimizer is a list of optimizers, one per scope, each "
                    + "with its own lr; lrsched reads a single Optimizer mapping: keep the scope to plot");
        }
        Node.MapNode lr = mapping(opt, "lr").orElseThrow();
        List<Imported.Fact> facts = new ArrayList<>();
        List<String> ignored = new ArrayList<>();

        Node.ScalarNode epochsNode = scalar(global, "epochs", "Global");
        long epochs = PyYaml.wholeNumber("Global.epochs", epochsNode);
        if (epochs < 1) {
            throw new InputException(epochsNode.location(), "Global.epochs " + epochs + ": PaddleClas trains the "
                    + "epochs range(1, epochs + 1), none here; give 1 or more");
        }
        Node nameNode = lr.get("name").orElseThrow(() -> new InputException(lr.location(), "Optimizer.lr has no "
                + "name: PaddleClas then passes the number learning_rate, which its train loop calls step() on "
                + "(AttributeError: 'float' object has no attribute 'step'); add name: ConstLR"));
        String type = "paddleclas." + className(nameNode);
        long perEpoch = stepEachEpoch(map, global, context, source, facts);
        TypeDef def = context.registry().find(type).orElseThrow();
        List<String> params = def.params().stream().map(Param::name).toList();
        ScheduleMapping s = new ScheduleMapping(lr.location(), type);
        for (Node.Entry e : lr.entries().values()) {
            String key = e.key();
            if (key.equals("name")) {
                continue;
            }
            if (INJECTED.contains(key)) {
                ignored.add("Optimizer.lr." + key + " (build_lr_scheduler replaces it with "
                        + (key.equals("epochs") ? "Global.epochs" : "iter_per_epoch // update_freq") + ")");
            } else if (!params.contains(key)) {
                ignored.add("Optimizer.lr." + key + " (swallowed by " + nameOf(type) + "'s **kwargs"
                        + Suggest.closest(key, params.stream().filter(p -> !INJECTED.contains(p)).toList())
                        .map(p -> "; did you mean " + p + "?").orElse("") + ")");
            } else {
                s.put(key, literal(key, e.value(), def.param(key).orElseThrow().kind()));
            }
        }
        if (params.contains("warmup_epoch")) {
            checkFloatWarmup(nameOf(type), lr, epochs);
        }
        if (params.contains("epochs")) {
            s.put("epochs", epochsNode.location(), epochs);
            s.put("step_each_epoch", source, perEpoch);
        }
        long steps = epochs * perEpoch;
        facts.add(new Imported.Fact("iterations", Long.toString(steps), Counts.of(epochs, "epoch") + " x "
                + Counts.of(perEpoch, "update")));
        if (params.contains("warmup_epoch")) {
            warmupFact(nameOf(type), lr, epochs, perEpoch).ifPresent(facts::add);
        }
        return new Imported(List.of(s.build()), OptionalLong.of(steps), facts, List.of(), ignored)
                .withUpdatesPerEpoch(perEpoch);
    }

    /**
     * Engine's step_each_epoch: iter_per_epoch (Global.iter_per_epoch when set, else len(train_dataloader), given or
     * counted as DistributedBatchSampler does) rounded down to a multiple of update_freq, divided by it.
     */
    private static long stepEachEpoch(Node.MapNode map, Node.MapNode global, ImportContext context, Location source,
                                      List<Imported.Fact> facts) {
        long iters;
        Optional<Node> fixed = global.get("iter_per_epoch").filter(v -> !(v instanceof Node.ScalarNode sv
                && (sv.kind() == Node.ScalarKind.NULL || sv.text().equals("0"))));
        if (fixed.isPresent()) {
            iters = PyYaml.wholeNumber("Global.iter_per_epoch", scalar(global, "iter_per_epoch", "Global"));
            facts.add(new Imported.Fact("iter_per_epoch", Long.toString(iters), "Global.iter_per_epoch"));
        } else if (context.facts().get(RunFacts.BATCHES_PER_EPOCH).isPresent()) {
            iters = context.facts().get(RunFacts.BATCHES_PER_EPOCH).getAsLong();
        } else {
            iters = loaderLength(map, context, source, facts);
        }
        if (iters < 1) {
            throw new InputException(source, "iter_per_epoch " + iters + ": PaddleClas would train no update per "
                    + "epoch; check Global.iter_per_epoch or --run batches_per_epoch");
        }
        long updateFreq = global.get("update_freq").isPresent()
                ? PyYaml.wholeNumber("Global.update_freq", scalar(global, "update_freq", "Global")) : 1;
        if (updateFreq < 1) {
            throw new InputException(global.get("update_freq").get().location(), "Global.update_freq " + updateFreq
                    + ": give 1 or more (the updates accumulate update_freq iterations)");
        }
        if (updateFreq == 1) {
            return iters;
        }
        long freq = iters < updateFreq ? 1 : updateFreq; // Engine: set to 1 when above iter_per_epoch
        long perEpoch = iters / freq;
        facts.add(new Imported.Fact("step_each_epoch", Long.toString(perEpoch), iters + " // " + freq
                + " (update_freq" + (freq != updateFreq ? " set to 1: above iter_per_epoch" : "") + ")"));
        return perEpoch;
    }

    /** len(train_dataloader) from DataLoader.Train.sampler and --run dataset_size[, num_devices]. */
    private static long loaderLength(Node.MapNode map, ImportContext context, Location source,
                                     List<Imported.Fact> facts) {
        Node.MapNode sampler = mapping(map, "DataLoader").flatMap(d -> mapping(d, "Train"))
                .flatMap(t -> mapping(t, "sampler")).orElseThrow(() -> new InputException(source, "the config has "
                        + "no DataLoader.Train.sampler to count len(train_dataloader) from; add --run "
                        + "batches_per_epoch=N"));
        Optional<Node> name = sampler.get("name");
        boolean distributed = name.isPresent();
        if (name.isPresent() && !(name.get() instanceof Node.ScalarNode n
                && n.text().equals("DistributedBatchSampler"))) {
            throw new InputException(name.get().location(), "DataLoader.Train.sampler " + name.get().describe()
                    + " batches the data its own way; add --run batches_per_epoch=N (the iterations PaddleClas logs "
                    + "per epoch)");
        }
        long n = context.facts().get(RunFacts.DATASET_SIZE).orElseThrow(() -> new InputException(source,
                "step_each_epoch is len(train_dataloader), which needs the training samples: add --run "
                        + "dataset_size=N[,num_devices=K], or --run batches_per_epoch=N"));
        // without a name build_dataloader hands batch_size to a DataLoader: one BatchSampler over the whole set
        long devices = distributed ? context.facts().get(RunFacts.NUM_DEVICES).orElse(1) : 1;
        Node.ScalarNode batchNode = scalar(sampler, "batch_size", "DataLoader.Train.sampler");
        long batch = PyYaml.wholeNumber("DataLoader.Train.sampler.batch_size", batchNode);
        if (batch < 1) {
            throw new InputException(batchNode.location(), "DataLoader.Train.sampler.batch_size " + batch + ": "
                    + "Paddle's batch samplers refuse it (AssertionError: batch_size should be a positive integer); "
                    + "give 1 or more");
        }
        boolean dropLast = false; // DistributedBatchSampler's default
        if (sampler.get("drop_last").isPresent() || !distributed) {
            Node.ScalarNode dropNode = scalar(sampler, "drop_last", "DataLoader.Train.sampler");
            dropLast = bool(dropNode).orElseThrow(() -> new InputException(dropNode.location(),
                    "DataLoader.Train.sampler.drop_last takes True or False, not " + dropNode.describe()
                            + " (the batch sampler asserts a bool)"));
        }
        return PaddleBatches.count(n, devices, batch, dropLast, "iter_per_epoch", source, facts);
    }

    /** The warmup LRBase derives: round(W * n) updates (half to even), or W epochs with by_epoch. */
    private static Optional<Imported.Fact> warmupFact(String name, Node.MapNode lr, long epochs, long perEpoch) {
        Optional<Node.ScalarNode> warmup = lr.get("warmup_epoch").filter(v -> v instanceof Node.ScalarNode)
                .map(v -> (Node.ScalarNode) v).filter(v -> PYTHON_NUMBER.matcher(v.text()).matches());
        if (warmup.isEmpty()) {
            return Optional.empty();
        }
        String text = warmup.get().text();
        double w = Math.min(lrsched.core.Numbers.parseReal(text.replace("_", "")).orElse(0), epochs);
        String clamped = w < Double.parseDouble(text.replace("_", "")) ? "min(" + text + ", " + epochs + ")" : text;
        boolean byEpoch = lr.get("by_epoch").filter(v -> v instanceof Node.ScalarNode b && bool(b).orElse(false))
                .isPresent();
        long rounded = Math.round(Math.rint(w * perEpoch));
        if (!byEpoch || name.equals("Linear")) {
            return Optional.of(new Imported.Fact(byEpoch ? "warmup epochs" : "warmup updates", Long.toString(rounded),
                    "round(" + clamped + " x " + perEpoch + ") (half to even" + (byEpoch ? "; Linear, by_epoch" : "")
                            + ")"));
        }
        return Optional.of(new Imported.Fact("warmup epochs", lrsched.core.DoubleFormat.formatCompact(w), clamped + " (by_epoch)"));
    }

    /**
     * A warmup_epoch written as a float ({@code 5.0}) stays a Python float: Cosine's T_max and Linear's decay_steps
     * become floats (unless the warmup is set to the int epochs), and with by_epoch so does LinearWarmup's
     * warmup_steps; Paddle refuses each. lrsched's numbers do not tell 5.0 from 5, so the text decides here.
     */
    private static void checkFloatWarmup(String name, Node.MapNode lr, long epochs) {
        Optional<Node.ScalarNode> warmup = lr.get("warmup_epoch").filter(v -> v instanceof Node.ScalarNode)
                .map(v -> (Node.ScalarNode) v).filter(v -> v.kind() == Node.ScalarKind.NUMBER
                        || v.kind() == Node.ScalarKind.STRING);
        if (warmup.isEmpty() || !PYTHON_NUMBER.matcher(warmup.get().text()).matches()
                || !warmup.get().text().matches("[^xX]*[.eE][^xX]*")) {
            return;
        }
        double w = Double.parseDouble(warmup.get().text().replace("_", ""));
        boolean byEpoch = lr.get("by_epoch").filter(v -> v instanceof Node.ScalarNode b && bool(b).orElse(false))
                .isPresent();
        String refusal = w >= epochs ? null : name.equals("Cosine") ? "TypeError: The type of 'T_max' in "
                + "'CosineAnnealingDecay' must be 'int', but received <class 'float'>."
                : name.equals("Linear") ? "AssertionError:  'decay_steps' must be a positive integer."
                : byEpoch && w > 0 ? "AssertionError:  'warmup_steps' must be a positive integer." : null;
        if (refusal != null) {
            throw new InputException(warmup.get().location(), "Optimizer.lr.warmup_epoch " + warmup.get().text()
                    + " is a Python float, which " + name + " passes on to Paddle" + (byEpoch ? " (by_epoch)" : "")
                    + ", and Paddle refuses it (" + refusal + "); write a whole number without a dot");
        }
    }

    /** The bool PyYAML reads ({@code True} is one; lrsched's YAML 1.2 reader has it as text). */
    private static Optional<Boolean> bool(Node.ScalarNode s) {
        return s.kind() == Node.ScalarKind.BOOLEAN ? Optional.of(Boolean.parseBoolean(s.text().toLowerCase(
                Locale.ROOT))) : s.kind() == Node.ScalarKind.STRING ? PyYaml.bool(s.text()) : Optional.empty();
    }

    /** The value as PaddleClas has it after parse_config: a string of a mapping through ast.literal_eval. */
    private static Node literal(String key, Node value, Param.Kind kind) {
        if (kind == Param.Kind.BOOLEAN && value instanceof Node.ScalarNode s) {
            return bool(s).map(b -> (Node) new Node.ScalarNode(s.location(), b.toString(), Node.ScalarKind.BOOLEAN))
                    .orElse(value);
        }
        if (value instanceof Node.ListNode list) {
            for (Node item : list.items()) {
                if (item instanceof Node.ScalarNode s && PyYaml.readAsText(s)) {
                    throw PyYaml.readAsText("Optimizer.lr." + key, s, "PaddleClas",
                            "parse_config's literal_eval does not reach into lists");
                }
            }
            return value;
        }
        if (!(value instanceof Node.ScalarNode s) || (kind != Param.Kind.REAL && kind != Param.Kind.INTEGER)
                || s.kind() != Node.ScalarKind.NUMBER && s.kind() != Node.ScalarKind.STRING) {
            return value;
        }
        if (!PYTHON_NUMBER.matcher(s.text()).matches()) {
            throw new InputException(s.location(), "Optimizer.lr." + key + " takes a number, not " + s.describe()
                    + " (PaddleClas's literal_eval leaves it a str)");
        }
        return new Node.ScalarNode(s.location(), s.text().replace("_", ""), Node.ScalarKind.NUMBER);
    }

    private static String className(Node name) {
        if (!(name instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
            throw new InputException(name.location(), "Optimizer.lr.name takes a class name of PaddleClas's "
                    + "learning_rate.py (Cosine, Piecewise, ...), not " + name.describe());
        }
        if (UNMODELLED.contains(s.text())) {
            throw new InputException(s.location(), "Optimizer.lr.name '" + s.text() + "': lrsched does not model "
                    + "PaddleClas's " + s.text() + " yet; it models " + String.join(", ", CLASSES));
        }
        if (!CLASSES.contains(s.text())) {
            List<String> all = new ArrayList<>(CLASSES);
            all.addAll(UNMODELLED);
            throw new InputException(s.location(), "Optimizer.lr.name '" + s.text() + "': PaddleClas's "
                    + "learning_rate.py has no such class (AttributeError)" + Suggest.didYouMean(s.text(), all)
                    + (Suggest.closest(s.text(), all).isPresent() ? "" : "; it has " + String.join(", ", all)));
        }
        return s.text();
    }

    private static String nameOf(String type) {
        return type.substring("paddleclas.".length());
    }

    private static Node.ScalarNode scalar(Node.MapNode map, String key, String where) {
        Node v = map.get(key).orElseThrow(() -> new InputException(map.location(), where + " has no " + key
                + ", which PaddleClas reads (KeyError); add it"));
        if (!(v instanceof Node.ScalarNode s)) {
            throw new InputException(v.location(), where + "." + key + " takes a single value, not "
                    + v.describe());
        }
        return s;
    }

}
