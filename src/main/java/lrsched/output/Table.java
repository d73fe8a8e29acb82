package lrsched.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import lrsched.core.DoubleFormat;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Rows of named cells rendered as an aligned terminal table, CSV or JSON (an array of objects). Cells are text;
 * numeric cells are written as JSON numbers.
 */
public final class Table {
    /** Output formats. */
    public enum Format { TABLE, CSV, JSON }

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    public Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row: cells are String, Long, Double or null (absent). */
    public Table row(List<Object> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells for " + columns.size()
                    + " columns");
        }
        rows.add(new ArrayList<>(cells));
        return this;
    }

    public String render(Format format) {
        switch (format) {
            case CSV: return csv();
            case JSON: return json();
            default: return aligned();
        }
    }

    private String aligned() {
        int[] width = new int[columns.size()];
        List<List<String>> text = new ArrayList<>();
        List<String> header = columns;
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
        }
        List<java.util.function.Function<Double, String>> numbers = new ArrayList<>();
        for (int c = 0; c < width.length; c++) {
            numbers.add(numberFormat(c));
        }
        for (List<Object> r : rows) {
            List<String> t = new ArrayList<>();
            for (int c = 0; c < width.length; c++) {
                Object v = r.get(c);
                String s = v instanceof Double d ? numbers.get(c).apply(d) : human(v);
                t.add(s);
                width[c] = Math.max(width[c], s.length());
            }
            text.add(t);
        }
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        line(w, header, width);
        for (List<String> t : text) {
            line(w, t, width);
        }
        w.flush();
        return out.toString();
    }

    private void line(PrintWriter w, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            boolean numeric = c > 0 && !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-');
            String pad = " ".repeat(width[c] - s.length());
            sb.append(numeric ? pad + s : s + pad);
            if (c + 1 < cells.size()) {
                sb.append("  ");
            }
        }
        w.println(sb.toString().stripTrailing());
    }

    private static String human(Object v) {
        return v == null ? "-" : v.toString();
    }

    /**
     * One number format for column {@code c}, so that its numbers line up and read alike: plain decimals when every
     * number in it lies in [0.001, 100000) or is 0, all with the decimals the most precise of them needs (six
     * significant digits); scientific with five significant digits otherwise (0 as 0.0000e+00 there too).
     */
    private java.util.function.Function<Double, String> numberFormat(int c) {
        int decimals = 0;
        boolean plain = true;
        for (List<Object> r : rows) {
            if (r.get(c) instanceof Double d && d != 0) {
                double a = Math.abs(d);
                if (!(a >= 1e-3 && a < 1e5)) {
                    plain = false;
                    break;
                }
                // the decimals of the value rounded to six significant digits, trailing zeros dropped
                java.math.BigDecimal six = new java.math.BigDecimal(d).round(new java.math.MathContext(6))
                        .stripTrailingZeros();
                decimals = Math.max(decimals, Math.max(0, six.scale()));
            }
        }
        if (!plain) {
            return d -> String.format(java.util.Locale.ROOT, "%.4e", d);
        }
        String pattern = "%." + decimals + "f";
        return d -> String.format(java.util.Locale.ROOT, pattern, d);
    }

    private String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", columns.stream().map(RowWriter::quote).toList()))
                .append('\n');
        for (List<Object> r : rows) {
            for (int c = 0; c < r.size(); c++) {
                if (c > 0) {
                    sb.append(',');
                }
                Object v = r.get(c);
                sb.append(v == null ? "" : v instanceof Double d ? DoubleFormat.format(d) : RowWriter.quote(
                        v.toString()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartArray();
            for (List<Object> r : rows) {
                g.writeStartObject();
                for (int c = 0; c < columns.size(); c++) {
                    Object v = r.get(c);
                    g.writeName(columns.get(c));
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof Double d && !Double.isFinite(d)) {
                        g.writeString(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity"); // JSON has no such number
                    } else if (v instanceof Double d) {
                        g.writeNumber(DoubleFormat.format(d));
                    } else if (v instanceof Long l) {
                        g.writeNumber(l);
                    } else {
                        g.writeString(v.toString());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out + "\n";
    }
}
