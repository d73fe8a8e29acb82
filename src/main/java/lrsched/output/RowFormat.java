package lrsched.output;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import lrsched.core.DoubleFormat;

/**
 * How rows of (step, value per schedule) are laid out: CSV (RFC 4180 header and quoting), TSV (tabs; tabs and line
 * breaks in names become spaces), JSON (one array of objects) or JSON Lines (one object per line). Numbers are the
 * same Python-repr text in every format. The byte fragments around each number are computed once per run.
 */
public final class RowFormat {
    /** The formats by name, as {@code --format} takes them. */
    public enum Kind { CSV, TSV, JSON, JSONL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    final byte[] header;
    final byte[] footer;
    /** Before the step of the first row, and of every later row. */
    final byte[] firstRowStart;
    final byte[] rowStart;
    /** Before each column's number. */
    final byte[][] columnPrefix;
    final byte[] rowEnd;

    private RowFormat(Kind kind, List<String> names) {
        this.kind = kind;
        int n = names.size();
        columnPrefix = new byte[n][];
        switch (kind) {
            case TSV:
            case CSV: {
                String separator = kind == Kind.CSV ? "," : "\t";
                StringBuilder h = new StringBuilder("step");
                for (int k = 0; k < n; k++) {
                    h.append(separator).append(kind == Kind.CSV ? RowWriter.quote(names.get(k))
                            : names.get(k).replaceAll("[\t\r\n]", " "));
                    columnPrefix[k] = bytes(separator);
                }
                header = bytes(h.append('\n').toString());
                footer = new byte[0];
                firstRowStart = new byte[0];
                rowStart = new byte[0];
                rowEnd = bytes("\n");
                break;
            }
            default: {
                boolean lines = kind == Kind.JSONL;
                for (int k = 0; k < n; k++) {
                    columnPrefix[k] = bytes("," + jsonString(names.get(k)) + ":");
                }
                header = bytes(lines ? "" : "[");
                footer = bytes(lines ? "" : "\n]\n");
                firstRowStart = bytes(lines ? "{\"step\":" : "\n{\"step\":");
                rowStart = bytes(lines ? "{\"step\":" : ",\n{\"step\":");
                rowEnd = bytes(lines ? "}\n" : "}");
                break;
            }
        }
    }

    public static RowFormat of(Kind kind, List<String> names) {
        return new RowFormat(kind, names);
    }

    public Kind kind() {
        return kind;
    }

    /** The empty JSON array is {@code []}, not {@code [\n]}. */
    byte[] footer(boolean anyRows) {
        return kind == Kind.JSON && !anyRows ? bytes("]\n") : footer;
    }

    /** Longest possible row: a 19-digit step, then per column its prefix and a number, then the row's ends. */
    int maxRowBytes() {
        int max = Math.max(firstRowStart.length, rowStart.length) + 20 + rowEnd.length;
        for (byte[] p : columnPrefix) {
            max += p.length + DoubleFormat.MAX_LENGTH;
        }
        return max;
    }

    /** A JSON string literal (RFC 8259 escapes). */
    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
