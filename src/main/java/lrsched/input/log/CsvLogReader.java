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
import lrsched.core.LoggedCurve;
import lrsched.input.CsvLine;

/**
 * Reads a logged curve from a CSV file with a header line: TensorBoard's and W&amp;B's chart exports, and the logs
 * training scripts write ({@code step,lr,loss}, ...). Which columns hold the step and the learning rate is the
 * user's choice, else found from the header ({@link LoggedColumns}). Every row is checked; the first bad one stops
 * the read with a {@code FILE:LINE:COLUMN: problem} error.
 *
 * <p>The first line is the header. Blank lines, and rows whose step or value cell is empty (a W&amp;B export of
 * several runs leaves the cells of a run that logged nothing at that step empty), are skipped. Steps are whole
 * numbers, 0 or more ({@code 1200.0} and {@code 1.2e3} are read as 1200); values are numbers, and Python's
 * {@code nan} and {@code inf} are read as gaps in the curve.
 *
 * <p>Registered last in {@link LogReaders}, it reads every path no other reader claims, so its messages (no
 * header, not UTF-8, a directory) are what a file of an unknown format gets.
 */
final class CsvLogReader implements LogReader {

    private final int maxPoints;

    CsvLogReader() {
        this(LoggedCurve.MAX_POINTS);
    }

    /** A reader that refuses logs of more than {@code maxPoints} points (a test's small cap). */
    CsvLogReader(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String files() {
        return "CSV with a header (TensorBoard and W&B exports, your own logs)";
    }

    /** Any file: the catch-all reader. */
    @Override
    public boolean reads(Path path, byte[] head) {
        return !Files.isDirectory(path);
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        String source = request.source();
        if (Files.isDirectory(request.file())) {
            throw new InputException(Location.of(source), "is a directory, not a CSV file");
        }
        try (BufferedReader reader = Files.newBufferedReader(request.file(), StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || first.isBlank()) {
                throw new InputException(Location.of(source), "is empty; a logged curve needs a header line such "
                        + "as 'Wall time,Step,Value' and one row per logged step");
            }
            List<String> header = CsvLine.split(first.startsWith("\uFEFF") ? first.substring(1) : first);
            LoggedCurve.Builder points = new LoggedCurve.Builder(source, maxPoints);
            LoggedColumns columns = null;
            CsvLine row = new CsvLine();
            int lineNumber = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                row.read(line);
                if (columns == null) {
                    columns = LoggedColumns.choose(header, row.cells(), request);
                }
                readRow(row, columns, source, lineNumber, points);
            }
            if (columns == null) {
                throw new InputException(Location.of(source), "has a header but no rows");
            }
            if (points.size() == 0) {
                throw new InputException(Location.of(source), "no row has both a step (column '"
                        + columns.stepName() + "') and a value (column '" + columns.valueName() + "')");
            }
            return points.build(request.displayLabel());
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file");
        } catch (CharacterCodingException e) {
            // the reader decodes ahead of the line it returns, so the line is not known
            throw new InputException(Location.of(source), "is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readRow(CsvLine row, LoggedColumns c, String source, int lineNumber,
                                LoggedCurve.Builder points) {
        if (row.size() <= Math.max(c.step(), c.value())) {
            int missing = row.size() <= c.step() ? c.step() : c.value();
            throw new InputException(new Location(source, lineNumber, 1), "the row has " + row.size()
                    + " cells; column '" + (missing == c.step() ? c.stepName() : c.valueName()) + "' is cell "
                    + (missing + 1));
        }
        String stepText = row.cell(c.step());
        String valueText = row.cell(c.value());
        if (stepText.isBlank() || valueText.isBlank()) {
            return;
        }
        long step = step(stepText, c, source, lineNumber, row.column(c.step()));
        double value;
        try {
            value = number(valueText);
        } catch (NumberFormatException e) {
            throw new InputException(new Location(source, lineNumber, row.column(c.value())), "'"
                    + valueText + "' in column '" + c.valueName() + "' is not a number");
        }
        points.add(step, value);
    }

    private static long step(String text, LoggedColumns c, String source, int lineNumber, int column) {
        long step;
        try {
            step = Long.parseLong(text);
        } catch (NumberFormatException e) {
            step = wholeNumber(text.strip());
        }
        if (step < 0) {
            throw new InputException(new Location(source, lineNumber, column), "'" + text + "' in column '"
                    + c.stepName() + "' is not a step: "
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
