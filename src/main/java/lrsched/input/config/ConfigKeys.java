package lrsched.input.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;

/**
 * Typed reading of one mapping of a framework's config (timm's args.yaml, a torchtune recipe config), with the
 * framework's default for every key the file leaves out (or sets to null), remembered for {@code lrsched explain},
 * and the keys that were read, so that the others can be listed as ignored. Errors name the key's value in the file.
 */
public final class ConfigKeys {
    private final Node.MapNode map;
    private final String defaultsFrom;
    private final Set<String> read = new LinkedHashSet<>();
    private final List<String> defaults;

    /**
     * @param map          the mapping
     * @param defaultsFrom whose default a missing key takes, for explain ("train.py's default")
     * @param defaults     where the defaults used are listed
     */
    public ConfigKeys(Node.MapNode map, String defaultsFrom, List<String> defaults) {
        this.map = map;
        this.defaultsFrom = defaultsFrom;
        this.defaults = defaults;
    }

    /** The key's value unless missing or null. */
    public Optional<Node> value(String key) {
        read.add(key);
        return map.get(key).filter(v -> !(v instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL));
    }

    /** The key's scalar value unless missing or null. */
    public Optional<Node.ScalarNode> scalar(String key) {
        Optional<Node> v = value(key);
        if (v.isPresent() && !(v.get() instanceof Node.ScalarNode)) {
            throw new InputException(v.get().location(), key + " takes a single value, not " + v.get().describe());
        }
        return v.map(n -> (Node.ScalarNode) n);
    }

    /** Where the key's value stands, or (when the file leaves it out) the framework's default. */
    public Location at(String key) {
        Node.Entry e = map.entries().get(key);
        return e == null ? Location.of(defaultsFrom) : e.value().location();
    }

    /**
     * The number to put into a schedule for the key: its own value (checked to be a number), or the default located
     * at the mapping (and noted).
     */
    public Node.ScalarNode realNode(String key, double fallback) {
        double v = real(key, fallback);
        return scalar(key).orElseGet(() -> number(Location.of(defaultsFrom), DoubleFormat.format(v)));
    }

    /** As {@link #realNode} for a whole number. */
    public Node.ScalarNode integerNode(String key, long fallback) {
        long v = integer(key, fallback);
        return scalar(key).orElseGet(() -> number(Location.of(defaultsFrom), Long.toString(v)));
    }

    public double real(String key, double fallback) {
        Optional<Node.ScalarNode> s = scalar(key);
        if (s.isEmpty()) {
            noteDefault(key, DoubleFormat.format(fallback));
            return fallback;
        }
        OptionalDouble v = s.get().kind() == Node.ScalarKind.NUMBER ? Numbers.parseReal(s.get().text())
                : OptionalDouble.empty();
        if (v.isEmpty()) {
            throw new InputException(s.get().location(), key + " takes a number, not " + s.get().describe());
        }
        return v.getAsDouble();
    }

    public long integer(String key, long fallback) {
        Optional<Node.ScalarNode> s = scalar(key);
        if (s.isEmpty()) {
            noteDefault(key, Long.toString(fallback));
            return fallback;
        }
        return wholeNumber(key, s.get());
    }

    /** An integer the file may leave null (the framework's None), as empty. */
    public OptionalLong optionalInteger(String key) {
        Optional<Node.ScalarNode> s = scalar(key);
        return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(wholeNumber(key, s.get()));
    }

    public boolean bool(String key, boolean fallback) {
        Optional<Node.ScalarNode> s = scalar(key);
        if (s.isEmpty()) {
            noteDefault(key, fallback ? "true" : "false");
            return fallback;
        }
        // the frameworks read YAML 1.1 (PyYAML, OmegaConf), where yes/no and on/off are booleans too
        String text = s.get().text().toLowerCase(java.util.Locale.ROOT);
        boolean word = s.get().kind() == Node.ScalarKind.STRING && List.of("yes", "no", "on", "off").contains(text);
        if (s.get().kind() != Node.ScalarKind.BOOLEAN && !word) {
            throw new InputException(s.get().location(), key + " takes true or false, not " + s.get().describe());
        }
        return List.of("true", "yes", "on").contains(text);
    }

    public String text(String key, String fallback) {
        Optional<Node.ScalarNode> s = scalar(key);
        if (s.isEmpty()) {
            noteDefault(key, fallback.isEmpty() ? "''" : fallback);
            return fallback;
        }
        return s.get().text();
    }

    /** A list of whole numbers (a single number is not a list). */
    public long[] integers(String key, long[] fallback) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            List<String> shown = new ArrayList<>();
            for (long x : fallback) {
                shown.add(Long.toString(x));
            }
            noteDefault(key, "[" + String.join(", ", shown) + "]");
            return fallback;
        }
        if (!(v.get() instanceof Node.ListNode list)) {
            throw new InputException(v.get().location(), key + " takes a list of whole numbers, not "
                    + v.get().describe());
        }
        long[] out = new long[list.items().size()];
        for (int i = 0; i < out.length; i++) {
            Node item = list.items().get(i);
            if (!(item instanceof Node.ScalarNode s)) {
                throw new InputException(item.location(), key + " takes a list of whole numbers, not a list with "
                        + item.describe());
            }
            out[i] = wholeNumber(key, s);
        }
        return out;
    }

    /** The keys of the mapping that were never read, in file order. */
    public List<String> unread() {
        List<String> out = new ArrayList<>();
        for (String k : map.entries().keySet()) {
            if (!read.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Marks keys as read without reading them (they were looked at another way). */
    public void markRead(String... keys) {
        read.addAll(List.of(keys));
    }

    private void noteDefault(String key, String value) {
        String line = key + ": " + value + " (" + defaultsFrom + ")";
        if (!defaults.contains(line)) {
            defaults.add(line);
        }
    }

    private static long wholeNumber(String key, Node.ScalarNode s) {
        OptionalLong v = s.kind() == Node.ScalarKind.NUMBER ? Numbers.parseInteger(s.text()) : OptionalLong.empty();
        if (v.isEmpty()) {
            throw new InputException(s.location(), key + " takes a whole number, not " + s.describe());
        }
        return v.getAsLong();
    }

    /** Whether the document may be a YAML config: named .yaml or .yml, or read from standard input. */
    public static boolean yamlFile(lrsched.input.document.Document document) {
        String ext = document.extension();
        return ext.equals("yaml") || ext.equals("yml") || ext.isEmpty();
    }

    /** Whether {@code m} is no lrsched spec: it has neither {@code schedules:} nor {@code type:} at the top. */
    public static boolean notASpec(Node.MapNode m) {
        return m.get("schedules").isEmpty() && m.get("type").isEmpty();
    }

    /**
     * Whether the document is a framework's YAML config: a {@link #yamlFile YAML file} whose top mapping is
     * {@link #notASpec no lrsched spec} and has the framework's {@code keys}.
     */
    public static boolean yamlConfig(lrsched.input.document.Document document,
            java.util.function.Predicate<Node.MapNode> keys) {
        return yamlFile(document) && document.mapping().map(m -> notASpec(m) && keys.test(m)).orElse(false);
    }

    /** The mapping under {@code key} of {@code map}, if that key holds a mapping. */
    public static java.util.Optional<Node.MapNode> mapping(Node.MapNode map, String key) {
        return map.get(key).filter(v -> v instanceof Node.MapNode).map(v -> (Node.MapNode) v);
    }

    /** A number node at {@code at}. */
    public static Node.ScalarNode number(Location at, String text) {
        return new Node.ScalarNode(at, text, Node.ScalarKind.NUMBER);
    }
}
