package lrsched.output.chart;

import java.util.List;

/**
 * The data ranges every panel of one picture shares: all series' x extent, and a y extent that starts at zero for
 * non-negative learning rates on a linear axis (so heights compare honestly) or spans the positive values on a
 * logarithmic one.
 */
public record AxisFrame(double xMin, double xMax, double yMin, double yMax, boolean logY) {

    /**
     * A logarithmic axis shows at most six decades below the largest value: a cosine decaying to zero would
     * otherwise stretch the axis over ten empty decades for its last few steps.
     */
    static final double LOG_DECADES_FLOOR = 1e-6;

    /** The frame that shows every finite point of {@code series} (on a log axis, every positive one). */
    public static AxisFrame of(List<ChartSeries> series, boolean logY) {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (ChartSeries s : series) {
            for (int i = 0; i < s.size(); i++) {
                double x = s.xAt(i), y = s.yAt(i);
                if (!Double.isFinite(y)) {
                    continue;
                }
                xMin = Math.min(xMin, x); // a zero is not drawn on a log axis, but its step still belongs
                xMax = Math.max(xMax, x);
                if (logY && y <= 0) {
                    continue;
                }
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (yMin > yMax) { // nothing drawable
            if (xMin <= xMax) {
                return new AxisFrame(xMin, xMin == xMax ? xMin + 1 : xMax, logY ? 1e-4 : 0, logY ? 1e-2 : 1, logY);
            }
            return new AxisFrame(0, 1, logY ? 1e-4 : 0, logY ? 1e-2 : 1, logY);
        }
        if (xMin == xMax) {
            xMin -= 0.5;
            xMax += 0.5;
        } else {
            xMax = NiceTicks.roundEnd(xMin, xMax);
        }
        if (logY) {
            yMin = Math.max(yMin, yMax * LOG_DECADES_FLOOR);
            if (yMin == yMax) {
                // within what a double holds (a log axis cannot end at 0 or infinity)
                yMin = Math.max(Double.MIN_VALUE, yMin / 2);
                yMax = Math.min(Double.MAX_VALUE, yMax * 2);
            }
        } else {
            if (yMin >= 0) {
                yMin = 0;
            }
            if (yMin == yMax) {
                yMax = yMax == 0 ? 1 : Math.min(Double.MAX_VALUE, Math.abs(yMax) * 2);
            }
        }
        return new AxisFrame(xMin, xMax, yMin, yMax, logY);
    }

    /** The largest magnitude on the y axis: decides between plain and scientific tick labels. */
    public double yMagnitude() {
        return Math.max(Math.abs(yMin), Math.abs(yMax));
    }
}
