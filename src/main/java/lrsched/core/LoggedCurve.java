package lrsched.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A learning-rate curve that a training run logged, held in memory: a label and its points in increasing step
 * order, each step once. What a log reader ({@code lrsched.input.log.LogReader}) returns, and what a chart or a
 * comparison with the plan reads.
 *
 * <p>A job restarted from a checkpoint logs the steps after the checkpoint a second time; of a step logged more than
 * once, the value logged last is kept (the resumed run is the one that trained). A value may be {@code NaN} or
 * infinite, as logged: a chart draws it as a gap.
 *
 * <p>Points are collected with a {@link Builder} in the order the log has them, then put in step order. A log holds
 * at most {@link #MAX_POINTS} points (each costs 16 bytes, and as much again while an unordered log is sorted).
 *
 * <p>Steps are lrsched's: point {@code (s, v)} says the optimizer used learning rate {@code v} for update {@code s},
 * counting from 0, like row {@code s} of a computed curve. A reader converts its writer's step numbers (an HF log's
 * {@code step} counts updates done, a per-epoch log counts epochs) and says how in {@link #reading()}, so that a run
 * that followed its plan lies on the plan.
 *
 * <p>Immutable; {@link #between} shares the points with the curve it cuts.
 */
public final class LoggedCurve {

    /**
     * The most points one log may hold: ten times a log of every update of a million-update run. Held, they take
     * 160 MB, and sorting a log in no order takes as much again.
     */
    public static final int MAX_POINTS = 10_000_000;

    /** The {@link #resolution()} of a value logged as a float64 written in full (JSON, Python's repr): a few ulps. */
    public static final double FLOAT64 = 1e-12;

    /** The {@link #resolution()} of a value logged as a float32 (TensorBoard's simple_value): 2^-23. */
    public static final double FLOAT32 = 0x1p-23;

    /** The {@link #resolution()} of a value written with six significant digits ({@code %g}, {@code %.6g}). */
    public static final double SIX_DIGITS = 5e-6;

    private final String source;
    private final String label;
    private final long[] steps;
    private final double[] values;
    private final int from;
    private final int to;
    private final double resolution;
    private final String reading;

    private LoggedCurve(String source, String label, long[] steps, double[] values, int from, int to,
                        double resolution, String reading) {
        this.source = source;
        this.label = label;
        this.steps = steps;
        this.values = values;
        this.from = from;
        this.to = to;
        this.resolution = resolution;
        this.reading = reading;
    }

    /** The log's name as the user wrote it, for messages. */
    public String source() {
        return source;
    }

    /** The legend text. */
    public String label() {
        return label;
    }

    /**
     * How closely a logged value can match the value the run used, relative to it: the log's own precision
     * ({@link #FLOAT32} for TensorBoard, {@link #SIX_DIGITS} for {@code %g} columns, {@link #FLOAT64} for full
     * decimals). Two values closer than this, relative to the larger, are the same as far as the log can tell.
     */
    public double resolution() {
        return resolution;
    }

    /**
     * One line saying how the log's steps became updates, in the writer's terms: {@code "step g is logged after g
     * updates with the LR of the next update (transformers 4.45, from config.json): shown at update g"}; empty when
     * the log's steps are taken as updates unchanged.
     */
    public String reading() {
        return reading;
    }

    /** The number of points (at least one). */
    public int size() {
        return to - from;
    }

    /** The step of point {@code i}, {@code 0 <= i < size()}; steps strictly increase with {@code i}. */
    public long step(int i) {
        return steps[from + Objects.checkIndex(i, size())];
    }

    /** The value logged for point {@code i}; {@code NaN} or infinite where the log says so. */
    public double value(int i) {
        return values[from + Objects.checkIndex(i, size())];
    }

    public long firstStep() {
        return steps[from];
    }

    public long lastStep() {
        return steps[to - 1];
    }

    /** The steps, in increasing order (a copy). */
    public long[] steps() {
        return Arrays.copyOfRange(steps, from, to);
    }

    /** The values, in step order (a copy). */
    public double[] values() {
        return Arrays.copyOfRange(values, from, to);
    }

    /**
     * The points with steps from {@code firstStep} to {@code lastStep}, inclusive.
     *
     * @throws InputException when the log has no step between the two
     */
    public LoggedCurve between(long firstStep, long lastStep) {
        int lo = indexAtOrAbove(firstStep);
        int hi = lastStep == Long.MAX_VALUE ? to : indexAtOrAbove(lastStep + 1);
        if (lo >= hi) {
            throw new InputException(Location.of(source), "no logged step between " + firstStep + " and " + lastStep
                    + " (the log has steps " + firstStep() + " to " + lastStep() + ")");
        }
        return lo == from && hi == to ? this
                : new LoggedCurve(source, label, steps, values, lo, hi, resolution, reading);
    }

    /** The index of the first point with a step of {@code step} or more; {@code to} when there is none. */
    private int indexAtOrAbove(long step) {
        int i = Arrays.binarySearch(steps, from, to, step);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoggedCurve c && source.equals(c.source) && label.equals(c.label)
                && Arrays.equals(steps, from, to, c.steps, c.from, c.to)
                && Arrays.equals(values, from, to, c.values, c.from, c.to)
                && Double.compare(resolution, c.resolution) == 0 && reading.equals(c.reading);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, label, size(), firstStep(), lastStep());
    }

    @Override
    public String toString() {
        return "LoggedCurve[" + label + ", " + size() + " points, steps " + firstStep() + " to " + lastStep() + "]";
    }

    /**
     * Collects a log's points in the order the log has them, then {@linkplain #build puts them in step order}. Two
     * growable primitive arrays: 16 bytes a point, no object per point.
     */
    public static final class Builder {
        private final String source;
        private final int maxPoints;
        private long[] steps;
        private double[] values;
        private int size;
        private double resolution = SIX_DIGITS;
        private String reading = "";
        private boolean resumesSupersede;
        private int resumes;

        /** @param source the log's name as the user wrote it, for messages */
        public Builder(String source) {
            this(source, MAX_POINTS);
        }

        /** A builder that refuses more than {@code maxPoints} points (a test's small cap). */
        public Builder(String source, int maxPoints) {
            if (maxPoints < 1) {
                throw new IllegalArgumentException("maxPoints must be 1 or more, got " + maxPoints);
            }
            this.source = Objects.requireNonNull(source, "source");
            this.maxPoints = maxPoints;
            steps = new long[Math.min(1024, maxPoints)];
            values = new double[steps.length];
        }

        /**
         * Adds the next point of the log.
         *
         * @param step  0 or more
         * @param value as logged, {@code NaN} and infinities included
         * @throws InputException when the log has more points than the cap
         */
        public Builder add(long step, double value) {
            if (step < 0) {
                throw new IllegalArgumentException("step " + step + " is negative");
            }
            if (resumesSupersede && size > 0 && step <= steps[size - 1]) {
                int at = Arrays.binarySearch(steps, 0, size, step);
                size = at >= 0 ? at : -at - 1; // the resumed run replaces everything from its first step on
                resumes++;
            }
            if (size == steps.length) {
                if (size == maxPoints) {
                    throw new InputException(Location.of(source), String.format(Locale.ROOT, "has more than %,d "
                            + "logged points, the most lrsched reads from one log; thin it out first (every 10th "
                            + "point still shows the schedule's shape)", maxPoints));
                }
                int grown = (int) Math.min(maxPoints, 2L * size);
                steps = Arrays.copyOf(steps, grown);
                values = Arrays.copyOf(values, grown);
            }
            steps[size] = step;
            values[size++] = value;
            return this;
        }

        /**
         * The log's precision, relative (default {@link #SIX_DIGITS}: a log of unknown writer may have printed
         * {@code %g}).
         */
        public Builder resolution(double relative) {
            if (!(relative >= 0 && relative < 1)) {
                throw new IllegalArgumentException("resolution must be in [0, 1), got " + relative);
            }
            resolution = relative;
            return this;
        }

        /** How the reader turned the log's steps into updates (see {@link LoggedCurve#reading()}). */
        public Builder reading(String howStepsWereRead) {
            reading = Objects.requireNonNull(howStepsWereRead, "howStepsWereRead");
            return this;
        }

        /**
         * Declares the log written in time order, a resumed run appending to it (detectron2's metrics.json,
         * LLaMA-Factory's trainer_log.jsonl, a TensorBoard run folder's files in order): a step at or below the
         * highest one added starts the resumed run, whose points replace every point added from that step on, so a
         * killed run's points that the resumed run did not log again go too. The points then stay in step order.
         */
        public Builder resumesSupersede() {
            resumesSupersede = true;
            return this;
        }

        /** The points added so far. */
        public int size() {
            return size;
        }

        /**
         * The curve: the points in increasing step order, each step once with the value added last for it. A log
         * already in step order costs one pass over the points; otherwise a stable merge sort of the runs of
         * increasing steps the log already has (a restarted job's log is one run per restart, so a few passes).
         * The builder cannot be used afterwards.
         *
         * @throws IllegalStateException when no point was added
         */
        public LoggedCurve build(String label) {
            Objects.requireNonNull(label, "label");
            if (size == 0) {
                throw new IllegalStateException("no points");
            }
            if (resumes > 0) {
                reading = (reading.isEmpty() ? "" : reading + "; ") + "the log starts over " + (resumes == 1 ? "once"
                        : resumes + " times") + " (a resumed run): the resumed run's values replace all the earlier "
                        + "run logged from there on";
            }
            long[] s = steps;
            double[] v = values;
            int n = size;
            steps = null;
            values = null;
            if (!ascending(s, n)) {
                int[] runs = runStarts(s, n);
                int runCount = runs.length - 1;
                if (runCount > 1) { // merge neighbouring runs pairwise, between these arrays and a scratch pair
                    long[] toSteps = new long[n];
                    double[] toValues = new double[n];
                    while (runCount > 1) {
                        int merged = 0;
                        for (int r = 0; r < runCount; r += 2) {
                            int lo = runs[r], mid = runs[Math.min(r + 1, runCount)];
                            int hi = runs[Math.min(r + 2, runCount)];
                            merge(s, v, lo, mid, hi, toSteps, toValues);
                            runs[merged++] = lo;
                        }
                        runs[merged] = n;
                        runCount = merged;
                        long[] ts = s;
                        s = toSteps;
                        toSteps = ts;
                        double[] tv = v;
                        v = toValues;
                        toValues = tv;
                    }
                }
                n = keepLast(s, v, n);
            }
            return new LoggedCurve(source, label, s, v, 0, n, resolution, reading);
        }

        private static boolean ascending(long[] steps, int n) {
            for (int i = 1; i < n; i++) {
                if (steps[i] <= steps[i - 1]) {
                    return false;
                }
            }
            return true;
        }

        /** Where each run of non-decreasing steps starts, followed by {@code n}. */
        private static int[] runStarts(long[] steps, int n) {
            int count = 1;
            for (int i = 1; i < n; i++) {
                if (steps[i] < steps[i - 1]) {
                    count++;
                }
            }
            int[] starts = new int[count + 1];
            int k = 1;
            for (int i = 1; i < n; i++) {
                if (steps[i] < steps[i - 1]) {
                    starts[k++] = i;
                }
            }
            starts[count] = n;
            return starts;
        }

        /** Merges [lo, mid) and [mid, hi) into the same positions of the target; equal steps keep their order. */
        private static void merge(long[] steps, double[] values, int lo, int mid, int hi, long[] toSteps,
                                  double[] toValues) {
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (steps[j] < steps[i]) {
                    toSteps[k] = steps[j];
                    toValues[k++] = values[j++];
                } else {
                    toSteps[k] = steps[i];
                    toValues[k++] = values[i++];
                }
            }
            System.arraycopy(steps, i, toSteps, k, mid - i);
            System.arraycopy(values, i, toValues, k, mid - i);
            k += mid - i;
            System.arraycopy(steps, j, toSteps, k, hi - j);
            System.arraycopy(values, j, toValues, k, hi - j);
        }

        /** Of each group of equal steps (sorted, stably), keeps the last; returns how many points are left. */
        private static int keepLast(long[] steps, double[] values, int n) {
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && steps[i + 1] == steps[i]) {
                    continue; // a later value of the same step follows
                }
                steps[distinct] = steps[i];
                values[distinct++] = values[i];
            }
            return distinct;
        }
    }
}
