package lrsched.input.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.dataformat.toml.TomlFactory;

/**
 * Reads TOML text into a {@link Node} tree with a line and column per key and value.
 *
 * <p>Jackson's TOML parser checks the syntax and gives the values (integers and floats stay apart: {@code 50} is an
 * integer, {@code 50.0} a float, whose text always shows a point, an exponent or "Infinity"/"NaN"). Its syntax errors carry the
 * lexer's line and column, but it builds its own tree before it hands out tokens, so the tokens carry no location;
 * the positions come from a second pass over the text, once Jackson has accepted it, that finds each key (of a
 * table header, a {@code key = value} line or an inline table), each value and each array item.
 */
final class TomlReader {
    private static final TomlFactory TOML = TomlFactory.builder().build();

    private TomlReader() {}

    /** Parses {@code text}; a document without keys gives empty. */
    static Optional<Node> read(String source, String text) {
        try (JsonParser parser = TOML.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            Map<List<String>, int[]> positions = new Scanner(text).scan();
            Node root = TreeReader.readValue(source, parser, List.of(), new Location(source, 1, 1),
                    (p, path, key, around) -> locate(source, positions.get(path), key ? 0 : 2, around));
            return root instanceof Node.MapNode m && m.entries().isEmpty() ? Optional.empty() : Optional.of(root);
        } catch (JacksonException e) {
            String what = e.getOriginalMessage() == null ? "unreadable input" : e.getOriginalMessage().strip();
            Location where = TreeReader.location(source, e.getLocation());
            throw new InputException(where, "invalid TOML: " + what + "; check the syntax at this place");
        }
    }

    private static Location locate(String source, int[] position, int offset, Location fallback) {
        return position == null ? fallback : new Location(source, position[offset], position[offset + 1]);
    }

    /**
     * Finds where each key and value of an accepted TOML text starts: path (keys, and {@code #i} for the i-th item
     * of an array or of an array of tables) to {key line, key column, value line, value column}.
     */
    private static final class Scanner {
        private final String s;
        private int i;
        private int line = 1;
        private int lineStart;
        private final Map<List<String>, int[]> found = new HashMap<>();
        private final Map<List<String>, Integer> tableArrays = new HashMap<>();

        Scanner(String text) {
            this.s = text;
        }

        Map<List<String>, int[]> scan() {
            try {
                List<String> table = List.of();
                while (true) {
                    skipBlank(true);
                    if (i >= s.length()) {
                        break;
                    }
                    if (peek() == '[') {
                        table = header();
                    } else {
                        keyValue(table);
                    }
                }
            } catch (RuntimeException e) {
                // Jackson accepted the text; a construct this pass does not know leaves later values at their
                // parent's position rather than failing the read
            }
            return found;
        }

        private List<String> header() {
            int[] at = {line, column()};
            boolean array = s.startsWith("[[", i);
            i += array ? 2 : 1;
            List<String> parts = keyParts();
            skipBlank(false);
            i += array ? 2 : 1;
            List<String> path = new ArrayList<>();
            for (int k = 0; k < parts.size(); k++) {
                path.add(parts.get(k));
                List<String> sofar = List.copyOf(path);
                boolean last = k == parts.size() - 1;
                if (last && array) {
                    int index = tableArrays.merge(sofar, 1, Integer::sum) - 1;
                    found.putIfAbsent(sofar, new int[] {at[0], at[1], at[0], at[1]});
                    path.add("#" + index);
                } else if (tableArrays.containsKey(sofar)) {
                    path.add("#" + (tableArrays.get(sofar) - 1));
                }
                if (!last) {
                    found.putIfAbsent(List.copyOf(path), new int[] {at[0], at[1], at[0], at[1]});
                }
            }
            found.put(List.copyOf(path), new int[] {at[0], at[1], at[0], at[1]});
            return List.copyOf(path);
        }

