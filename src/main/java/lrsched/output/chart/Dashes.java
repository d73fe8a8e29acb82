package lrsched.output.chart;

import java.util.Arrays;

/**
 * Cuts a curve into dashes of a fixed length on the screen: points along the curve, with a gap ({@code NaN}) after
 * each dash.
 *
 * <p>XChart strokes each segment of a series on its own, so a dashed stroke restarts its pattern at every point:
 * on a curve of many short segments (a decimated log is one) it looks solid. Dashes measured along the whole curve
 * do not. The dash and gap are given in pixels of a canvas at least as large as the plot, so that on the plot they
 * come out a little shorter, and the series' own dashed stroke (a longer pattern, which the legend shows) never cuts
 * one.
 */
final class Dashes {

    /** Dash length in canvas pixels. */
    static final double ON = 8;
    /** Gap length in canvas pixels. */
    static final double OFF = 5;

    private double[] x = new double[64];
    private double[] y = new double[64];
    private int n;

    private Dashes() {
    }

    /**
     * The dashes of {@code s} drawn in {@code frame} on a canvas of {@code width x height} pixels (at least the plot's
     * size).
     */
    static ChartSeries cut(ChartSeries s, AxisFrame frame, double width, double height) {
        double xScale = width / (frame.xMax() - frame.xMin());
        double yLo = screenY(frame.yMin(), frame), yScale = height / (screenY(frame.yMax(), frame) - yLo);
        Dashes d = new Dashes();
        boolean on = false;
        double left = 0;
        for (int i = 0; i < s.size(); i++) {
            double bx = s.xAt(i), by = s.yAt(i), sy = screenY(by, frame);
            if (!Double.isFinite(sy)) {
                d.gap();
                on = false;
                continue;
            }
            if (i == 0 || !Double.isFinite(screenY(s.yAt(i - 1), frame))) { // a run starts with a dash
                d.point(bx, by);
                on = true;
                left = ON;
                continue;
            }
            double ax = s.xAt(i - 1), ay = s.yAt(i - 1), say = screenY(ay, frame);
            double length = Math.hypot((bx - ax) * xScale, (sy - say) * yScale);
            double t = 0;
            while (length - t > left) {
                t += left;
                double f = t / length;
                double qx = ax + (bx - ax) * f;
                double qy = frame.logY() ? Math.pow(10, say + (sy - say) * f) : ay + (by - ay) * f;
                d.point(qx, qy);
                if (on) {
                    d.gap();
                }
                on = !on;
                left = on ? ON : OFF;
            }
            left -= length - t;
            if (on) {
                d.point(bx, by);
            }
        }
        d.gap();
        return new ChartSeries(s.label(), Arrays.copyOf(d.x, d.n), Arrays.copyOf(d.y, d.n), s.warmupEndX(),
                s.kind());
    }

    /** Where a value lies on the y axis: itself, or its logarithm on a log axis (not finite when not drawn). */
    private static double screenY(double v, AxisFrame frame) {
        if (!frame.logY()) {
            return v;
        }
        return v > 0 ? Math.log10(v) : Double.NaN;
    }

    private void point(double px, double py) {
        if (n == x.length) {
            x = Arrays.copyOf(x, 2 * n);
            y = Arrays.copyOf(y, 2 * n);
        }
        x[n] = px;
        y[n++] = py;
    }

    private void gap() {
        if (n > 0 && !Double.isNaN(y[n - 1])) {
            point(x[n - 1], Double.NaN);
        }
    }
}
