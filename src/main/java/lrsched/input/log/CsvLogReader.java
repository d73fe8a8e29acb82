package lrsched.input.log;

import java.nio.file.Files;
import java.nio.file.Path;

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
        try (CsvRows rows = CsvRows.open(request.file(), source, "is empty; a logged curve needs a header line "
                + "such as 'Wall time,Step,Value' and one row per logged step")) {
            LoggedCurve.Builder points = new LoggedCurve.Builder(source, maxPoints);
            LoggedColumns columns = null;
            while (rows.next()) {
                if (columns == null) {
                    columns = LoggedColumns.choose(rows.header(), rows.row().cells(), request);
                }
                readRow(rows, columns, source, points);
            }
            if (columns == null) {
                throw new InputException(Location.of(source), "has a header but no rows");
            }
            if (points.size() == 0) {
                throw new InputException(Location.of(source), "no row has both a step (column '"
                        + columns.stepName() + "') and a value (column '" + columns.valueName() + "')");
            }
            return points.build(request.displayLabel());
        }
    }

    private static void readRow(CsvRows rows, LoggedColumns c, String source, LoggedCurve.Builder points) {
        CsvLine row = rows.row();
        if (row.size() <= Math.max(c.step(), c.value())) {
            int missing = row.size() <= c.step() ? c.step() : c.value();
            throw new InputException(new Location(source, rows.line(), 1), "the row has " + row.size()
                    + " cells; column '" + (missing == c.step() ? c.stepName() : c.valueName()) + "' is cell "
                    + (missing + 1));
        }
        if (row.cell(c.step()).isBlank() || row.cell(c.value()).isBlank()) {
            return;
        }
        long step = rows.step(c.step(), c.stepName());
        points.add(step, rows.value(c.value(), c.valueName()));
    }
}
