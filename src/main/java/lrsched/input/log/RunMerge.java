package lrsched.input.log;

import java.util.Map;
import java.util.TreeMap;

import lrsched.output.chart.Decimator;

/**
 * Puts a log that is a few runs of ascending steps into step order in one pass, the last value of a repeated step
 * winning. A job restarted from a checkpoint goes back to the checkpoint's step and logs on from there, so its log
 * is one ascending run per restart; a log in order is the case of one run.
 *
 * <p>The first pass ({@link LoggedCurveSampler}) tells where each run starts. A point is final when no later run
 * starts at or below its step: it goes to the decimator at once. The other points (those a later run may log again:
 * the steps between a checkpoint and the crash) are held until their run comes or the file ends. So memory grows
 * with the overlap of the runs, not with the log; if more than {@code budget} points are held (a log in no order at
 * all), the merge gives up and says so ({@link #overflowed()}).
 */
final class RunMerge implements LoggedCsv.Rows {

    private final long from;
    private final long to;
    private final long[] laterStart;
    private final Decimator decimator;
    private final int budget;
    private final TreeMap<Long, Double> held = new TreeMap<>();
    private int run;
    private boolean started;
    private long previous;
    private boolean overflowed;
    private boolean pending;
    private long pendingStep;
    private double pendingValue;

    /**
     * @param from       the first step to read
     * @param to         the last step to read
     * @param runStarts  the first step of each run of ascending steps between {@code from} and {@code to}, in file
     *                   order
     * @param decimator  receives the points in step order
     * @param budget     the most points to hold
     */
    RunMerge(long from, long to, long[] runStarts, Decimator decimator, int budget) {
        this.from = from;
        this.to = to;
        this.decimator = decimator;
        this.budget = budget;
        this.laterStart = new long[runStarts.length];
        long min = Long.MAX_VALUE;
        for (int j = runStarts.length - 1; j >= 0; j--) {
            laterStart[j] = min;
            min = Math.min(min, runStarts[j]);
        }
    }

    /** Whether more than the budget had to be held; the decimator then holds a part of the curve only. */
    boolean overflowed() {
        return overflowed;
    }

    @Override
    public void accept(long step, double value) {
        if (overflowed || step < from || step > to) {
            return;
        }
        if (started && step < previous) {
            run++;
        }
        started = true;
        previous = step;
        if (step >= laterStart[run]) {
            held.put(step, value);
            if (held.size() > budget) {
                overflowed = true;
                held.clear();
            }
            return;
        }
        // final, and so is every held point below it: no later row can come below a later run's start
        while (!held.isEmpty() && held.firstKey() < step) {
            Map.Entry<Long, Double> e = held.pollFirstEntry();
            emit(e.getKey(), e.getValue());
        }
        held.remove(step);
        emit(step, value);
    }

    /** Hands over the points still held. */
    void finish() {
        if (overflowed) {
            return;
        }
        for (Map.Entry<Long, Double> e : held.entrySet()) {
            emit(e.getKey(), e.getValue());
        }
        held.clear();
        if (pending) {
            decimator.accept(pendingStep, pendingValue);
            pending = false;
        }
    }

    /** Points come in non-decreasing step order; of equal steps (logged twice in a row), the last is kept. */
    private void emit(long step, double value) {
        if (pending && step != pendingStep) {
            decimator.accept(pendingStep, pendingValue);
        }
        pending = true;
        pendingStep = step;
        pendingValue = value;
    }
}
