package lrsched.input.config.paddleseg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

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
import lrsched.input.config.PyYaml;
import lrsched.input.document.Document;
import lrsched.registry.Param;
import lrsched.registry.ScheduleMapping;
import lrsched.registry.TypeDef;

/**
 * A PaddleSeg training config (the YAML tools/train.py reads with {@code --config}): its {@code _base_} files merged
 * as paddleseg/cvlibs/config.py's parse_from_yaml and merge_config_dicts do, then {@code iters} and
 * {@code lr_scheduler}. SegBuilder.lr_scheduler (paddleseg/cvlibs/builder.py) builds the paddle.optimizer.lr class
 * {@code type} names with the other keys as its arguments (PolynomialDecay's decay_steps defaulting to iters, less
 * the warmup) and, with {@code warmup_iters}, wraps it in LinearWarmup from {@code warmup_start_lr} to
 * {@code learning_rate}: one {@code paddle.*} schedule, stepped once per iteration. The manual is
 * src/docs/configs/paddleseg.md.
 */
public final class PaddleSegFormat implements ConfigFormat {
    private static final String BASE = "_base_";
    private static final String INHERIT = "_inherited_";
    /** paddle.optimizer.lr classes a YAML mapping cannot build, or PaddleSeg's train loop steps otherwise. */
    private static final Map<String, String> NOT_FROM_YAML = Map.of(
            "LambdaDecay", "it needs a Python function (lr_lambda), which YAML cannot give",
            "MultiplicativeDecay", "it needs a Python function (lr_lambda), which YAML cannot give",
            "ReduceOnPlateau", "PaddleSeg's train loop steps it with the training loss, which lrsched does not have",
            "LRScheduler", "the base class has no schedule of its own");
    /** Keys of the top mapping that a PaddleSeg config has beside _base_. */
    private static final Set<String> SEG_KEYS = Set.of("iters", "lr_scheduler", "train_dataset", "val_dataset",
            "model", "loss");

    @Override
    public String name() {
        return "paddleseg";
    }

    @Override
    public String title() {
        return "PaddleSeg training config (tools/train.py --config; _base_, iters, lr_scheduler)";
    }

    @Override
    public Optional<String> whereSchedulesAre() {
        return Optional.of("PaddleSeg configs are read directly: lrsched plot --spec pp_liteseg.yml "
                + "(src/docs/configs/paddleseg.md); lr_scheduler becomes a paddle.* type");
    }

