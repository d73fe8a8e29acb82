package lrsched.input.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;

/**
 * OmegaConf's {@code ${...}} references inside a Hydra/OmegaConf config (fairseq, NeMo), resolved as
 * {@code OmegaConf.to_container(cfg, resolve=True)} resolves them on the whole config: a value written as {@code
 * ${optimization.max_update}} is the node at that absolute path. A path the file does not write falls back to the
 * framework's default where lrsched knows it (fairseq's {@code optimization.lr} is [0.25]). Resolvers
 * ({@code ${env:HOME}}, {@code ${oc.env:...}}) and references inside longer text are refused: lrsched cannot know the
 * environment, and a text is no learning rate. Relative references ({@code ${..key}}, OmegaConf 2.1+) are resolved
 * where the framework's OmegaConf has them (NeMo) and refused where it does not (fairseq pins omegaconf < 2.1).
 */
public final class Interpolations {
    private static final Pattern WHOLE = Pattern.compile("\\$\\{([^${}]*)}");

    private final Node.MapNode root;
    private final Map<String, String> defaults;
    /** What was resolved, for explain: "lr_scheduler.lr = ${optimization.lr}". */
    private final Set<String> resolved = new LinkedHashSet<>();

    private final String framework;
    private final boolean relative;

    /**
     * @param root      the whole config
     * @param defaults  the framework's defaults for paths a file may leave out, as YAML flow text ("[0.25]", "0")
     * @param framework the framework's name, for messages ("fairseq")
     * @param relative  whether its OmegaConf resolves relative references ({@code ${..key}}: 2.1 and later)
     */
    public Interpolations(Node.MapNode root, Map<String, String> defaults, String framework, boolean relative) {
        this.root = root;
        this.defaults = defaults;
        this.framework = framework;
        this.relative = relative;
    }

    /** The references resolved so far, as "path = ${target}". */
    public List<String> resolved() {
        return new ArrayList<>(resolved);
    }

    /** The node at a dotted path, references resolved, or empty when the file does not write it. */
    public Optional<Node> at(String path) {
        return find(path).map(n -> resolve(n, path, new LinkedHashSet<>()));
    }

    /** The value standing at {@code path}, references resolved; a list's items are resolved too. */
    public Node resolve(Node node, String path) {
        return resolve(node, path, new LinkedHashSet<>());
    }

    private Node resolve(Node node, String path, Set<String> seen) {
        if (node instanceof Node.ListNode list) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                items.add(resolve(list.items().get(i), path + "." + i, new LinkedHashSet<>(seen)));
            }
            return new Node.ListNode(list.location(), items);
        }
        if (!(node instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING || !s.text().contains("${")) {
            return node;
        }
        Matcher m = WHOLE.matcher(s.text().strip());
        if (!m.matches()) {
            throw new InputException(s.location(), "'" + s.text() + "' puts a reference inside a text; lrsched "
                    + "resolves only whole values such as ${optimization.lr}: write the number");
        }
        String reference = m.group(1).strip();
        if (reference.contains(":")) {
            throw new InputException(s.location(), "'" + s.text() + "' calls an OmegaConf resolver, which reads "
                    + "the machine " + framework + " runs on; write the value it gives there");
        }
        if (reference.startsWith(".") && !relative) {
            throw new InputException(s.location(), "'" + s.text() + "' is a relative reference, which the OmegaConf "
                    + framework + " requires (< 2.1) does not have; write the absolute path, e.g. "
                    + "${optimization.max_update}");
        }
        String target = reference.startsWith(".") ? absolute(path, reference, s) : reference;
        if (!seen.add(target)) {
            throw new InputException(s.location(), "'" + s.text() + "' refers back to itself (through "
                    + String.join(" -> ", seen) + "); write the value");
        }
        resolved.add(path + " = ${" + reference + "}");
        Optional<Node> found = find(target);
        if (found.isPresent()) {
            return resolve(found.get(), target, seen);
        }
        String fallback = defaults.get(target);
        if (fallback == null) {
            throw new InputException(s.location(), "'" + s.text() + "' names '" + target + "', which the file "
                    + "does not set (OmegaConf's InterpolationKeyError); set it or write the value");
        }
        return parseDefault(fallback, s.location());
    }

    /**
     * OmegaConf's relative reference: one dot is the container of the value at {@code path}, each further dot its
     * parent.
     */
    private static String absolute(String path, String reference, Node.ScalarNode at) {
        int dots = 0;
        while (dots < reference.length() && reference.charAt(dots) == '.') {
            dots++;
        }
        List<String> base = new ArrayList<>(List.of(path.split("\\.")));
        base.remove(base.size() - 1); // the container of the value
        for (int up = 1; up < dots; up++) {
            if (base.isEmpty()) {
                throw new InputException(at.location(), "'" + at.text() + "' climbs above the top of the config "
                        + "(from " + path + "); write the absolute path");
            }
            base.remove(base.size() - 1);
        }
        String rest = reference.substring(dots);
        return base.isEmpty() ? rest : String.join(".", base) + (rest.isEmpty() ? "" : "." + rest);
    }

    private Optional<Node> find(String path) {
        Node at = root;
        for (String key : path.split("\\.")) {
            if (at instanceof Node.MapNode map) {
                Optional<Node> next = map.get(key);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                at = next.get();
            } else if (at instanceof Node.ListNode list && key.matches("\\d+")
                    && Integer.parseInt(key) < list.items().size()) {
                at = list.items().get(Integer.parseInt(key));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(at);
    }

    /** A default written as "[0.25]", "0", "false" or "-1.0", located where the reference was. */
    public static Node parseDefault(String text, Location at) {
        if (text.startsWith("[")) {
            List<Node> items = new ArrayList<>();
            for (String item : text.substring(1, text.length() - 1).split(",")) {
                items.add(parseDefault(item.strip(), at));
            }
            return new Node.ListNode(at, items);
        }
        Node.ScalarKind kind = text.equals("true") || text.equals("false") ? Node.ScalarKind.BOOLEAN
                : Node.ScalarKind.NUMBER;
        return new Node.ScalarNode(at, text, kind);
    }
}
