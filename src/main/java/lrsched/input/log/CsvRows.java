package lrsched.input.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.input.CsvLine;
import lrsched.input.LineLimit;

/**
 * A CSV log read one row at a time, shared by the readers of CSV-shaped logs (the generic CSV reader, Lightning's
 * metrics.csv, ultralytics' results.csv, timm's summary.csv): the file opened as UTF-8 with its header line, each
 * later non-blank line split with {@link CsvLine} and numbered, and the steps and values of its cells read with the
 * {@code FILE:LINE:COLUMN} of a bad one. Streams the file: one line in memory at a time.
 *
 * <p>A missing file, a file that is not UTF-8 text and an empty file are errors in the log's terms.
 */
final class CsvRows implements AutoCloseable {

    private final BufferedReader reader;
    private final String source;
    private final List<String> header;
    private final CsvLine row = new CsvLine();
    private int line = 1;

    private CsvRows(BufferedReader reader, String source, List<String> header) {
        this.reader = reader;
        this.source = source;
        this.header = header;
    }

    /**
     * Opens a CSV log and reads its header line.
     *
     * @param source       the file's name for messages
     * @param whenEmpty    the problem to report when the file has no header line
     */
    static CsvRows open(Path file, String source, String whenEmpty) {
        BufferedReader reader = null;
        try {
            reader = LineLimit.open(file, source);
            String first = reader.readLine();
            if (first == null || first.isBlank()) {
                throw new InputException(Location.of(source), whenEmpty);
            }
            List<String> header = CsvLine.split(first.startsWith("\uFEFF") ? first.substring(1) : first);
            CsvRows rows = new CsvRows(reader, source, header);
            reader = null;
            return rows;
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file");
        } catch (CharacterCodingException e) {
            throw notUtf8(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(reader);
        }
    }

    /** The header line's cells, as written. */
    List<String> header() {
        return header;
    }

    /** Moves to the next non-blank line; false at the end of the file. */
    boolean next() {
        try {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (!text.isBlank()) {
                    row.read(text);
                    return true;
                }
            }
            return false;
        } catch (CharacterCodingException e) {
            throw notUtf8(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current row's cells. */
    CsvLine row() {
        return row;
    }

    /** The current row's line number, 1 for the header. */
    int line() {
        return line;
    }

    /** The current row's cell {@code index}; empty when the row is shorter (a sparse log's missing cell). */
    String cellOrEmpty(int index) {
        return index < row.size() ? row.cell(index) : "";
    }

    /** Where the current row's cell {@code index} starts. */
    Location at(int index) {
        return new Location(source, line, index < row.size() ? row.column(index) : 1);
    }

    /**
     * The step in cell {@code index}: a whole number, 0 or more ({@code 1200.0} and {@code 1.2e3} are 1200).
     *
     * @param columnName the column's name, for the message about a bad cell
     */
    long step(int index, String columnName) {
        String text = row.cell(index);
        long step;
        try {
            step = Long.parseLong(text);
        } catch (NumberFormatException e) {
            step = wholeNumber(text.strip());
        }
        if (step < 0) {
            throw new InputException(at(index), "'" + text + "' in column '" + columnName + "' is not a step: "
                    + (step == Long.MIN_VALUE ? "steps are whole numbers" : "steps are 0 or more"));
        }
        return step;
    }

    /** The number in cell {@code index}; Python's {@code nan} and {@code inf} included. */
    double value(int index, String columnName) {
        String text = row.cell(index);
        try {
            return number(text);
        } catch (NumberFormatException e) {
            throw new InputException(at(index), "'" + text + "' in column '" + columnName + "' is not a number");
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a cell of the first data row could hold a learning rate: a number, or empty. */
    static boolean couldBeNumber(String cell) {
        if (cell.isBlank()) {
            return true;
        }
        try {
            number(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A decimal number, or Python's spelling of a non-finite one ({@code nan}, {@code inf}, {@code -inf}). */
    static double number(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        char last = t.charAt(t.length() - 1);
        if ((last >= '0' && last <= '9') || last == '.') {
            if (t.indexOf('x') >= 0 || t.indexOf('X') >= 0) {
                throw new NumberFormatException(t); // Java reads hexadecimal floats; a log does not hold them
            }
            return Double.parseDouble(t);
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new NumberFormatException(t);
        };
    }

    /**
     * For claiming a writer's CSV by its name: the header cells (surrounding spaces removed) of a file named
     * {@code fileName}, from its head bytes; empty for another name or a folder.
     */
    static List<String> headerIfNamed(Path path, byte[] head, String fileName) {
        Path name = path.getFileName();
        if (name == null || !name.toString().equals(fileName) || Files.isDirectory(path)) {
            return List.of();
        }
        return headerOf(head);
    }

    /** The first line of a file's head bytes, split into cells with surrounding spaces removed; for claiming. */
    static List<String> headerOf(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String first = (end >= 0 ? text.substring(0, end) : text).replace("\r", "");
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        return CsvLine.split(first).stream().map(String::strip).toList();
    }

    /** Whether the head bytes hold the whole first line (a line end, or the whole file). */
    static boolean headerComplete(byte[] head) {
        for (byte b : head) {
            if (b == '\n') {
                return true;
            }
        }
        return head.length < LogReaders.HEAD_BYTES;
    }

    /** A whole number written as a decimal ({@code 1200.0}, {@code 1.2e3}); {@code Long.MIN_VALUE} if it is not. */
    private static long wholeNumber(String text) {
        try {
            double d = number(text);
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
        } catch (NumberFormatException e) {
            // not a number at all
        }
        return Long.MIN_VALUE;
    }

    private static InputException notUtf8(String source) {
        // the reader decodes ahead of the line it returns, so the line is not known
        return new InputException(Location.of(source), "is not UTF-8 text; save it as UTF-8");
    }

    private static void closeQuietly(BufferedReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // already failing
            }
        }
    }
}
