package lrsched.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One XChart plot: some series, styled by the theme, on a given {@link AxisFrame}. Only this class and
 * {@link LegendPlacement} talk to XChart's styling API. Series are drawn in the order given, logged curves dashed.
 */
final class Panel {

    static final float LINE_WIDTH = 1.8f;
    static final int TITLE_SIZE = 15;
    static final int GRID_TITLE_SIZE = 13;

    /** A series and the palette slot that colours it (stable across panels of one picture). */
    record Entry(ChartSeries series, int colorIndex, String legendLabel) {
    }

    private final XYChart chart;
    private final List<Entry> entries;
    private final AxisFrame frame;

    private Panel(XYChart chart, List<Entry> entries, AxisFrame frame) {
        this.chart = chart;
        this.entries = entries;
        this.frame = frame;
    }

    /**
     * Builds a panel.
     *
     * @param title      the title above the plot, empty for none
     * @param axisTitles whether to draw the axis titles (the grid layout draws shared ones itself)
     * @param legend     where the legend goes, or empty to draw none
     */
    static Panel create(List<Entry> entries, AxisFrame frame, ChartOptions options, int width, int height,
                        String title, boolean axisTitles, java.util.Optional<Styler.LegendPosition> legend) {
        ChartTheme theme = options.theme();
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(axisTitles ? options.xAxisTitle() : "")
                .yAxisTitle(axisTitles ? options.yAxisTitle() : "").build();
        XYStyler st = chart.getStyler();
        st.setLocale(Locale.ROOT);
        st.setAntiAlias(true);
        st.setTextAntiAlias(true);
        st.setChartBackgroundColor(theme.background());
        st.setPlotBackgroundColor(theme.background());
        st.setChartFontColor(theme.text());
        st.setChartPadding(12);
        st.setChartTitleVisible(!title.isEmpty());
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(Fonts.font(Font.BOLD, axisTitles ? TITLE_SIZE : GRID_TITLE_SIZE));
        st.setChartTitlePadding(10);
        st.setAxisTitlesVisible(axisTitles);
        st.setAxisTitleFont(Fonts.font(Font.PLAIN, 13));
        st.setAxisTitlePadding(8);
        st.setAxisTickLabelsFont(Fonts.font(Font.PLAIN, 12));
        st.setAxisTickLabelsColor(theme.mutedText());
        st.setAxisTickPadding(5);
        st.setAxisTickMarkLength(4);
        st.setAxisTickMarksColor(theme.frame());
        st.setAxisTickMarksStroke(new BasicStroke(1f));
        st.setAxisTicksLineVisible(false);
        st.setPlotTicksMarksVisible(false);
        st.setPlotBorderVisible(true);
        st.setPlotBorderColor(theme.frame());
        st.setPlotGridLinesVisible(true);
        // XChart draws a log axis's grid line at every 2..9 of each decade, which reads as hatching (as solid grey
        // in small panels); a log axis gets a line per decade instead, as matplotlib's default grid has
        st.setPlotGridHorizontalLinesVisible(!frame.logY());
        st.setPlotGridLinesColor(theme.grid());
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setPlotMargin(0);
        st.setPlotContentSize(0.94);
        // XChart leaves a log axis without any tick when its height is under the x axis's spacing hint (its
        // calculator compares with the x hint for both axes): a short panel of a grid asks for denser x ticks
        st.setXAxisTickMarkSpacingHint(frame.logY() ? Math.max(40, Math.min(90, (int) ((height - 50) * 0.85))) : 90);
        st.setYAxisTickMarkSpacingHint(60);
        st.setMarkerSize(0);
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        st.setLegendVisible(legend.isPresent());
        legend.ifPresent(st::setLegendPosition);
        st.setLegendFont(Fonts.font(Font.PLAIN, 12));
        st.setLegendBackgroundColor(withAlpha(theme.background(), 230));
        st.setLegendBorderColor(theme.grid());
        st.setLegendPadding(7);
        st.setLegendSeriesLineLength(22);

        st.setXAxisMin(frame.xMin());
        st.setXAxisMax(frame.xMax());
        st.setYAxisMin(frame.yMin());
        st.setYAxisMax(frame.yMax());
        st.setYAxisLogarithmic(frame.logY());
        st.setXAxisTickLabelsFormattingFunction(TickLabels::count);
        st.setYAxisLogarithmicDecadeOnly(true);
        double magnitude = frame.logY() ? 0 : frame.yMagnitude();
        st.setYAxisTickLabelsFormattingFunction(v -> TickLabels.rate(v, magnitude));

        Panel panel = new Panel(chart, entries, frame);
        panel.addSeries(options);
        return panel;
    }

