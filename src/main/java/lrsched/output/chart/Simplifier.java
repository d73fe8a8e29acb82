package lrsched.output.chart;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drops points that lie within a small fraction of a pixel of the line through their neighbours
 * (Ramer-Douglas-Peucker, measured in device pixels). The drawn line does not change, but a linear warmup needs two
 * points instead of two per pixel column, and drawing (which costs per segment) gets several times faster.
 */
final class Simplifier {

    /** Far below what anti-aliasing can show. */
    static final double TOLERANCE_PX = 0.1;

    private Simplifier() {
    }

    /** The series with redundant points removed, for a plot area of about {@code width x height} pixels. */
    static ChartSeries simplify(ChartSeries s, AxisFrame frame, double width, double height) {
        int n = s.size();
        if (n < 3) {
            return s;
        }
        double[] px = new double[n], py = new double[n];
        double xSpan = frame.xMax() - frame.xMin();
        double yLo = frame.logY() ? Math.log10(frame.yMin()) : frame.yMin();
        double yHi = frame.logY() ? Math.log10(frame.yMax()) : frame.yMax();
        double ySpan = yHi - yLo;
        for (int i = 0; i < n; i++) {
            double y = s.yAt(i);
            if (frame.logY()) {
                y = y > 0 ? Math.log10(y) : Double.NaN;
            }
            px[i] = (s.xAt(i) - frame.xMin()) / xSpan * width;
            py[i] = (y - yLo) / ySpan * height;
        }
        boolean[] keep = new boolean[n];
        int start = -1;
        for (int i = 0; i <= n; i++) { // simplify each run of finite points; gaps stay gaps
            boolean finite = i < n && Double.isFinite(py[i]);
            if (finite && start < 0) {
                start = i;
            } else if (!finite) {
                if (start >= 0) {
                    markRun(px, py, start, i - 1, keep);
                    start = -1;
                }
                if (i < n) {
                    keep[i] = true;
                }
            }
        }
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        if (kept == n) {
            return s;
        }
        double[] x = new double[kept], y = new double[kept];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep[i]) {
                x[j] = s.xAt(i);
                y[j++] = s.yAt(i);
            }
        }
        return new ChartSeries(s.label(), x, y, s.warmupEndX(), s.kind());
    }

    private static void markRun(double[] px, double[] py, int first, int last, boolean[] keep) {
        keep[first] = true;
        keep[last] = true;
        Deque<int[]> work = new ArrayDeque<>();
        work.push(new int[] {first, last});
        while (!work.isEmpty()) {
            int[] span = work.pop();
            int a = span[0], b = span[1];
            if (b - a < 2) {
                continue;
            }
            double dx = px[b] - px[a], dy = py[b] - py[a];
            double length = Math.hypot(dx, dy);
            double worst = -1;
            int worstAt = -1;
            for (int i = a + 1; i < b; i++) {
                double d = length == 0 ? Math.hypot(px[i] - px[a], py[i] - py[a])
                        : Math.abs(dy * (px[i] - px[a]) - dx * (py[i] - py[a])) / length;
                if (d > worst) {
                    worst = d;
                    worstAt = i;
                }
            }
            if (worst > TOLERANCE_PX) {
                keep[worstAt] = true;
                work.push(new int[] {a, worstAt});
                work.push(new int[] {worstAt, b});
            }
        }
    }
}
