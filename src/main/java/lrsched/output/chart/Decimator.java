package lrsched.output.chart;

import java.util.Arrays;

/**
 * Reduces a curve with any number of steps to the few points a line chart of a given width needs, while the curve
 * streams by one step at a time: memory grows with the number of pixel columns, not with the number of steps.
 *
 * <p>The step range is cut into {@code columns} equal buckets (one per pixel column). For each bucket it keeps the
 * first and last point and the points where the value is smallest and largest (the M4 reduction of Jugel et al.,
 * VLDB 2014): a line drawn through these points covers exactly the pixels the full curve covers. It also keeps every
 * step it was told to {@link #keep(long...) keep} (breakpoints such as the end of the warmup or a decay milestone),
 * so that corners stay where they are when the chart is zoomed or printed. A non-finite value is kept as a gap.
 *
 * <p>Usage: {@code new Decimator(from, to, columns).keep(breakpoints)}, then {@link #accept} each step in increasing
 * order, then {@link #finish()}. {@link #sample} does all three for a function of the step.
 */
public final class Decimator {

    /** A learning-rate curve as a function of the step. */
    @FunctionalInterface
    public interface StepFunction {
        double valueAt(long step);
    }

    /** The kept points, in step order. */
    public record Points(long[] steps, double[] values) {

        public Points {
            if (steps.length != values.length) {
                throw new IllegalArgumentException("steps and values differ in length");
            }
        }

        public int size() {
            return steps.length;
        }

        /** The steps as doubles, for drawing. */
        public double[] x() {
            return Arrays.stream(steps).asDoubleStream().toArray();
        }

        /** A chart series of these points. */
        public ChartSeries toSeries(String label) {
            return ChartSeries.of(label, x(), values.clone());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Points p && Arrays.equals(steps, p.steps) && Arrays.equals(values, p.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(steps) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Points[" + steps.length + "]";
        }
    }

    private final long first;
    private final double stepsPerColumn;
    private long[] kept = new long[0];
    private int keptNext;

    private long lastStep;
    private boolean started;
    private int column = -1;

    // the current run: finite points of one column since the last gap
    private boolean runOpen;
    private long runFirstStep, runLastStep, runMinStep, runMaxStep;
    private double runFirst, runLast, runMin = Double.NaN, runMax = Double.NaN;
    private final PointBuffer forced = new PointBuffer(4);
    private final PointBuffer summary = new PointBuffer(8);
    private final PointBuffer out = new PointBuffer(256);

    /**
     * @param firstStep the first step that will be accepted
     * @param lastStep  the last step that will be accepted (inclusive)
     * @param columns   how many buckets to cut the range into, usually the plot's width in device pixels
     */
    public Decimator(long firstStep, long lastStep, int columns) {
        if (lastStep < firstStep) {
            throw new IllegalArgumentException("lastStep " + lastStep + " is before firstStep " + firstStep);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive, got " + columns);
        }
        this.first = firstStep;
        // a double: lastStep - firstStep + 1 may not fit in a long, and exactness does not matter for bucketing
        this.stepsPerColumn = ((double) lastStep - (double) firstStep + 1.0) / columns;
    }

    /** Steps that must appear in the result when they are accepted (breakpoints). Any order; may repeat. */
    public Decimator keep(long... steps) {
        long[] merged = Arrays.copyOf(kept, kept.length + steps.length);
        System.arraycopy(steps, 0, merged, kept.length, steps.length);
        kept = Arrays.stream(merged).sorted().distinct().toArray();
        keptNext = 0;
        return this;
    }

