package lrsched.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec as written: a tree of mappings, lists and scalars, each remembering where it stands in its source so that
 * errors can point at it. Independent of the parser that produced it.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

    Location location();

    /** A word for error messages: "a mapping", "a list", "the number 5", ... */
    String describe();

    /** One key of a mapping with the location of the key itself. */
    record Entry(String key, Location keyLocation, Node value) {}

    /**
     * A mapping with keys in source order, and the YAML tag written on it ({@code !PiecewiseDecay {...}}: the text
     * after the {@code !}), which formats that give tags a meaning read (PaddleDetection's classes); empty otherwise.
     */
    record MapNode(Location location, Map<String, Entry> entries, java.util.Optional<String> tag) implements Node {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** An untagged mapping. */
        public MapNode(Location location, Map<String, Entry> entries) {
            this(location, entries, java.util.Optional.empty());
        }

        public java.util.Optional<Node> get(String key) {
            Entry e = entries.get(key);
            return e == null ? java.util.Optional.empty() : java.util.Optional.of(e.value());
        }

        /** A copy with {@code key} set to {@code value} (replacing, or appended at the end). */
        public MapNode with(String key, Location keyLocation, Node value) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            copy.put(key, new Entry(key, keyLocation, value));
            return new MapNode(location, copy, tag);
        }

        /** A copy without {@code key}. */
        public MapNode without(String key) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            copy.remove(key);
            return new MapNode(location, copy, tag);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record ListNode(Location location, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** What the parser made of a scalar: YAML resolves unquoted numbers, booleans and null. */
    enum ScalarKind { STRING, NUMBER, BOOLEAN, NULL }

    record ScalarNode(Location location, String text, ScalarKind kind) implements Node {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "null";
                case STRING -> "the text '" + text + "'";
                case NUMBER -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
            };
        }
    }
}
