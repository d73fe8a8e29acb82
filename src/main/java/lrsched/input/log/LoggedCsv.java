package lrsched.input.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.input.CsvLine;

/**
 * Reads the (step, learning rate) pairs of a logged CSV in file order, one streaming pass per {@link #read}: memory
 * does not grow with the file. Every row is checked; the first bad one stops the read with a
 * {@code FILE:LINE:COLUMN: problem} error.
 *
 * <p>The first line is the header. Blank lines, and rows whose step or value cell is empty (a W&amp;B export of
 * several runs leaves the cells of a run that logged nothing at that step empty), are skipped. Steps are whole
 * numbers, 0 or more ({@code 1200.0} and {@code 1.2e3} are read as 1200); values are numbers, and Python's
 * {@code nan} and {@code inf} are read as gaps in the curve.
 */
public final class LoggedCsv {

    /** Receives the rows. */
    public interface Rows {
        void accept(long step, double value);
    }

    private final LoggedCurve curve;
    private LoggedColumns columns;

    public LoggedCsv(LoggedCurve curve) {
        this.curve = curve;
    }

    /** The columns read, chosen on the first {@link #read}. */
    public LoggedColumns columns() {
        if (columns == null) {
            throw new IllegalStateException("read the file first");
        }
        return columns;
    }

    /** Streams every row with a step and a value to {@code rows}, in file order. */
    public void read(Rows rows) {
        String source = curve.source();
        if (Files.isDirectory(curve.file())) {
            throw new InputException(Location.of(source), "is a directory, not a CSV file");
        }
        try (BufferedReader reader = Files.newBufferedReader(curve.file(), StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || first.isBlank()) {
                throw new InputException(Location.of(source), "is empty; a logged curve needs a header line such "
                        + "as 'Wall time,Step,Value' and one row per logged step");
            }
            List<String> header = CsvLine.split(first.startsWith("\uFEFF") ? first.substring(1) : first);
            CsvLine row = new CsvLine();
            boolean anyRow = false;
            int lineNumber = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                row.read(line);
                if (columns == null) {
                    columns = LoggedColumns.choose(header, row.cells(), curve);
                }
                anyRow = true;
                readRow(row, lineNumber, rows);
            }
            if (!anyRow) {
                throw new InputException(Location.of(source), "has a header but no rows");
            }
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file");
        } catch (CharacterCodingException e) {
            // the reader decodes ahead of the line it returns, so the line is not known
            throw new InputException(Location.of(source), "is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readRow(CsvLine row, int lineNumber, Rows rows) {
        LoggedColumns c = columns;
        if (row.size() <= Math.max(c.step(), c.value())) {
            int missing = row.size() <= c.step() ? c.step() : c.value();
            throw new InputException(new Location(curve.source(), lineNumber, 1), "the row has " + row.size()
                    + " cells; column '" + (missing == c.step() ? c.stepName() : c.valueName()) + "' is cell "
                    + (missing + 1));
        }
        String stepText = row.cell(c.step());
        String valueText = row.cell(c.value());
        if (stepText.isBlank() || valueText.isBlank()) {
            return;
        }
        long step = step(stepText, lineNumber, row.column(c.step()));
        double value;
        try {
            value = number(valueText);
        } catch (NumberFormatException e) {
            throw new InputException(new Location(curve.source(), lineNumber, row.column(c.value())), "'"
                    + valueText + "' in column '" + c.valueName() + "' is not a number");
        }
        rows.accept(step, value);
    }

    private long step(String text, int lineNumber, int column) {
        long step;
        try {
            step = Long.parseLong(text);
        } catch (NumberFormatException e) {
            step = wholeNumber(text.strip());
        }
        if (step < 0) {
            throw new InputException(new Location(curve.source(), lineNumber, column), "'" + text + "' in column '"
                    + columns.stepName() + "' is not a step: "
                    + (step == Long.MIN_VALUE ? "steps are whole numbers" : "steps are 0 or more"));
        }
        return step;
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
}
