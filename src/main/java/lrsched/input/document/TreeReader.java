package lrsched.input.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads YAML or JSON text into a {@link Node} tree that keeps every value's line and column. Duplicate keys are
 * refused (Jackson would silently keep the last one). A YAML alias ({@code *name}) stands for the value anchored
 * before it ({@code &name}), as PyYAML reads it (PaddleDetection's reader files use them): Jackson's
 * anchor-replaying parser repeats the anchored value's events there, and merges a {@code <<: *name} mapping; at
 * most {@value #MAX_TOKENS} tokens are read from one document, so an alias bomb is refused at once.
 */
public final class TreeReader {
    /** Tokens one YAML document may expand to (a 4 MiB spec has fewer); aliases count each time they repeat. */
    static final long MAX_TOKENS = 2_000_000;
    private static final YAMLFactory YAML = YAMLAnchorReplayingFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(MAX_TOKENS).build()).build();
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private TreeReader() {}

    /** Parses {@code text}; JSON when {@code json} is true, YAML otherwise. Empty documents give null. */
    public static java.util.Optional<Node> read(String source, String text, boolean json) {
        try (JsonParser parser = json
                ? JSON.createParser(ObjectReadContext.empty(), text)
                : YAML.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return java.util.Optional.empty();
            }
            Node node = readValue(source, parser, List.of(), Location.of(source),
                    (p, path, key, around) -> location(source, p.currentTokenLocation()));
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw new InputException(location(source, parser.currentTokenLocation()),
                        "unexpected content after the end of the document; a spec holds one document");
            }
            return java.util.Optional.of(node);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            if (!json) {
                YamlSlips.explain(source, text, at == null ? Integer.MAX_VALUE : at.getLineNr(),
                        e.getOriginalMessage()).ifPresent(slip -> {
                            throw slip;
                        });
            }
            String what = firstLine(e.getOriginalMessage());
            Location where = at == null ? Location.of(source) : location(source, at);
            if (e instanceof StreamConstraintsException) {
                throw new InputException(where, "the document expands to more than " + String.format(
                        java.util.Locale.ROOT, "%,d", MAX_TOKENS) + " values (through its YAML aliases, *name, or its "
                        + "size): " + what + "; write the values out once instead");
            }
            if (what.startsWith("invalid alias: ")) {
                String name = what.substring("invalid alias: ".length());
                throw new InputException(aliasAt(source, text, where, name), "the YAML alias *" + name
                        + " has no anchor &" + name + " before it (an alias repeats a value anchored earlier in the "
                        + "same file); anchor the value first, or write it out");
            }
            throw new InputException(where, "invalid " + (json ? "JSON" : "YAML") + ": " + what);
        }
    }

    /**
     * Where the alias {@code *name} that the parser refused stands: its first use at or after the place the parser
     * reports (Jackson reports where it stopped, before the alias), or that place.
     */
    private static Location aliasAt(String source, String text, Location reported, String name) {
        String[] lines = text.split("\n", -1);
        java.util.regex.Pattern alias = java.util.regex.Pattern.compile("\\*" + java.util.regex.Pattern.quote(name)
                + "(?![^\\s,\\[\\]{}])");
        for (int line = Math.max(1, reported.line()); line <= lines.length; line++) {
            java.util.regex.Matcher m = alias.matcher(lines[line - 1]);
            int from = line == reported.line() ? Math.max(0, reported.column() - 1) : 0;
            if (m.find(Math.min(from, lines[line - 1].length()))) {
                return new Location(source, line, m.start() + 1);
            }
        }
        return reported;
    }

    /** Reads a single flag value ({@code 3e-4}, {@code [30, 60]}) as a YAML scalar or flow collection. */
    public static Node readFlagValue(String source, String text, int column) {
        if (text.isEmpty()) {
            return new Node.ScalarNode(new Location(source, 1, column), "", Node.ScalarKind.STRING);
        }
        Node parsed = read(source, text, false).orElse(
                new Node.ScalarNode(new Location(source, 1, column), text, Node.ScalarKind.NULL));
        return shift(parsed, column - 1);
    }

    private static Node shift(Node node, int offset) {
        if (node instanceof Node.ScalarNode s) {
            return new Node.ScalarNode(s.location().shifted(offset), s.text(), s.kind());
        }
        if (node instanceof Node.ListNode l) {
            return new Node.ListNode(l.location().shifted(offset),
                    l.items().stream().map(n -> shift(n, offset)).toList());
        }
        Node.MapNode m = (Node.MapNode) node;
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        m.entries().forEach((k, e) -> entries.put(k,
                new Node.Entry(k, e.keyLocation().shifted(offset), shift(e.value(), offset))));
        return new Node.MapNode(m.location().shifted(offset), entries, m.tag());
    }

    /**
     * Where a key or value lies. YAML and JSON parsers give each token's location; Jackson's TOML parser gives none,
     * so TOML positions are looked up by the value's path (keys, and {@code #i} for the i-th item of a list).
     */
    interface Locator {
        /** The location of the current token, a key when {@code key}; {@code around} is its parent's. */
        Location locate(JsonParser p, List<String> path, boolean key, Location around);
    }

    /** The tree of the value at the parser's current token. */
    static Node readValue(String source, JsonParser p, List<String> path, Location around, Locator locator) {
        Location at = locator.locate(p, path, false, around);
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                // a YAML tag on the mapping (!PiecewiseDecay), kept for the formats that read it
                String tag = p instanceof YAMLParser y ? y.getTypeId() : null;
                Map<String, Node.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    List<String> child = append(path, key);
                    Location keyAt = locator.locate(p, child, true, at);
                    p.nextToken();
                    Node value = readValue(source, p, child, keyAt, locator);
                    Node.Entry previous = entries.put(key, new Node.Entry(key, keyAt, value));
                    if (previous != null) {
                        throw new InputException(keyAt, "duplicate key '" + key + "' (first at line "
                                + previous.keyLocation().line() + "); keep only one");
                    }
                }
                return new Node.MapNode(at, entries, java.util.Optional.ofNullable(tag).filter(t -> !t.isEmpty()));
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(source, p, append(path, "#" + items.size()), at, locator));
                }
                return new Node.ListNode(at, items);
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node.ScalarNode(at, p.getString(), Node.ScalarKind.NUMBER);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.ScalarNode(at, p.getString(), Node.ScalarKind.BOOLEAN);
            case VALUE_NULL:
                return new Node.ScalarNode(at, "null", Node.ScalarKind.NULL);
            case VALUE_STRING:
                return new Node.ScalarNode(at, p.getString(), Node.ScalarKind.STRING);
            default:
                throw new InputException(at, "unsupported YAML content (" + token + "); use plain mappings, "
                        + "lists, numbers and text");
        }
    }

    /** {@code path} and then {@code key}, a new list. */
    static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path.size() + 1);
        longer.addAll(path);
        longer.add(key);
        return longer;
    }

    static Location location(String source, TokenStreamLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return Location.of(source);
        }
        return new Location(source, at.getLineNr(), Math.max(1, at.getColumnNr()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        // SnakeYAML's messages span lines: "while parsing X", " in reader, line 1", "expected Y, but got Z", a caret
        String text = message.strip().lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("in ") && !l.startsWith("at ") && !l.startsWith("^")
                        && !l.startsWith("line ") && !l.contains("Source:"))
                .reduce((a, b) -> a + "; " + b).orElse(message);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