    /**
     * A YAML mapping with an {@code lr_scheduler} mapping (not fairseq's, which has {@code _name}) holding
     * {@code type} or beside {@code iters}, or with PaddleSeg's lower-case {@code _base_} beside one of iters,
     * lr_scheduler, train_dataset, val_dataset, model, loss (PaddleDetection and detectron2 write {@code _BASE_}).
     */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> m.get("lr_scheduler").filter(l -> l instanceof Node.MapNode s
                && s.get("_name").isEmpty() && (m.get("iters").isPresent() || s.get("type").isPresent())).isPresent()
                || m.get(BASE).isPresent() && SEG_KEYS.stream().anyMatch(k -> m.get(k).isPresent()));
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Location source = Location.of(document.source());
        List<Imported.Fact> facts = new ArrayList<>();
        Node.MapNode config = load(document, context, facts, 0);

        Node itersNode = config.get("iters").orElseThrow(() -> new InputException(source, "the config (with its "
                + "_base_ files) has no iters, which PaddleSeg refuses (No iters specified in the configuration "
                + "file.); add iters: N"));
        long iters = PyYaml.wholeNumber("iters", itersNode);
        if (iters < 1) {
            throw new InputException(itersNode.location(), "iters " + iters + ": PaddleSeg's train loop runs while "
                    + "iter < iters, no iteration here; give 1 or more");
        }
        Node lrNode = config.get("lr_scheduler").orElseThrow(() -> new InputException(source, "the config (with "
                + "its _base_ files) has no lr_scheduler, which PaddleSeg refuses (No lr_scheduler specified in the "
                + "configuration file.); add lr_scheduler: {type: PolynomialDecay, learning_rate: 0.01}"));
        if (!(lrNode instanceof Node.MapNode lr)) {
            throw new InputException(lrNode.location(), "lr_scheduler takes a mapping (type, learning_rate, ...), "
                    + "not " + lrNode.describe());
        }

        Optional<Node> warmupNode = lr.get("warmup_iters");
        long warmup = 0;
        Node startLr = null;
        Node endLr = null;
        if (warmupNode.isPresent()) {
            warmup = PyYaml.wholeNumber("lr_scheduler.warmup_iters", warmupNode.get());
            if (warmup < 1) {
                throw new InputException(warmupNode.get().location(), "lr_scheduler.warmup_iters " + warmup + ": "
                        + "Paddle's LinearWarmup refuses it (AssertionError: 'warmup_steps' must be a positive "
                        + "integer.); give 1 or more, or remove warmup_iters");
            }
            startLr = lr.get("warmup_start_lr").orElseThrow(() -> new InputException(warmupNode.get().location(),
                    "lr_scheduler.warmup_iters without warmup_start_lr: PaddleSeg refuses it (AssertionError: When "
                            + "use warmup, please set warmup_start_lr and warmup_iters in lr_scheduler); add "
                            + "warmup_start_lr"));
            checkNumber("lr_scheduler.warmup_start_lr", startLr, "Paddle's LinearWarmup fails on it (TypeError: "
                    + "'>' not supported between instances of 'float' and 'str')");
            endLr = lr.get("learning_rate").orElseThrow(() -> new InputException(lr.location(), "lr_scheduler "
                    + "has warmup_iters but no learning_rate, which PaddleSeg takes as the warmup's end_lr "
                    + "(KeyError: 'learning_rate'); add learning_rate"));
        }

        Node typeNode = lr.get("type").orElseThrow(() -> new InputException(lr.location(), "lr_scheduler has no "
                + "type (PaddleSeg pops it: KeyError: 'type'); add type: PolynomialDecay"));
        String cls = className(typeNode, context);
        TypeDef def = context.registry().find("paddle." + cls).orElseThrow();
        List<String> params = def.params().stream().map(Param::name).toList();
        ScheduleMapping decay = new ScheduleMapping(typeNode.location(), def.name());
        List<String> defaults = new ArrayList<>();
        for (Node.Entry e : lr.entries().values()) {
            String key = e.key();
            if (key.equals("type") || warmupNode.isPresent() && (key.equals("warmup_iters")
                    || key.equals("warmup_start_lr"))) {
                continue;
            }
            Optional<Param> param = def.param(key);
            if (param.isEmpty() || param.get().kind() == Param.Kind.EXPRESSION) {
                String refusal = param.isEmpty() ? "TypeError: " + cls + ".__init__() got an unexpected keyword "
                        + "argument '" + key + "'" : "a Python function, which YAML cannot give";
                throw new InputException(e.keyLocation(), "lr_scheduler." + key + ": PaddleSeg passes it to " + cls
                        + ", which refuses it (" + refusal + ")" + (param.isEmpty() ? Suggest.didYouMean(key,
                        params.stream().filter(p -> def.param(p).orElseThrow().kind() != Param.Kind.ANY).toList())
                        : "") + "; " + cls + " takes " + String.join(", ", params)
                        + (key.startsWith("warmup") ? " (a warmup is warmup_iters with warmup_start_lr)" : ""));
            }
            Param.Kind kind = param.get().kind();
            if (kind == Param.Kind.REAL || kind == Param.Kind.INTEGER || kind == Param.Kind.REAL_OR_SCHEDULE) {
                checkNumber("lr_scheduler." + key, e.value(), key.equals("learning_rate") ? "Paddle's LRScheduler "
                        + "refuses it (RuntimeError: Create " + cls + " has failed. Please check lr_scheduler in "
                        + "config. The error message: The type of learning rate must be float, but received <class "
                        + "'str'>)" : "PaddleSeg fails on it");
            }
            decay.put(key, e.value());
        }
        if (cls.equals("PolynomialDecay")) {
            if (lr.get("decay_steps").isEmpty()) {
                long steps = Math.max(iters - warmup, 1);
                decay.put("decay_steps", lr.location(), steps);
                facts.add(new Imported.Fact("decay_steps", Long.toString(steps), warmup > 0 ? "max(iters " + iters
                        + " - warmup_iters " + warmup + ", 1) (SegBuilder.lr_scheduler)"
                        : "max(iters " + iters + ", 1) (SegBuilder.lr_scheduler)"));
            }
            for (String key : List.of("end_lr", "power")) {
                if (lr.get(key).isEmpty()) {
                    defaults.add("lr_scheduler." + key + " (Paddle's PolynomialDecay default "
                            + def.param(key).orElseThrow().defaultText() + "; PaddleSeg no longer sets one)");
                }
            }
        }
        Node.MapNode schedule = decay.build();
        if (warmupNode.isPresent()) {
            schedule = new ScheduleMapping(warmupNode.get().location(), "paddle.LinearWarmup")
                    .put("learning_rate", schedule)
                    .put("warmup_steps", warmupNode.get())
                    .put("start_lr", startLr)
                    .put("end_lr", endLr)
                    .build();
        }
        facts.add(new Imported.Fact("iterations", Long.toString(iters), Counts.of(iters, "iteration")
                + " (iters), the scheduler stepped after each optimizer.step()"));
        return new Imported(List.of(schedule), OptionalLong.of(iters), facts, defaults, List.of());
    }

    /**
     * The file with its _base_ files merged under it, as parse_from_yaml: for each base in order, what is merged so
     * far over the base (merge_config_dicts), so an earlier base wins over a later one, and the file over all.
     */
    private static Node.MapNode load(Document document, ImportContext context, List<Imported.Fact> facts,
                                     int depth) {
        Location file = Location.of(document.source());
        Node.MapNode root = document.mapping().orElseThrow(() -> new InputException(file, "a PaddleSeg config is a "
                + "mapping (iters:, lr_scheduler:, _base_: ...)"));
        Optional<Node> base = root.get(BASE);
        if (base.isEmpty()) {
            return root;
        }
        List<Node> paths = base.get() instanceof Node.ListNode list ? list.items() : List.of(base.get());
        Node.MapNode merged = root.without(BASE);
        for (Node item : paths) {
            if (!(item instanceof Node.ScalarNode path) || path.kind() != Node.ScalarKind.STRING) {
                throw new InputException(item.location(), "_base_ takes a config file's path or a list of them, "
                        + "not " + item.describe());
            }
            Document parent = BaseFiles.follow(document, path, context, BASE, depth);
            facts.add(new Imported.Fact(BASE, parent.source(), "merged under " + document.source()
                    + " (parse_from_yaml: the file's keys, then earlier bases, win)"));
            merged = merge(merged, load(parent, context, facts, depth + 1));
        }
        return merged;
    }

    /**
     * merge_config_dicts(dic, base): {@code dic} with {@code _inherited_: false} replaces the base whole (that key
     * dropped); else each of its keys over the base's, recursing where the value is a mapping the base also has.
     */
    private static Node.MapNode merge(Node.MapNode dic, Node.MapNode base) {
        Optional<Node> inherit = dic.get(INHERIT);
        if (inherit.isPresent() && inherit.get() instanceof Node.ScalarNode s && falsy(s)) {
            return dic.without(INHERIT);
        }
        Map<String, Node.Entry> out = new LinkedHashMap<>(base.entries());
        for (Node.Entry e : dic.entries().values()) {
            Node.Entry old = out.get(e.key());
            if (e.value() instanceof Node.MapNode m && old != null) {
                if (!(old.value() instanceof Node.MapNode b)) {
                    throw new InputException(e.keyLocation(), e.key() + " is a mapping here but " + old.value()
                            .describe() + " in a _base_ file, which merge_config_dicts fails on; make them agree");
                }
                out.put(e.key(), new Node.Entry(e.key(), e.keyLocation(), merge(m, b)));
            } else {
                out.put(e.key(), e);
            }
        }
        return new Node.MapNode(dic.location(), out);
    }

    /**
     * What Python's {@code not value} takes for false, as PyYAML (YAML 1.1) resolves the scalar: false, False, FALSE,
     * no, off (lrsched's YAML 1.2 reader leaves most of them text), 0, 0.0, null or the empty text.
     */
    private static boolean falsy(Node.ScalarNode s) {
        return switch (s.kind()) {
            case NULL -> true;
            case NUMBER -> s.text().matches("[-+]?(0+|0*\\.0*([eE][-+]?\\d+)?)") && s.text().matches(".*\\d.*");
            default -> s.text().isEmpty() || s.text().matches("false|False|FALSE|no|No|NO|off|Off|OFF");
        };
    }

    /** The paddle.optimizer.lr class {@code type} names, if lrsched has it and a YAML mapping can build it. */
    private static String className(Node type, ImportContext context) {
        if (!(type instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
            throw new InputException(type.location(), "lr_scheduler.type takes the name of a paddle.optimizer.lr "
                    + "class (PolynomialDecay, CosineAnnealingDecay, ...), not " + type.describe());
        }
        String why = NOT_FROM_YAML.get(s.text());
        if (why != null) {
            throw new InputException(s.location(), "lr_scheduler.type " + s.text() + ": lrsched does not read it "
                    + "from a PaddleSeg config: " + why);
        }
        if (context.registry().find("paddle." + s.text()).isEmpty()) {
            List<String> classes = context.registry().types().stream().map(TypeDef::name)
                    .filter(n -> n.startsWith("paddle.")).map(n -> n.substring("paddle.".length()))
                    .filter(n -> !NOT_FROM_YAML.containsKey(n)).toList();
            throw new InputException(s.location(), "lr_scheduler.type '" + s.text() + "': PaddleSeg refuses it "
                    + "(RuntimeError: Create " + s.text() + " has failed. Please check lr_scheduler in config. The "
                    + "error message: module 'paddle.optimizer.lr' has no attribute '" + s.text() + "')"
                    + Suggest.didYouMean(s.text(), classes) + "; lrsched reads " + String.join(", ", classes));
        }
        return s.text();
    }

    /** A number as PyYAML reads it: {@code 1e-3} (no dot) is the text '1e-3' there. */
    private static void checkNumber(String where, Node value, String fails) {
        if (!(value instanceof Node.ScalarNode s)) {
            if (value instanceof Node.MapNode) {
                throw new InputException(value.location(), where + " takes a number, not " + value.describe()
                        + " (PaddleSeg passes a mapping on as a dict)");
            }
            return;
        }
        if (PyYaml.readAsText(s)) {
            throw PyYaml.readAsText(where, s, "PaddleSeg", fails);
        }
        if (s.kind() == Node.ScalarKind.STRING) {
            throw new InputException(s.location(), where + " takes a number, not " + s.describe() + "; " + fails);
        }
    }

}
