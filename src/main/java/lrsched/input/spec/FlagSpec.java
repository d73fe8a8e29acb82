package lrsched.input.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.input.document.TreeReader;

/**
 * Reads a schedule from a flag: {@code type=hf.cosine,lr=3e-4,milestones=[30,60]}. Commas inside brackets, braces
 * or quotes do not split; each value is read as a YAML scalar or flow collection.
 */
public final class FlagSpec {
    private FlagSpec() {}

    public static Node.MapNode parse(String source, String text) {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        for (int[] part : split(text)) {
            int start = part[0], end = part[1];
            String item = text.substring(start, end);
            int eq = item.indexOf('=');
            Location at = new Location(source, 1, start + 1);
            if (item.isBlank()) {
                continue;
            }
            if (eq <= 0) {
                throw new InputException(at, "expected KEY=VALUE, not '" + item.strip()
                        + "'; separate parameters with commas: type=cosine,lr=1e-3,total=1000");
            }
            String key = item.substring(0, eq).strip();
            int leading = item.indexOf(key);
            Node value = TreeReader.readFlagValue(source, item.substring(eq + 1), start + eq + 2);
            Node.Entry previous = entries.put(key, new Node.Entry(key, at.shifted(leading), value));
            if (previous != null) {
                throw new InputException(at.shifted(leading), "'" + key + "' is given twice; keep only one");
            }
        }
        return new Node.MapNode(new Location(source, 1, 1), entries);
    }

    /** Top-level comma-separated parts as [start, end) offsets. */
    static List<int[]> split(String text) {
        List<int[]> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '{' || c == '(') {
                depth++;
            } else if (c == ']' || c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(new int[] {start, i});
                start = i + 1;
            }
        }
        parts.add(new int[] {start, text.length()});
        return parts;
    }
}
