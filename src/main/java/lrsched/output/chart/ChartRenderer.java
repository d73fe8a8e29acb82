package lrsched.output.chart;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Draws learning-rate curves as a PNG, SVG or PDF picture: one chart with a legend (overlay) or one small chart per
 * series with shared axes (grid). The same series and options always give the same bytes.
 *
 * <p>{@linkplain ChartSeries#isLogged() Logged} curves are drawn dashed, after (over) the computed ones. In the grid
 * they are not panels of their own: every panel shows every logged curve over its computed one, so that a log can be
 * compared with each candidate schedule, and one key above the panels names them.
 *
 * <p>Series should already be reduced to a few points per pixel column ({@link Decimator}); this class draws what
 * it is given.
 */
public final class ChartRenderer {

    private static final int LEGEND_PADDING = 7;
    private static final int LEGEND_LINE = 22;

    private ChartRenderer() {
    }

    /** Writes the picture of {@code series} to {@code out}. */
    public static void write(List<ChartSeries> series, ChartOptions options, ChartFormat format, OutputStream out)
            throws IOException {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot: no series");
        }
        Fonts.requireUsable();
        List<ChartSeries> drawn = ChartSeries.inDrawingOrder(series);
        Picture picture = options.layout() == ChartOptions.Layout.GRID
                ? grid(drawn, options)
                : overlay(drawn, options);
        try {
            format.writer().write(picture, options, out);
        } catch (RuntimeException | LinkageError | InternalError e) {
            if (isFontFailure(e)) {
                throw new ChartException(Fonts.MISSING, e);
            }
            throw e;
        }
    }

    /** The picture's bytes in {@code format}. */
    public static byte[] render(List<ChartSeries> series, ChartOptions options, ChartFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            write(series, options, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The text the legend shows for a series: its label and where it peaks. */
    public static String legendLabel(ChartSeries s) {
        int peak = s.peakIndex();
        if (peak < 0) {
            return s.label();
        }
        return s.label() + "  (peak " + TickLabels.significant(s.yAt(peak), 3) + " at "
                + TickLabels.approximateCount(s.xAt(peak)) + ")";
    }

    /** Something that paints itself on a canvas of the options' layout width and height. */
    interface Picture {
        void paint(Graphics2D g);
    }

    /** What one panel of the picture shows: its title and its legend entries, top to bottom. */
    public record PanelPlan(String title, List<String> legend) {
    }

    /**
     * The panels a picture of {@code series} has: for the overlay one panel titled with the options' title and a
     * legend entry per series, computed ones first; for the grid one panel per computed series, titled with the
     * series' label, and listing the logged curves it also shows.
     */
    public static List<PanelPlan> plan(List<ChartSeries> series, ChartOptions options) {
        List<ChartSeries> drawn = ChartSeries.inDrawingOrder(series);
        if (options.layout() == ChartOptions.Layout.GRID) {
            List<String> logged = logged(drawn).stream().map(ChartSeries::label).toList();
            return panelSeries(drawn).stream().map(s -> new PanelPlan(s.label(), logged)).toList();
        }
        return List.of(new PanelPlan(options.title(), drawn.stream().map(ChartRenderer::legendLabel).toList()));
    }

    private static List<ChartSeries> logged(List<ChartSeries> series) {
        return series.stream().filter(ChartSeries::isLogged).toList();
    }

    /** The series that get a grid panel of their own: the computed ones (all, when there are none). */
    private static List<ChartSeries> panelSeries(List<ChartSeries> drawn) {
        List<ChartSeries> computed = drawn.stream().filter(s -> !s.isLogged()).toList();
        return computed.isEmpty() ? drawn : computed;
    }

    private static Picture overlay(List<ChartSeries> series, ChartOptions o) {
        AxisFrame frame = AxisFrame.of(series, o.logY());
        List<Panel.Entry> entries = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            ChartSeries drawn = drawn(series.get(i), frame, o, o.layoutWidth(), o.layoutHeight());
            entries.add(new Panel.Entry(drawn, i, legendLabel(series.get(i))));
        }
        int w = o.layoutWidth(), h = o.layoutHeight();
        String title = fit(o.title(), Fonts.font(Font.BOLD, Panel.TITLE_SIZE), w - 24,
                new FontRenderContext(null, true, false));
        LegendPosition legend = LegendPlacement.choose(
                () -> Panel.create(entries, frame, o, w, h, title, true, Optional.of(LegendPosition.InsideNE)),
                entries, w, h, Fonts.font(Font.PLAIN, 12), LEGEND_PADDING, LEGEND_LINE);
        Panel panel = Panel.create(entries, frame, o, w, h, title, true, Optional.of(legend));
        return g -> panel.paint(g, w, h);
    }

    private static Picture grid(List<ChartSeries> all, ChartOptions o) {
        AxisFrame frame = AxisFrame.of(all, o.logY());
        List<ChartSeries> series = panelSeries(all);
        int n = series.size();
        List<ChartSeries> logged = n < all.size() ? logged(all) : List.of();
        LoggedKey key = logged.isEmpty() ? null : new LoggedKey(logged.stream().map(ChartSeries::label).toList(),
                java.util.stream.IntStream.range(0, logged.size()).mapToObj(k -> o.theme().seriesColor(n + k))
                        .toList(), o.theme().text(), o.layoutWidth() - 24);
        int cols = columns(n, o.layoutWidth(), o.layoutHeight());
        int rows = (n + cols - 1) / cols;
        FontRenderContext frc = new FontRenderContext(null, true, false);
        int titleHeight = o.title().isEmpty() ? 0
                : (int) Math.ceil(Fonts.font(Font.BOLD, Panel.TITLE_SIZE).getStringBounds(o.title(), frc)
                .getHeight()) + 16;
        int axisTitleSize = (int) Math.ceil(Fonts.font(Font.PLAIN, 13).getStringBounds("Ag", frc).getHeight()) + 10;
        int keyTop = titleHeight == 0 ? 8 : titleHeight;
        int left = axisTitleSize, bottom = axisTitleSize, top = key == null ? titleHeight : keyTop + key.height();
        double cellW = (double) (o.layoutWidth() - left) / cols;
        double cellH = (double) (o.layoutHeight() - top - bottom) / rows;
        Font panelTitleFont = Fonts.font(Font.BOLD, Panel.GRID_TITLE_SIZE);
        int panelTitleHeight = (int) Math.ceil(panelTitleFont.getLineMetrics("Ag", frc).getHeight()) + 6;
        double plotH = cellH - panelTitleHeight;
        List<Panel.Entry> overlays = new ArrayList<>();
        for (int k = 0; k < logged.size(); k++) {
            overlays.add(new Panel.Entry(drawn(logged.get(k), frame, o, cellW, plotH), n + k, logged.get(k).label()));
        }
        List<Panel> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ChartSeries s = series.get(i);
            ChartSeries drawn = drawn(s, frame, o, cellW, plotH);
            titles.add(fit(s.label(), panelTitleFont, cellW - 24, frc));
            List<Panel.Entry> entries = new ArrayList<>(List.of(new Panel.Entry(drawn, i, legendLabel(s))));
            entries.addAll(overlays);
            panels.add(Panel.create(entries, frame, o, (int) cellW, (int) cellH - panelTitleHeight, "", false,
                    Optional.empty()));
        }
        return g -> {
            g.setColor(o.theme().background());
            g.fillRect(0, 0, o.layoutWidth(), o.layoutHeight());
            for (int i = 0; i < n; i++) {
                int r = i / cols, c = i % cols;
                AffineTransform saved = g.getTransform();
                g.translate(left + (int) Math.round(c * cellW), top + (int) Math.round(r * cellH) + panelTitleHeight);
                panels.get(i).paint(g, (int) cellW, (int) cellH - panelTitleHeight);
                g.setTransform(saved);
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(o.theme().text());
            for (int i = 0; i < n; i++) {
                int r = i / cols, c = i % cols;
                drawCentered(g, titles.get(i), panelTitleFont, left + (c + 0.5) * cellW, top + r * cellH + 6);
            }
            if (!o.title().isEmpty()) {
                Font font = Fonts.font(Font.BOLD, Panel.TITLE_SIZE);
                drawCentered(g, fit(o.title(), font, o.layoutWidth() - 24, frc), font, o.layoutWidth() / 2.0, 10);
            }
            if (key != null) {
                key.paint(g, o.layoutWidth() / 2.0, keyTop);
            }
            Font axisFont = Fonts.font(Font.PLAIN, 13);
            drawCentered(g, o.xAxisTitle(), axisFont, left + (o.layoutWidth() - left) / 2.0,
                    o.layoutHeight() - bottom + 4);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            drawCentered(g, o.yAxisTitle(), axisFont, -(top + (o.layoutHeight() - top - bottom) / 2.0), 4);
            g.setTransform(saved);
        };
    }

    /**
     * The points to hand XChart for {@code s}: those the picture needs ({@link Simplifier}), and for a logged curve
     * cut into {@link Dashes} on a panel of about {@code width x height} layout pixels.
     */
    private static ChartSeries drawn(ChartSeries s, AxisFrame frame, ChartOptions o, double width, double height) {
        ChartSeries simple = Simplifier.simplify(s, frame, o.imageWidth(), o.imageHeight());
        return s.isLogged() ? Dashes.cut(simple, frame, width, height) : simple;
    }

    /** {@code text}, cut with an ellipsis where it would be wider than {@code width}. */
    static String fit(String text, Font font, double width, FontRenderContext frc) {
        if (font.getStringBounds(text, frc).getWidth() <= width) {
            return text;
        }
        for (int keep = text.length() - 1; keep > 0; keep--) {
            String cut = text.substring(0, keep).stripTrailing() + "\u2026";
            if (font.getStringBounds(cut, frc).getWidth() <= width) {
                return cut;
            }
        }
        return "\u2026";
    }

    /** Columns for n panels: as square as the canvas allows. */
    static int columns(int n, int width, int height) {
        int best = 1;
        double bestScore = Double.MAX_VALUE;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double cellAspect = ((double) width / cols) / ((double) height / rows);
            double score = Math.abs(Math.log(cellAspect / 1.5)) + 0.15 * (rows * cols - n);
            if (score < bestScore) {
                bestScore = score;
                best = cols;
            }
        }
        return best;
    }

    /**
     * Text as filled outlines, as XChart draws its own: SVG and PDF then need no font, and look the same everywhere.
     * The baseline is {@code top} plus the font's ascent, so that titles with and without tall letters line up.
     */
    private static void drawCentered(Graphics2D g, String text, Font font, double cx, double top) {
        if (text.isEmpty()) {
            return;
        }
        TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
        Rectangle2D b = layout.getBounds();
        g.fill(layout.getOutline(AffineTransform.getTranslateInstance(cx - b.getWidth() / 2 - b.getX(),
                top + layout.getAscent())));
    }

    private static boolean isFontFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof LinkageError || t instanceof InternalError || m.contains("font")) {
                return true;
            }
        }
        return false;
    }
}
