package lrsched.input.log;

import java.util.Arrays;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.output.chart.ChartSeries;
import lrsched.output.chart.Decimator;

/**
 * Reads a logged curve for a chart: the points between two steps, in step order, each logged step once with the
 * last value logged for it (a job restarted from a checkpoint logs some steps again; the later run is the one that
 * trained), reduced by the {@link Decimator} to what the picture needs.
 *
 * <p>Memory stays bounded however long the log. A first pass checks every row and notes the steps' range and where
 * they go back (restarts). A log in step order, or one restarted now and then, then streams through a
 * {@link RunMerge} into the decimator in a second pass, holding only the steps that runs overlap on; a log in no
 * order at all is put in order by a {@link SortingWindow} of bounded size, in as many passes as it takes.
 */
public final class LoggedCurveSampler {

    /** Points held at most while sorting a log that is out of order: 64 MB, and as much for the sort's scratch. */
    static final int SORT_BUDGET = 1 << 22;
    /** Points held at most where restarted runs overlap (boxed in a tree: about 50 MB). */
    static final int OVERLAP_BUDGET = 1 << 19;
    /** More restarts than this is no restarted job but a log in no order. */
    static final int MAX_RUNS = 1 << 16;

    private LoggedCurveSampler() {
    }

    /**
     * The logged curve's points with steps from {@code firstStep} to {@code lastStep} (inclusive), as a
     * {@linkplain ChartSeries#asLogged() logged} series labelled with the curve's {@linkplain
     * LoggedCurve#displayLabel() display label}.
     *
     * @param columns the chart's width in device pixels, as for the computed curves
     * @throws InputException when the file is missing or malformed, or has no point between the two steps
     */
    public static ChartSeries sample(LoggedCurve curve, long firstStep, long lastStep, int columns) {
        return sample(curve, firstStep, lastStep, columns, OVERLAP_BUDGET, SORT_BUDGET);
    }

    static ChartSeries sample(LoggedCurve curve, long firstStep, long lastStep, int columns, int overlapBudget,
                              int sortBudget) {
        LoggedCsv csv = new LoggedCsv(curve);
        Scan scan = new Scan(firstStep, lastStep);
        csv.read(scan);
        if (scan.inRange == 0) {
            throw new InputException(Location.of(curve.source()), scan.rows == 0
                    ? "no row has both a step (column '" + csv.columns().stepName() + "') and a value (column '"
                    + csv.columns().valueName() + "')"
                    : "no logged step between " + firstStep + " and " + lastStep + " (the log has steps "
                    + scan.minAll + " to " + scan.maxAll + ")");
        }
        Decimator decimator = new Decimator(scan.min, scan.max, columns);
        if (scan.runCount <= MAX_RUNS) {
            RunMerge merge = new RunMerge(firstStep, lastStep, Arrays.copyOf(scan.runStarts, scan.runCount),
                    decimator, overlapBudget);
            csv.read(merge);
            merge.finish();
            if (!merge.overflowed()) {
                return decimator.finish().toSeries(curve.displayLabel()).asLogged();
            }
            decimator = new Decimator(scan.min, scan.max, columns);
        }
        SortingWindow.feed(csv, scan.min, scan.max, sortBudget, decimator);
        return decimator.finish().toSeries(curve.displayLabel()).asLogged();
    }

    /** The first pass: how many points, their range, and where runs of ascending steps start. */
    private static final class Scan implements LoggedCsv.Rows {
        final long from, to;
        long rows, inRange;
        long min = Long.MAX_VALUE, max = -1, minAll = Long.MAX_VALUE, maxAll = -1;
        long previous;
        long[] runStarts = new long[16];
        int runCount;

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
            if ((inRange == 0 || step < previous) && runCount <= MAX_RUNS) { // counting stops past the most
                if (runCount == runStarts.length) {
                    runStarts = Arrays.copyOf(runStarts, 2 * runCount);
                }
                runStarts[runCount++] = step;
            }
            previous = step;
            inRange++;
            min = Math.min(min, step);
            max = Math.max(max, step);
        }
    }
}
