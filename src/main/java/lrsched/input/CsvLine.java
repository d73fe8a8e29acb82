package lrsched.input;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one line of a CSV file into cells, RFC 4180 style: a quoted cell may hold commas and doubled quotes. A
 * record never spans lines (neither lrsched nor the logs it reads put line breaks in cells); an unterminated quote
 * runs to the end of the line.
 *
 * <p>An instance is reusable, so that reading millions of rows allocates only the cells' text: {@link #read} a
 * line, then ask for {@link #cell} and {@link #column}.
 */
public final class CsvLine {
    private final List<String> cells = new ArrayList<>();
    private int[] columns = new int[8];

    /** The cells of {@code line}. */
    public static List<String> split(String line) {
        return List.copyOf(new CsvLine().read(line).cells);
    }

    /** Splits {@code line}, replacing what this held before. */
    public CsvLine read(String line) {
        cells.clear();
        if (line.indexOf('"') < 0) { // the usual row of numbers: no quotes to undo
            int start = 0;
            for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', start)) {
                add(line.substring(start, comma), start);
                start = comma + 1;
            }
            add(line.substring(start), start);
            return this;
        }
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                add(cell, start);
                start = i + 1;
            } else {
                cell.append(c);
            }
        }
        add(cell, start);
        return this;
    }

    private void add(StringBuilder cell, int start) {
        add(cell.toString(), start);
        cell.setLength(0);
    }

    private void add(String cell, int start) {
        if (cells.size() == columns.length) {
            columns = Arrays.copyOf(columns, columns.length * 2);
        }
        columns[cells.size()] = start + 1;
        cells.add(cell);
    }

    /** Number of cells (at least one: an empty line is one empty cell). */
    public int size() {
        return cells.size();
    }

    /** The text of cell {@code index}, unquoted. */
    public String cell(int index) {
        return cells.get(index);
    }

    /** The 1-based character column where cell {@code index} starts (its opening quote, if quoted). */
    public int column(int index) {
        return columns[index];
    }

    /** The cells, unquoted. */
    public List<String> cells() {
        return List.copyOf(cells);
    }
}