        private void keyValue(List<String> table) {
            int keyLine = line;
            int keyColumn = column();
            List<String> path = new ArrayList<>(table);
            List<String> parts = keyParts();
            for (int k = 0; k < parts.size() - 1; k++) {
                path.add(parts.get(k));
                found.putIfAbsent(List.copyOf(path), new int[] {keyLine, keyColumn, keyLine, keyColumn});
            }
            path.add(parts.get(parts.size() - 1));
            skipBlank(false);
            i++; // '='
            skipBlank(false);
            List<String> key = List.copyOf(path);
            found.put(key, new int[] {keyLine, keyColumn, line, column()});
            value(key);
        }

        private void value(List<String> path) {
            char c = peek();
            if (c == '"' || c == '\'') {
                string();
            } else if (c == '[') {
                i++;
                for (int index = 0; ; index++) {
                    skipBlank(true);
                    if (peek() == ']' || i >= s.length()) {
                        i++;
                        return;
                    }
                    List<String> item = TreeReader.append(path, "#" + index);
                    found.put(item, new int[] {line, column(), line, column()});
                    value(item);
                    skipBlank(true);
                    if (peek() == ',') {
                        i++;
                    }
                }
            } else if (c == '{') {
                i++;
                while (true) {
                    skipBlank(false);
                    if (peek() == '}' || i >= s.length()) {
                        i++;
                        return;
                    }
                    keyValue(path);
                    skipBlank(false);
                    if (peek() == ',') {
                        i++;
                    }
                }
            } else {
                // numbers, booleans, dates (which may hold a space): up to the next delimiter
                while (i < s.length() && ",]}#\r\n".indexOf(peek()) < 0) {
                    i++;
                }
            }
        }

        private List<String> keyParts() {
            List<String> parts = new ArrayList<>();
            while (true) {
                skipBlank(false);
                char c = peek();
                if (c == '"' || c == '\'') {
                    int start = i;
                    string();
                    parts.add(unquote(s.substring(start, i)));
                } else {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
                        i++;
                    }
                    parts.add(s.substring(start, i));
                }
                skipBlank(false);
                if (peek() != '.') {
                    return parts;
                }
                i++;
            }
        }

        /** Skips a string of any of TOML's four kinds, the position at its opening quote. */
        private void string() {
            char q = peek();
            boolean multi = s.startsWith(String.valueOf(q).repeat(3), i);
            i += multi ? 3 : 1;
            while (i < s.length()) {
                char c = peek();
                if (c == '\\' && q == '"') {
                    advance();
                    advance();
                } else if (c == q && (!multi || s.startsWith(String.valueOf(q).repeat(3), i))) {
                    i += multi ? 3 : 1;
                    while (multi && peek() == q) { // up to two quotes may end the content
                        i++;
                    }
                    return;
                } else {
                    advance();
                }
            }
        }

        private static String unquote(String quoted) {
            String body = quoted.substring(1, quoted.length() - 1);
            if (quoted.charAt(0) == '\'') {
                return body;
            }
            StringBuilder out = new StringBuilder();
            for (int k = 0; k < body.length(); k++) {
                char c = body.charAt(k);
                if (c != '\\' || k + 1 >= body.length()) {
                    out.append(c);
                    continue;
                }
                char e = body.charAt(++k);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u', 'U' -> {
                        int len = e == 'u' ? 4 : 8;
                        out.appendCodePoint(Integer.parseInt(body.substring(k + 1, k + 1 + len), 16));
                        k += len;
                    }
                    default -> out.append(e);
                }
            }
            return out.toString();
        }

        /** Skips spaces and tabs, and with {@code lines} also newlines and comments. */
        private void skipBlank(boolean lines) {
            while (i < s.length()) {
                char c = peek();
                if (c == ' ' || c == '\t' || c == '\r') {
                    i++;
                } else if (lines && c == '\n') {
                    advance();
                } else if (lines && c == '#') {
                    while (i < s.length() && peek() != '\n') {
                        i++;
                    }
                } else {
                    return;
                }
            }
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void advance() {
            if (i < s.length() && s.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
            i++;
        }

        private int column() {
            return i - lineStart + 1;
        }
    }
}
