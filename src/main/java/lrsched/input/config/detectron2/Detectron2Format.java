package lrsched.input.config.detectron2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;

/**
 * A detectron2 yacs config (YAML, as in detectron2's configs/): its SOLVER keys become a
 * {@code detectron2.build_lr_scheduler} schedule. {@code _BASE_} files are merged first, the file's own keys over
 * theirs (CfgNode.load_yaml_with_base), and a tuple written as a string ({@code STEPS: (210000, 250000)}), which yacs
 * turns into a tuple with literal_eval, is read as a list. src/docs/configs/detectron2.md is its manual.
 */
public final class Detectron2Format implements ConfigFormat {
    private static final Set<String> SOLVER_KEYS = Set.of("LR_SCHEDULER_NAME", "BASE_LR", "BASE_LR_END", "MAX_ITER",
            "STEPS", "GAMMA", "NUM_DECAYS", "WARMUP_FACTOR", "WARMUP_ITERS", "WARMUP_METHOD", "RESCALE_INTERVAL");
    private static final int MAX_BASES = 32;

    @Override
    public String name() {
        return "detectron2";
    }

    @Override
    public String title() {
        return "detectron2 yacs config (YAML: SOLVER, _BASE_)";
    }

    @Override
    public Optional<String> whereSchedulesAre() {
        return Optional.of("detectron2 configs build detectron2.build_lr_scheduler from their SOLVER keys (lrsched "
                + "types detectron2)");
    }

    /** A YAML mapping without lrsched's keys, with a SOLVER mapping or a _BASE_ beside MODEL or SOLVER. */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> m.get("SOLVER").filter(n -> n instanceof Node.MapNode).isPresent()
                || m.get("_BASE_").isPresent() && m.get("MODEL").isPresent());
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Map<String, Node.Entry> solver = new LinkedHashMap<>();
        List<Imported.Fact> facts = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        merge(document, context, solver, facts, ignored, 0);
        Location at = Location.of(document.source());
        Map<String, Node.Entry> schedule = new LinkedHashMap<>();
        schedule.put("type", new Node.Entry("type", at, new Node.ScalarNode(at, "detectron2.build_lr_scheduler",
                Node.ScalarKind.STRING)));
        schedule.put("SOLVER", new Node.Entry("SOLVER", at, new Node.MapNode(at, solver)));
        long maxIter = 40000; // config/defaults.py
        Node.Entry max = solver.get("MAX_ITER");
        if (max != null && max.value() instanceof Node.ScalarNode s && s.text().matches("\\d{1,18}")) {
            maxIter = Long.parseLong(s.text());
        }
        List<String> defaults = new ArrayList<>();
        for (String key : SOLVER_KEYS.stream().sorted().toList()) {
            if (!solver.containsKey(key)) {
                defaults.add("SOLVER." + key);
            }
        }
        return new Imported(List.of(new Node.MapNode(at, schedule)), OptionalLong.of(maxIter), facts, defaults,
                ignored);
    }

    /** The SOLVER keys of the file's _BASE_ chain, then the file's own over them. */
    private static void merge(Document document, ImportContext context, Map<String, Node.Entry> solver,
                              List<Imported.Fact> facts, List<String> ignored, int depth) {
        Location file = Location.of(document.source());
        Node.MapNode root = document.mapping().orElseThrow(() -> new InputException(file, "a detectron2 config is a "
                + "mapping with SOLVER: (and _BASE_:) keys"));
        Optional<Node> base = root.get("_BASE_");
        if (base.isPresent()) {
            if (!(base.get() instanceof Node.ScalarNode path) || path.kind() != Node.ScalarKind.STRING) {
                throw new InputException(base.get().location(), "_BASE_ must be the path of a config file, not "
                        + base.get().describe());
            }
            if (depth >= MAX_BASES) {
                throw new InputException(path.location(), "_BASE_ files nest more than " + MAX_BASES + " deep; "
                        + "a file includes itself?");
            }
            Document parent = context.follow(document, path);
            facts.add(new Imported.Fact("_BASE_", parent.source(), "merged first, this file's keys over it "
                    + "(CfgNode.load_yaml_with_base)"));
            merge(parent, context, solver, facts, ignored, depth + 1);
        }
        Optional<Node> own = root.get("SOLVER");
        if (own.isPresent() && own.get() instanceof Node.MapNode m) {
            for (Node.Entry e : m.entries().values()) {
                if (SOLVER_KEYS.contains(e.key())) {
                    solver.put(e.key(), new Node.Entry(e.key(), e.keyLocation(), tuple(e.value())));
                } else if (!ignored.contains("SOLVER." + e.key())) {
                    ignored.add("SOLVER." + e.key());
                }
            }
        } else if (own.isPresent()) {
            throw new InputException(own.get().location(), "SOLVER must be a mapping of the solver's keys, not "
                    + own.get().describe());
        }
        for (String k : root.entries().keySet()) {
            if (!k.equals("SOLVER") && !k.equals("_BASE_") && !ignored.contains(k)) {
                ignored.add(k);
            }
        }
    }

    /** yacs' literal_eval of a string such as "(210000, 250000)" or "(30000,)": a list of its numbers. */
    private static Node tuple(Node value) {
        if (!(value instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING
                || !s.text().strip().matches("\\(\\s*([-+.\\deE]+\\s*,\\s*)*([-+.\\deE]+\\s*)?\\)")) {
            return value;
        }
        String inner = s.text().strip();
        inner = inner.substring(1, inner.length() - 1);
        List<Node> items = new ArrayList<>();
        for (String part : inner.split(",")) {
            if (!part.isBlank()) {
                items.add(new Node.ScalarNode(s.location(), part.strip(), Node.ScalarKind.NUMBER));
            }
        }
        return new Node.ListNode(s.location(), items);
    }
}
