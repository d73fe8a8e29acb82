package lrsched.input.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import lrsched.core.Counts;
import lrsched.core.Curve;
import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.StepSelection;
import lrsched.input.CsvLine;

/**
 * Compares curves with a CSV snapshot written earlier by {@code lrsched csv}: the same columns, the same steps, and
 * every value within {@code |actual - expected| <= atol + rtol * |expected|}. Streams the snapshot.
 */
public final class SnapshotCheck {
    private SnapshotCheck() {}

    /** One finding; the check passes when there are none. */
    public record Drift(String message) {}

    /** How one column compares. */
    private static final class Column {
        final String name;
        long firstStep = -1;
        double firstExpected, firstActual;
        double worst = -1;
        long worstStep;
        long differing;

        Column(String name) {
            this.name = name;
        }
    }

    public static List<Drift> compare(List<Curve> curves, StepSelection steps, BufferedReader snapshot,
                                      String source, double rtol, double atol) throws IOException {
        List<Drift> drifts = new ArrayList<>();
        String header = snapshot.readLine();
        if (header == null) {
            throw new InputException(Location.of(source), "the snapshot is empty; write it with lrsched check --update "
                    + "(or lrsched csv -o FILE)");
        }
        List<String> names = CsvLine.split(header);
        if (names.isEmpty() || !names.get(0).equals("step")) {
            throw new InputException(new Location(source, 1, 1), "not an lrsched CSV: the header must start with "
                    + "'step'");
        }
        List<String> expectedNames = names.subList(1, names.size());
        List<String> actualNames = curves.stream().map(Curve::name).toList();
        for (String n : actualNames) {
            if (!expectedNames.contains(n)) {
                drifts.add(new Drift("schedule '" + n + "' is new: the snapshot has no column for it"));
            }
        }
        for (String n : expectedNames) {
            if (!actualNames.contains(n)) {
                drifts.add(new Drift("column '" + n + "' of the snapshot has no schedule in the spec"));
            }
        }
        int[] columnOf = new int[curves.size()];
        List<Column> columns = new ArrayList<>();
        for (int k = 0; k < curves.size(); k++) {
            columnOf[k] = expectedNames.indexOf(curves.get(k).name());
            columns.add(new Column(curves.get(k).name()));
        }
        long n = steps.size();
        long row = 0;
        String line;
        int lineNumber = 1;
        CsvLine cells = new CsvLine(); // one for every row: millions of rows make no garbage but their text
        while ((line = snapshot.readLine()) != null) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            if (row >= n) {
                row++;
                continue;
            }
            cells.read(line);
            if (cells.size() != names.size()) {
                throw new InputException(new Location(source, lineNumber, 1), "row has " + cells.size()
                        + " cells, the header " + names.size());
            }
            long step = parseLong(cells.cell(0), source, lineNumber);
            long expectedStep = steps.get(row);
            if (step != expectedStep) {
                drifts.add(new Drift("steps differ: row " + (row + 1) + " of the snapshot is step " + step
                        + ", the spec selects step " + expectedStep));
                return drifts;
            }
            for (int k = 0; k < curves.size(); k++) {
                if (columnOf[k] < 0) {
                    continue;
                }
                double expected = parseDouble(cells.cell(columnOf[k] + 1), source, lineNumber);
                double actual = curves.get(k).schedule().at(step);
                double deviation = Math.abs(actual - expected);
                Column c = columns.get(k);
                if (!(deviation <= atol + rtol * Math.abs(expected))) {
                    c.differing++;
                    if (c.firstStep < 0) {
                        c.firstStep = step;
                        c.firstExpected = expected;
                        c.firstActual = actual;
                    }
                }
                if (deviation > c.worst) {
                    c.worst = deviation;
                    c.worstStep = step;
                }
            }
            row++;
        }
        if (row != n) {
            drifts.add(new Drift("the snapshot has " + Counts.of(row, "row") + ", the spec selects "
                    + Counts.of(n, "step")));
        }
        for (Column c : columns) {
            if (c.differing > 0) {
                drifts.add(new Drift("schedule '" + c.name + "' drifted: first at step " + c.firstStep
                        + ": expected " + DoubleFormat.format(c.firstExpected) + ", actual "
                        + DoubleFormat.format(c.firstActual) + "; largest deviation " + DoubleFormat.format(c.worst)
                        + " at step " + c.worstStep + "; " + c.differing + " of " + Counts.of(row, "step")
                        + " " + Counts.verb(c.differing, "differs", "differ")));
            }
        }
        return drifts;
    }

    private static long parseLong(String text, String source, int line) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InputException(new Location(source, line, 1), "'" + text + "' is not a step number");
        }
    }

    /**
     * A snapshot value: a finite number, since lrsched never writes another. An Infinity or NaN is a bad snapshot,
     * never a match whatever the tolerances.
     */
    private static double parseDouble(String text, String source, int line) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InputException(new Location(source, line, 1), "'" + excerpt(text) + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new InputException(new Location(source, line, 1), "'" + excerpt(text) + "' is not a finite "
                    + "number, and lrsched writes none: the snapshot was edited or damaged; rewrite it with "
                    + "lrsched check --update");
        }
        return v;
    }

    /** At most 40 characters of a bad cell, for a message. */
    private static String excerpt(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
