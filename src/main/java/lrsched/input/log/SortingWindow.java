package lrsched.input.log;

import java.util.Arrays;

import lrsched.output.chart.Decimator;

/**
 * Puts the points of a log whose steps are out of order into step order, the last value of a repeated step
 * winning, while holding at most {@code budget} points: one pass over the file collects the lowest steps that fit,
 * the next pass the following ones, and so on. A log that fits (four million points by default) takes one pass.
 *
 * <p>Within a pass, the window collects every point from its first step on. When the buffer is full, it sorts and
 * merges repeated steps; if that frees too little room, it keeps the lower half and lowers its last step to match,
 * ignoring the points above from then on (the next pass reads them).
 */
final class SortingWindow implements LoggedCsv.Rows {

    private final long first;
    private long last;
    private final int budget;
    private long[] steps = new long[1024];
    private double[] values = new double[1024];
    private int size;

    private SortingWindow(long first, long last, int budget) {
        this.first = first;
        this.last = last;
        this.budget = budget;
    }

    /**
     * Hands the points of {@code csv} with steps from {@code min} to {@code max} to {@code decimator}, in increasing
     * step order, each step once with its last value.
     */
    static void feed(LoggedCsv csv, long min, long max, int budget, Decimator decimator) {
        if (budget < 2) {
            throw new IllegalArgumentException("budget must be 2 or more, got " + budget);
        }
        long from = min;
        while (true) {
            SortingWindow window = new SortingWindow(from, max, budget);
            csv.read(window);
            int n = StepSort.sortKeepingLast(window.steps, window.values, window.size);
            for (int i = 0; i < n; i++) {
                decimator.accept(window.steps[i], window.values[i]);
            }
            if (window.last >= max) {
                return;
            }
            from = window.last + 1;
        }
    }

    @Override
    public void accept(long step, double value) {
        if (step < first || step > last) {
            return;
        }
        if (size == steps.length) {
            if (size < budget) {
                int grown = (int) Math.min(budget, 2L * size);
                steps = Arrays.copyOf(steps, grown);
                values = Arrays.copyOf(values, grown);
            } else {
                size = StepSort.sortKeepingLast(steps, values, size);
                int half = budget / 2;
                if (size > half) {
                    size = half;
                    last = steps[half - 1];
                    if (step > last) {
                        return;
                    }
                }
            }
        }
        steps[size] = step;
        values[size++] = value;
    }
}