    /** Takes the value at the next step; steps must strictly increase. */
    public void accept(long step, double value) {
        if (started && step <= lastStep) {
            throw new IllegalArgumentException("steps must increase: " + step + " after " + lastStep);
        }
        started = true;
        lastStep = step;
        int c = column(step);
        if (c != column) {
            flushRun();
            column = c;
        }
        while (keptNext < kept.length && kept[keptNext] < step) {
            keptNext++;
        }
        boolean keep = keptNext < kept.length && kept[keptNext] == step;
        if (!Double.isFinite(value)) {
            flushRun();
            if (out.size == 0 || !Double.isNaN(out.values[out.size - 1])) {
                out.add(step, Double.NaN);
            }
            return;
        }
        if (!runOpen) {
            runOpen = true;
            runFirstStep = runMinStep = runMaxStep = step;
            runFirst = runMin = runMax = value;
        } else {
            if (value < runMin) {
                runMin = value;
                runMinStep = step;
            }
            if (value > runMax) {
                runMax = value;
                runMaxStep = step;
            }
        }
        runLastStep = step;
        runLast = value;
        if (keep) {
            forced.add(step, value);
        }
    }

    /** The last step (at most {@link Long#MAX_VALUE}) in the same bucket as {@code step}. */
    public long lastStepOfColumn(long step) {
        int c = column(step);
        double guess = Math.ceil((double) first + (c + 1) * stepsPerColumn) - 1;
        long end = guess >= 0x1p63 ? Long.MAX_VALUE : Math.max(step, (long) guess);
        // the guess is off by a rounding at most: step to the exact bucket edge
        while (end > step && column(end) > c) {
            end--;
        }
        while (end < Long.MAX_VALUE && column(end + 1) == c) {
            end++;
        }
        return end;
    }

    private int column(long step) {
        return (int) Math.min(Integer.MAX_VALUE, Math.floor(((double) step - (double) first) / stepsPerColumn));
    }

    /** The kept points. The decimator can not be used afterwards. */
    public Points finish() {
        flushRun();
        return new Points(Arrays.copyOf(out.steps, out.size), Arrays.copyOf(out.values, out.size));
    }

    /** Evaluates {@code f} at every step from {@code firstStep} to {@code lastStep} and decimates the values. */
    public static Points sample(long firstStep, long lastStep, int columns, StepFunction f, long... keep) {
        Decimator d = new Decimator(firstStep, lastStep, columns).keep(keep);
        for (long s = firstStep; ; s++) {
            d.accept(s, f.valueAt(s));
            if (s == lastStep) {
                break;
            }
        }
        return d.finish();
    }

    private void flushRun() {
        if (!runOpen) {
            return;
        }
        // at most four summary points plus the forced ones, emitted in step order without repeats
        summary.size = 0;
        summary.add(runFirstStep, runFirst);
        summary.add(runMinStep, runMin);
        summary.add(runMaxStep, runMax);
        summary.add(runLastStep, runLast);
        for (int i = 0; i < forced.size; i++) {
            summary.add(forced.steps[i], forced.values[i]);
        }
        summary.sortByStep();
        for (int i = 0; i < summary.size; i++) {
            if (i == 0 || summary.steps[i] != summary.steps[i - 1]) {
                out.add(summary.steps[i], summary.values[i]);
            }
        }
        runOpen = false;
        forced.size = 0;
    }

    /** A growable list of (step, value) points in two parallel arrays. */
    private static final class PointBuffer {
        long[] steps;
        double[] values;
        int size;

        PointBuffer(int capacity) {
            steps = new long[capacity];
            values = new double[capacity];
        }

        void add(long step, double value) {
            if (size == steps.length) {
                steps = Arrays.copyOf(steps, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            steps[size] = step;
            values[size] = value;
            size++;
        }

        /** Insertion sort: the buffer is tiny and mostly sorted. */
        void sortByStep() {
            for (int i = 1; i < size; i++) {
                long s = steps[i];
                double v = values[i];
                int j = i - 1;
                while (j >= 0 && steps[j] > s) {
                    steps[j + 1] = steps[j];
                    values[j + 1] = values[j];
                    j--;
                }
                steps[j + 1] = s;
                values[j + 1] = v;
            }
        }
    }
}
