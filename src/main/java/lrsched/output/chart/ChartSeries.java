package lrsched.output.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One curve to draw: a label and its points, already reduced to what the picture needs (see {@link Decimator}).
 *
 * <p>{@code x} must be non-decreasing. A {@code NaN} in {@code y} breaks the line (a gap). {@code warmupEndX},
 * when present, is where the schedule's warmup ends; the chart marks it with a faint vertical line.
 *
 * @param label      the legend text (usually the schedule's name, or a sweep value)
 * @param x          x coordinates (steps or epochs)
 * @param y          learning rates, same length as {@code x}
 * @param warmupEndX where the warmup ends, in the same unit as {@code x}, if the schedule knows it
 * @param kind       computed from a schedule, or logged by a training run (drawn dashed, over the computed ones)
 */
public record ChartSeries(String label, double[] x, double[] y, OptionalDouble warmupEndX, Kind kind) {

    /** Where a curve comes from. */
    public enum Kind {
        /** Evaluated from a schedule. */
        COMPUTED,
        /** Read from a training run's log ({@code plot --overlay}). */
        LOGGED
    }

    public ChartSeries {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(warmupEndX, "warmupEndX");
        Objects.requireNonNull(kind, "kind");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] >= x[i - 1])) {
                throw new IllegalArgumentException("x must be non-decreasing (index " + i + ")");
            }
        }
        x = x.clone();
        y = y.clone();
    }

    /** A computed series. */
    public ChartSeries(String label, double[] x, double[] y, OptionalDouble warmupEndX) {
        this(label, x, y, warmupEndX, Kind.COMPUTED);
    }

    /** A computed series without a warmup mark. */
    public static ChartSeries of(String label, double[] x, double[] y) {
        return new ChartSeries(label, x, y, OptionalDouble.empty());
    }

    /** A copy of this series marked with the step where its warmup ends. */
    public ChartSeries withWarmupEnd(double warmupEnd) {
        return new ChartSeries(label, x, y, OptionalDouble.of(warmupEnd), kind);
    }

    /** A copy of this series as a curve logged by a training run. */
    public ChartSeries asLogged() {
        return new ChartSeries(label, x, y, warmupEndX, Kind.LOGGED);
    }

    /** Whether a training run logged this curve. */
    public boolean isLogged() {
        return kind == Kind.LOGGED;
    }

    /** The order to draw series in, so that logged curves lie over computed ones: computed, then logged. */
    public static List<ChartSeries> inDrawingOrder(List<ChartSeries> series) {
        List<ChartSeries> ordered = new ArrayList<>();
        series.stream().filter(s -> !s.isLogged()).forEach(ordered::add);
        series.stream().filter(ChartSeries::isLogged).forEach(ordered::add);
        return ordered;
    }

    /** A copy of this series with x divided by {@code divisor} (steps to epochs). */
    public ChartSeries scaleX(double divisor) {
        double[] scaled = Arrays.stream(x).map(v -> v / divisor).toArray();
        OptionalDouble warmup = warmupEndX.isPresent() ? OptionalDouble.of(warmupEndX.getAsDouble() / divisor) : warmupEndX;
        return new ChartSeries(label, scaled, y, warmup, kind);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    double xAt(int i) {
        return x[i];
    }

    double yAt(int i) {
        return y[i];
    }

    /** Index of the largest finite value (the first one on ties), or -1 when there is none. */
    public int peakIndex() {
        int best = -1;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && (best < 0 || y[i] > y[best])) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChartSeries s && label.equals(s.label) && Arrays.equals(x, s.x) && Arrays.equals(y, s.y)
                && warmupEndX.equals(s.warmupEndX) && kind == s.kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, Arrays.hashCode(x), Arrays.hashCode(y), warmupEndX, kind);
    }

    @Override
    public String toString() {
        return "ChartSeries[" + label + (isLogged() ? ", logged" : "") + ", " + x.length + " points" + warmupEndX.stream().mapToObj(w -> ", warmup " + w)
                .findFirst().orElse("") + "]";
    }
}
