package lrsched.output.term;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import lrsched.core.Printable;
import lrsched.output.chart.AxisFrame;
import lrsched.output.chart.ChartRenderer;
import lrsched.output.chart.ChartSeries;
import lrsched.output.chart.NiceTicks;
import lrsched.output.chart.TickLabels;

/**
 * Draws learning-rate curves as text: braille dots for the curves, box-drawing characters for the axes, round tick
 * labels, and a legend. Colour is optional; without it, each curve of several is tagged with its number at its peak.
 *
 * <pre>
 *  Learning rate
 *   6e-4 ┤  ⢀⠔⠉⠉⠒⠢⢄⡀
 *   4e-4 ┤ ⡰⠁       ⠈⠑⠤⡀
 *   ...
 *      0 ┼⠊─────────────⠈⠒⠤⣀
 *        └┬──────┬──────┬──────┬
 *         0      5k     10k    15k
 *                   Step
 * </pre>
 */
public final class TerminalChart {

    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";
    /** Blue, yellow (for orange), green, red, magenta, cyan, then their bright forms: close to the PNG palette. */
    private static final String[] COLORS = {"\u001b[34m", "\u001b[33m", "\u001b[32m", "\u001b[31m", "\u001b[35m",
        "\u001b[36m", "\u001b[94m", "\u001b[93m", "\u001b[92m", "\u001b[91m", "\u001b[95m", "\u001b[96m"};

    private TerminalChart() {
    }

    /** The chart as lines of text, each ending in a newline. */
    public static String render(List<ChartSeries> given, TermOptions o) {
        List<ChartSeries> series = ChartSeries.inDrawingOrder(given);
        Range r = Range.of(series, o.logY());
        List<Double> yTicks = o.logY() ? NiceTicks.decades(r.yMin, r.yMax, Math.max(2, o.height() / 3))
                : NiceTicks.linear(r.yMin, r.yMax, Math.max(2, o.height() / 3 + 1));
        double yMagnitude = Math.max(Math.abs(r.yMin), Math.abs(r.yMax));
        List<String> yLabels = new ArrayList<>();
        int labelWidth = 1;
        for (double t : yTicks) {
            String s = TickLabels.rate(t, o.logY() ? 0 : yMagnitude);
            yLabels.add(s);
            labelWidth = Math.max(labelWidth, s.length());
        }
        int plotColumns = o.width() - labelWidth - 2;
        int rows = o.height();
        BrailleCanvas canvas = new BrailleCanvas(plotColumns, rows);
        Mapper m = new Mapper(r, canvas.dotWidth(), canvas.dotHeight(), o.logY());
        for (int i = 0; i < series.size(); i++) {
            drawSeries(canvas, m, series.get(i), i);
        }
        char[][] marks = new char[rows][plotColumns];
        boolean tagCurves = !o.color() && series.size() > 1;
        if (tagCurves) {
            tagPeaks(canvas, m, series, marks);
        }
        boolean[] warmupColumns = new boolean[plotColumns];
        for (ChartSeries s : series) {
            s.warmupEndX().ifPresent(w -> {
                if (w > r.xMin && w < r.xMax) {
                    warmupColumns[Math.min(plotColumns - 1, (int) (m.x(w) / 2))] = true;
                }
            });
        }

        StringBuilder out = new StringBuilder();
        if (!o.title().isEmpty()) {
            out.append(center(Printable.escape(o.title()), o.width())).append('\n'); // no raw ESC from --title
        }
        out.append(o.yAxisTitle()).append('\n');
        int[] tickRow = new int[rows];
        Arrays.fill(tickRow, -1);
        for (int k = 0; k < yTicks.size(); k++) {
            int row = (int) Math.min(rows - 1, Math.max(0, Math.floor(m.y(yTicks.get(k)) / 4)));
            tickRow[row] = k;
        }
        for (int row = 0; row < rows; row++) {
            StringBuilder line = new StringBuilder();
            String label = tickRow[row] >= 0 ? yLabels.get(tickRow[row]) : "";
            line.append(" ".repeat(labelWidth - label.length())).append(label).append(' ');
            line.append(tickRow[row] >= 0 ? '┤' : '│');
            String current = "";
            for (int c = 0; c < plotColumns; c++) {
                String style = "";
                char text = ' ';
                if (marks[row][c] != 0) {
                    text = marks[row][c];
                } else if (!canvas.isEmpty(c, row)) {
                    style = o.color() ? COLORS[canvas.owner(c, row) % COLORS.length] : "";
                    text = canvas.cell(c, row);
                } else if (warmupColumns[c]) {
                    style = o.color() ? DIM : "";
                    text = '┊';
                }
                if (!style.equals(current)) {
                    line.append(current.isEmpty() ? "" : RESET).append(style);
                    current = style;
                }
                line.append(text);
            }
            line.append(current.isEmpty() ? "" : RESET);
            out.append(stripTrailing(line)).append('\n');
        }
        appendXAxis(out, r, m, labelWidth, plotColumns, o);
        appendLegend(out, series, o, tagCurves);
        return out.toString();
    }

