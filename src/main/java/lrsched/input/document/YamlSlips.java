package lrsched.input.document;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lrsched.core.InputException;
import lrsched.core.Location;

/**
 * Says the common YAML indentation slips in plain words. SnakeYAML reports them in its grammar's terms ("while
 * parsing a block collection ... expected &lt;block end&gt;, but found '&lt;block mapping start&gt;'"); here the
 * document's lines around the error are read again to name what is misaligned: a tab in the indentation, a key
 * indented differently from the key above it, a list item indented differently from the item above it.
 */
final class YamlSlips {
    /** A line's indentation, any list dashes, and a plain key before {@code :} when there is one. */
    private static final Pattern LINE = Pattern.compile(
            "^( *)((?:- +)*)(?:([^\\s#'\"\\[{:-][^:#]*?|\"[^\"]*\"|'[^']*'):(?: |$))?");

    /** SnakeYAML's messages for the slips translated here; anything else keeps its own message. */
    private static final List<String> INDENTATION_ERRORS = List.of("expected <block end>",
            "mapping values are not allowed here", "could not find expected ':'");

    private YamlSlips() {}

    /**
     * The slip behind a YAML error at {@code errorLine} (1-based) whose parser message is {@code message}, when it
     * is one of the common ones; empty otherwise.
     */
    static Optional<InputException> explain(String source, String text, int errorLine, String message) {
        List<String> lines = text.lines().toList();
        Optional<InputException> tab = tab(source, lines, errorLine);
        if (tab.isEmpty() && message != null && message.contains("(TAB)") && errorLine <= lines.size()) {
            // a tab between tokens, where SnakeYAML takes none (before a flow collection, say)
            int column = lines.get(errorLine - 1).indexOf('\t');
            if (column >= 0) {
                tab = Optional.of(new InputException(new Location(source, errorLine, column + 1),
                        "a tab separates here; YAML separates with spaces"));
            }
        }
        if (tab.isPresent() || message == null
                || INDENTATION_ERRORS.stream().noneMatch(message::contains)) {
            return tab;
        }
        int at = Math.min(errorLine, lines.size()) - 1;
        while (at >= 0 && isBlank(lines.get(at))) {
            at--;
        }
        if (at <= 0) {
            return Optional.empty();
        }
        Line slipped = Line.of(lines.get(at));
        Line above = null;
        for (int i = at - 1; i >= 0 && above == null; i--) {
            if (!isBlank(lines.get(i))) {
                above = Line.of(lines.get(i));
            }
        }
        if (above == null) {
            return Optional.empty();
        }
        Location where = new Location(source, at + 1, slipped.indent + 1);
        if (slipped.isItem()) {
            // the item above: the nearest line starting with a dash
            for (int i = at - 1; i >= 0; i--) {
                Line item = isBlank(lines.get(i)) ? null : Line.of(lines.get(i));
                if (item != null && item.isItem()) {
                    if (item.indent == slipped.indent) {
                        return Optional.empty();
                    }
                    return Optional.of(new InputException(where, "this list item is indented " + spaces(slipped.indent)
                            + ", but the item above it (line " + (i + 1) + ") " + item.indent + ": align them"));
                }
            }
            return Optional.empty();
        }
        if (slipped.key == null || above.key == null) {
            return Optional.empty();
        }
        // a key that opens a block may have deeper children: only a scalar-valued key above must align
        if (above.opensBlock && slipped.keyIndent() > above.keyIndent()) {
            return Optional.empty();
        }
        if (slipped.keyIndent() == above.keyIndent()) {
            return Optional.empty();
        }
        return Optional.of(new InputException(new Location(source, at + 1, slipped.keyIndent() + 1),
                "'" + slipped.key + "' is indented " + spaces(slipped.keyIndent()) + ", but '" + above.key
                        + "' above it " + above.keyIndent() + ": align them"));
    }

    /** The first tab in the indentation of a line up to just after the error's (SnakeYAML reports a line early). */
    private static Optional<InputException> tab(String source, List<String> lines, int errorLine) {
        for (int i = 0; i < Math.min(lines.size(), errorLine + 1); i++) {
            String line = lines.get(i);
            for (int c = 0; c < line.length() && (line.charAt(c) == ' ' || line.charAt(c) == '\t'
                    || line.charAt(c) == '-'); c++) {
                if (line.charAt(c) == '\t') {
                    if (line.substring(c).isBlank()) {
                        break;
                    }
                    return Optional.of(new InputException(new Location(source, i + 1, c + 1),
                            "a tab indents this line; YAML indents with spaces"));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isBlank(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() || stripped.startsWith("#");
    }

    private static String spaces(int n) {
        return n == 1 ? "1 space" : n + " spaces";
    }

    /** A line read for its indentation: where its first dash or key starts, its key, whether its value is empty. */
    private record Line(int indent, int dashes, String key, boolean opensBlock) {
        static Line of(String text) {
            Matcher m = LINE.matcher(text);
            m.find();
            String key = m.group(3) == null ? null : m.group(3).strip();
            boolean opens = key != null && isBlank(text.substring(m.end()));
            return new Line(m.group(1).length(), m.group(2).length(), key, opens);
        }

        boolean isItem() {
            return dashes > 0;
        }

        /** The column (0-based) where the key starts: after the dashes of a list item. */
        int keyIndent() {
            return indent + dashes;
        }
    }
}
