package lrsched.output.logged;

import lrsched.output.chart.ChartSeries;
import lrsched.output.chart.Decimator;
import lrsched.spec.Location;
import lrsched.spec.SpecException;

/**
 * Reads a logged curve for a chart: the points between two steps, in step order, each logged step once with the
 * last value logged for it (a job restarted from a checkpoint logs some steps again; the later run is the one that
 * trained), reduced by the {@link Decimator} to what the picture needs.
 *
 * <p>Memory stays bounded however long the log: a first pass checks every row and finds the steps' range and
 * order; a log in step order (the usual case) then streams through the decimator, and one out of order is put in
 * order by a {@link SortingWindow} of bounded size.
 */
public final class LoggedCurveSampler {

    /** Points held at most while sorting a log that is out of order: 64 MB with the sort's scratch space. */
    static final int SORT_BUDGET = 1 << 22;

    private LoggedCurveSampler() {
    }

    /**
     * The logged curve's points with steps from {@code firstStep} to {@code lastStep} (inclusive), as a
     * {@linkplain ChartSeries#asLogged() logged} series labelled with the curve's {@linkplain
     * LoggedCurve#displayLabel() display label}.
     *
     * @param columns the chart's width in device pixels, as for the computed curves
     * @throws SpecException when the file is missing or malformed, or has no point between the two steps
     */
    public static ChartSeries sample(LoggedCurve curve, long firstStep, long lastStep, int columns) {
        return sample(curve, firstStep, lastStep, columns, SORT_BUDGET);
    }

    static ChartSeries sample(LoggedCurve curve, long firstStep, long lastStep, int columns, int sortBudget) {
        LoggedCsv csv = new LoggedCsv(curve);
        Scan scan = new Scan(firstStep, lastStep);
        csv.read(scan);
        if (scan.inRange == 0) {
            throw new SpecException(Location.of(curve.source()), scan.rows == 0
                    ? "no row has both a step (column '" + csv.columns().stepName() + "') and a value (column '"
                    + csv.columns().valueName() + "')"
                    : "no logged step between " + firstStep + " and " + lastStep + " (the log has steps "
                    + scan.minAll + " to " + scan.maxAll + ")");
        }
        Decimator decimator = new Decimator(scan.min, scan.max, columns);
        if (scan.ascending) {
            LastOfEachStep rows = new LastOfEachStep(firstStep, lastStep, decimator);
            csv.read(rows);
            rows.flush();
        } else {
            SortingWindow.feed(csv, scan.min, scan.max, sortBudget, decimator);
        }
        return decimator.finish().toSeries(curve.displayLabel()).asLogged();
    }

    /** The first pass: how many points, their range, and whether they come in step order. */
    private static final class Scan implements LoggedCsv.Rows {
        final long from, to;
        long rows, inRange;
        long min = Long.MAX_VALUE, max = -1, minAll = Long.MAX_VALUE, maxAll = -1;
        boolean ascending = true;

        Scan(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void accept(long step, double value) {
            rows++;
            minAll = Math.min(minAll, step);
            maxAll = Math.max(maxAll, step);
            if (step < from || step > to) {
                return;
            }
            if (inRange > 0 && step < max) {
                ascending = false;
            }
            inRange++;
            min = Math.min(min, step);
            max = Math.max(max, step);
        }
    }

    /** A log in step order, a repeated step's rows next to each other: the last of each run of equal steps. */
    private static final class LastOfEachStep implements LoggedCsv.Rows {
        final long from, to;
        final Decimator decimator;
        boolean pending;
        long pendingStep;
        double pendingValue;

        LastOfEachStep(long from, long to, Decimator decimator) {
            this.from = from;
            this.to = to;
            this.decimator = decimator;
        }

        @Override
        public void accept(long step, double value) {
            if (step < from || step > to) {
                return;
            }
            if (pending && step != pendingStep) {
                decimator.accept(pendingStep, pendingValue);
            }
            pending = true;
            pendingStep = step;
            pendingValue = value;
        }

        void flush() {
            if (pending) {
                decimator.accept(pendingStep, pendingValue);
                pending = false;
            }
        }
    }
}