    /**
     * The line of a logged curve: dashed, so that a computed curve it follows exactly still shows between the
     * dashes.
     */
    static BasicStroke loggedLine() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f},
                0f);
    }

    private void addSeries(ChartOptions options) {
        ChartTheme theme = options.theme();
        BasicStroke line = new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        BasicStroke logged = loggedLine();
        BasicStroke mark = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 3f}, 0f);
        List<String> used = new ArrayList<>();
        addFrameSeries(used);
        addDecadeLines(theme, used);
        // warmup marks first, so that curves are drawn over them
        for (Entry e : entries) {
            if (e.series().warmupEndX().isEmpty()) {
                continue;
            }
            double w = e.series().warmupEndX().getAsDouble();
            if (w <= frame.xMin() || w >= frame.xMax()) {
                continue;
            }
            String name = unique("\u0000warmup " + e.legendLabel(), used);
            XYSeries s = chart.addSeries(name, new double[] {w, w}, new double[] {frame.yMin(), frame.yMax()});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(theme.warmupMarkColor(e.colorIndex()));
            s.setLineStyle(mark);
            s.setShowInLegend(false);
        }
        for (Entry e : entries) {
            ChartSeries cs = e.series();
            double[] x = cs.x(), y = cs.y();
            if (frame.logY()) {
                for (int i = 0; i < y.length; i++) {
                    if (y[i] <= 0) {
                        y[i] = Double.NaN;
                    }
                }
            }
            XYSeries s = chart.addSeries(unique(e.legendLabel(), used), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(theme.seriesColor(e.colorIndex()));
            s.setLineStyle(cs.isLogged() ? logged : line);
        }
    }

    /**
     * An invisible diagonal across the frame, added first. XChart places ticks at data values instead of round numbers
     * when it finds an axis's data "evenly spaced", which its absolute tolerance of 1e-4 makes true of almost any
     * learning-rate curve (every step changes the rate by less than 1e-4) and of any curve sampled at every step.
     * Starting the data with a jump across the whole frame keeps both axes on round ticks.
     */
    private void addFrameSeries(List<String> used) {
        XYSeries s = chart.addSeries(unique("\u0000frame", used), new double[] {frame.xMin(), frame.xMax()},
                new double[] {frame.yMin(), frame.yMax()});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.NONE);
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setShowInLegend(false);
    }

    /** The log axis's grid: a line at each power of ten inside the frame, under everything else. */
    private void addDecadeLines(ChartTheme theme, List<String> used) {
        for (double decade : decades(frame)) {
            XYSeries s = chart.addSeries(unique("\u0000decade", used), new double[] {frame.xMin(), frame.xMax()},
                    new double[] {decade, decade});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(theme.grid());
            s.setLineStyle(new BasicStroke(1f));
            s.setShowInLegend(false);
        }
    }

    /** The powers of ten from the frame's bottom to its top (none for a linear axis). */
    static List<Double> decades(AxisFrame frame) {
        // NiceTicks keeps to the decades a double holds: a frame end of 0 or infinity would count forever
        return frame.logY() ? NiceTicks.decades(frame.yMin(), frame.yMax(), Integer.MAX_VALUE) : List.of();
    }

    private static String unique(String name, List<String> used) {
        String candidate = name;
        for (int n = 2; used.contains(candidate); n++) {
            candidate = name + " (" + n + ")";
        }
        used.add(candidate);
        return candidate;
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    XYChart chart() {
        return chart;
    }

    void paint(Graphics2D g, int width, int height) {
        chart.paint(g, width, height);
    }
}