    private static void drawSeries(BrailleCanvas canvas, Mapper m, ChartSeries s, int index) {
        double[] x = s.x(), y = s.y();
        double px = Double.NaN, py = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i]) || (m.logY && y[i] <= 0)) {
                px = Double.NaN;
                continue;
            }
            double dx = m.x(x[i]), dy = m.y(y[i]);
            if (Double.isNaN(px)) {
                canvas.set((int) Math.round(dx), (int) Math.round(dy), index);
            } else {
                canvas.line(px, py, dx, dy, index, s.isLogged());
            }
            px = dx;
            py = dy;
        }
    }

    /** Writes each curve's number next to its peak, in a free cell if one is near. */
    private static void tagPeaks(BrailleCanvas canvas, Mapper m, List<ChartSeries> series, char[][] marks) {
        int rows = marks.length, columns = marks[0].length;
        for (int i = 0; i < series.size(); i++) {
            ChartSeries s = series.get(i);
            int p = s.peakIndex();
            if (p < 0) {
                continue;
            }
            int c = Math.min(columns - 1, Math.max(0, (int) (m.x(s.x()[p]) / 2)));
            int r = Math.min(rows - 1, Math.max(0, (int) (m.y(s.y()[p]) / 4)));
            char tag = i < 9 ? (char) ('1' + i) : (char) ('a' + i - 9);
            int[][] tries = {{-1, 0}, {-1, 1}, {-1, -1}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {0, 0}};
            for (int[] t : tries) {
                int rr = r + t[0], cc = c + t[1];
                if (rr >= 0 && rr < rows && cc >= 0 && cc < columns && marks[rr][cc] == 0
                        && (canvas.isEmpty(cc, rr) || (t[0] == 0 && t[1] == 0))) {
                    marks[rr][cc] = tag;
                    break;
                }
            }
        }
    }

    private static void appendXAxis(StringBuilder out, Range r, Mapper m, int labelWidth, int plotColumns,
                                    TermOptions o) {
        List<Double> ticks = NiceTicks.linear(r.xMin, r.xMax, Math.max(2, plotColumns / 10));
        char[] axis = new char[plotColumns];
        Arrays.fill(axis, '─');
        char[] labels = new char[plotColumns + labelWidth + 2];
        Arrays.fill(labels, ' ');
        int lastEnd = -1;
        for (double t : ticks) {
            int c = Math.min(plotColumns - 1, (int) (m.x(t) / 2));
            axis[c] = '┬';
            String s = TickLabels.count(t);
            int start = labelWidth + 2 + c - (s.length() - 1) / 2;
            start = Math.max(0, Math.min(start, labels.length - s.length()));
            if (start > lastEnd + 1 && start + s.length() <= labels.length) {
                s.getChars(0, s.length(), labels, start);
                lastEnd = start + s.length() - 1;
            }
        }
        out.append(" ".repeat(labelWidth + 1)).append('└').append(axis).append('\n');
        out.append(stripTrailing(new StringBuilder(new String(labels)))).append('\n');
        out.append(center(o.xAxisTitle(), labelWidth + 2 + plotColumns)).append('\n');
    }

    private static void appendLegend(StringBuilder out, List<ChartSeries> series, TermOptions o, boolean tagged) {
        for (String line : legendLines(series, o, tagged)) {
            out.append(line).append('\n');
        }
    }

    /** The legend, wrapped to the chart's width: each entry is a key (colour or number) and the series' label. */
    private static List<String> legendLines(List<ChartSeries> series, TermOptions o, boolean tagged) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int used = 0;
        for (int i = 0; i < series.size(); i++) {
            String key = tagged ? "[" + (i < 9 ? (char) ('1' + i) : (char) ('a' + i - 9)) + "]"
                    : series.get(i).isLogged() ? "╌╌" : "⣿⣿";
            String text = ChartRenderer.legendLabel(series.get(i), o.xAxisTitle());
            int length = key.length() + 1 + text.length();
            if (used > 0 && used + 3 + length > o.width()) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            if (used > 0) {
                line.append("   ");
                used += 3;
            }
            line.append(o.color() ? COLORS[i % COLORS.length] + key + RESET : key).append(' ').append(text);
            used += length;
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * The most plot rows (at most {@code o.height()}, at least 4) with which the whole chart of {@code series}
     * (title, axes and legend included) takes at most {@code lines - 1} lines of text, leaving the last line of a
     * {@code lines}-high terminal for the shell's prompt.
     */
    public static int rowsToFit(List<ChartSeries> series, TermOptions o, int lines) {
        List<ChartSeries> drawn = ChartSeries.inDrawingOrder(series);
        boolean tagged = !o.color() && drawn.size() > 1;
        int around = (o.title().isEmpty() ? 0 : 1) + 1 + 3 + legendLines(drawn, o, tagged).size();
        return Math.max(4, Math.min(o.height(), lines - 1 - around));
    }

    private static String center(String text, int width) {
        int pad = Math.max(0, (width - text.length()) / 2);
        return " ".repeat(pad) + text;
    }

    private static String stripTrailing(StringBuilder line) {
        return line.toString().stripTrailing();
    }

    /** The chart's frame ({@link AxisFrame}), with a log axis widened to whole decades. */
    private record Range(double xMin, double xMax, double yMin, double yMax) {
        static Range of(List<ChartSeries> series, boolean logY) {
            AxisFrame f = AxisFrame.of(series, logY);
            if (!logY) {
                return new Range(f.xMin(), f.xMax(), f.yMin(), f.yMax());
            }
            // within what a double holds: 10^-324 is 0 and 10^309 infinite, either of which breaks a log axis
            return new Range(f.xMin(), f.xMax(), Math.max(Double.MIN_VALUE, Math.pow(10, Math.floor(Math.log10(
                    f.yMin())))), Math.min(Double.MAX_VALUE, Math.pow(10, Math.ceil(Math.log10(f.yMax())))));
        }
    }

    /** Data to dot coordinates; y dots grow downwards. */
    private static final class Mapper {
        final Range r;
        final double width;
        final double height;
        final boolean logY;

        Mapper(Range r, int dotWidth, int dotHeight, boolean logY) {
            this.r = r;
            this.width = dotWidth - 1;
            this.height = dotHeight - 1;
            this.logY = logY;
        }

        double x(double v) {
            return (v - r.xMin) / (r.xMax - r.xMin) * width;
        }

        double y(double v) {
            double f = logY ? (Math.log10(v) - Math.log10(r.yMin)) / (Math.log10(r.yMax) - Math.log10(r.yMin))
                    : (v / 2 - r.yMin / 2) / (r.yMax / 2 - r.yMin / 2); // halved: 1e308 - -1e308 overflows
            return (1 - f) * height;
        }
    }
}
