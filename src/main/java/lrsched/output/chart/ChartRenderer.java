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

    /**
     * Does once, on the calling thread, the JVM-wide start-up work of a first chart: AWT's toolkit and colours, the
     * font manager (fontconfig) and the chart font, a few antialiased glyphs, the PNG encoder. The start-up thread
     * calls it for {@code lrsched plot} while the main thread reads the spec (20-45 ms off a 1,000-step plot on
     * the 2-core VM of the README, medians of 41 alternating runs). It draws into an image of its own and changes nothing a chart depends on: the
     * font is the one {@link Fonts} picks anyway, and a failure (no fonts) is left for the main thread to report.
     */
    public static void warmUp() {
        try {
            Fonts.requireUsable();
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(96, 24,
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(java.awt.Color.BLACK);
                g.setFont(Fonts.font(Font.PLAIN, 12));
                g.drawString("0.5e-4 step 1,000", 2, 18);
            } finally {
                g.dispose();
            }
            javax.imageio.ImageIO.getImageWritersByFormatName("png").hasNext();
        } catch (RuntimeException | Error e) {
            if (Fonts.isResourceExhaustion(e)) {
                throw e;
            }
            // the main thread meets it and says what to do
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

    /**
     * The text the legend shows for a series: its label and where it peaks, in the x axis' unit ({@code at 4k} on a
     * step axis, {@code at epoch 0.09} on an epoch axis).
     */
    public static String legendLabel(ChartSeries s, String xAxisTitle) {
        return s.label() + peakText(s, xAxisTitle);
    }

    /** Where a series peaks, as its legend says it after the label; empty for a series without a peak. */
    private static String peakText(ChartSeries s, String xAxisTitle) {
        int peak = s.peakIndex();
        if (peak < 0) {
            return "";
        }
        double x = s.xAt(peak);
        String at = xAxisTitle.equalsIgnoreCase("epoch") ? "epoch " + new java.math.BigDecimal(x)
                .setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
                : TickLabels.approximateCount(x);
        return "  (peak " + TickLabels.significant(s.yAt(peak), 3) + " at " + at + ")";
    }

    /** Something that paints itself on a canvas of the options' layout width and height. */
    interface Picture {
        void paint(Graphics2D g);
    }

    /** What one panel of the picture shows: its title and its legend entries, top to bottom. */
    public record PanelPlan(String title, List<String> legend) {
    }

    /**
     * The panels a picture of {@code series} has: for the overlay one panel titled with the options' title (and
     * what all labels share) and its legend as drawn (a heading first, when the legend names the keys once), computed
     * series first; for the grid one panel per computed series, titled with what sets its label apart (lines of a
     * wrapped title joined by {@code \n}), and listing the logged curves it also shows.
     */
    public static List<PanelPlan> plan(List<ChartSeries> series, ChartOptions options) {
        List<ChartSeries> drawn = ChartSeries.inDrawingOrder(series);
        if (options.layout() == ChartOptions.Layout.GRID) {
            List<String> logged = logged(drawn).stream().map(ChartSeries::label).toList();
            GridTitles titles = GridTitles.of(panelSeries(drawn), options);
            return titles.panels().stream().map(t -> new PanelPlan(String.join("\n", t), logged)).toList();
        }
        Overlay overlay = Overlay.of(drawn, options);
        List<String> legend = overlay.legend().box().labels();
        String heading = overlay.legend().box().heading();
        return List.of(new PanelPlan(overlay.title(), heading.isEmpty() ? legend
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(heading), legend.stream()).toList()));
    }

    /** Where the overlay's legend goes, in what words, and how much height that leaves the plot. */
    static LegendPlacement.Plan legendPlan(List<ChartSeries> series, ChartOptions options) {
        return Overlay.of(ChartSeries.inDrawingOrder(series), options).legend();
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
        Overlay overlay = Overlay.of(series, o);
        LegendPlacement.Plan legend = overlay.legend();
        int w = o.layoutWidth(), h = o.layoutHeight();
        LegendBox box = legend.box();
        int chartW = legend.side() == LegendPlacement.Side.BESIDE
                ? w - (int) Math.ceil(box.width()) - LegendPlacement.GAP : w;
        int chartH = legend.side() == LegendPlacement.Side.BELOW
                ? h - (int) Math.ceil(box.height()) - LegendPlacement.GAP : h;
        Panel panel = Panel.create(overlay.entries(), overlay.frame(), o, chartW, chartH, overlay.fittedTitle(), true,
                legend.side() == LegendPlacement.Side.INSIDE ? Optional.of(legend.inside()) : Optional.empty());
        return g -> {
            g.setColor(o.theme().background());
            g.fillRect(0, 0, w, h);
            panel.paint(g, chartW, chartH);
            switch (legend.side()) {
                case BESIDE -> box.paint(g, o.theme(), chartW, Math.max(LegendPlacement.GAP, legend.plotTop()));
                case BELOW -> box.paint(g, o.theme(), (w - box.width()) / 2, chartH + LegendPlacement.GAP / 2.0);
                default -> { }
            }
        };
    }

    /**
     * The overlay's parts: its entries, its title (the user's, with what every curve's label shares), and its
     * legend's place and wording.
     */
    private record Overlay(List<Panel.Entry> entries, AxisFrame frame, String title, String fittedTitle,
                           LegendPlacement.Plan legend) {

        static Overlay of(List<ChartSeries> series, ChartOptions o) {
            AxisFrame frame = AxisFrame.of(series, o.logY());
            int w = o.layoutWidth(), h = o.layoutHeight();
            LabelParts.Shared shared = LabelParts.dropShared(series.stream().map(ChartSeries::label).toList());
            List<String> peaks = series.stream().map(s -> peakText(s, o.xAxisTitle())).toList();
            List<String> full = new ArrayList<>(), bare = shared.rest();
            for (int i = 0; i < series.size(); i++) {
                full.add(bare.get(i) + peaks.get(i));
            }
            List<LegendPlacement.Wording> wordings = new ArrayList<>();
            wordings.add(new LegendPlacement.Wording("", full));
            Optional<LabelParts.Keyed> keyed = LabelParts.keys(bare);
            keyed.ifPresent(k -> {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < series.size(); i++) {
                    values.add(k.values().get(i) + peaks.get(i));
                }
                wordings.add(new LegendPlacement.Wording(k.heading(), values));
            });
            if (peaks.stream().anyMatch(p -> !p.isEmpty())) {
                wordings.add(new LegendPlacement.Wording("", bare));
                keyed.ifPresent(k -> wordings.add(new LegendPlacement.Wording(k.heading(), k.values())));
            }
            List<Panel.Entry> entries = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                ChartSeries drawn = drawn(series.get(i), frame, o, w, h);
                entries.add(new Panel.Entry(drawn, i, full.get(i)));
            }
            String title = withShared(o.title(), shared.text());
            String fitted = fit(title, Fonts.font(Font.BOLD, Panel.TITLE_SIZE), w - 24,
                    new FontRenderContext(null, true, false));
            LegendPlacement.Plan legend = LegendPlacement.choose(
                    (cw, ch) -> Panel.create(entries, frame, o, cw, ch, fitted, true,
                            Optional.of(LegendPosition.InsideNE)),
                    entries, wordings, w, h);
            return new Overlay(entries, frame, title, fitted, legend);
        }
    }

    /**
     * The grid's titles: the picture's (the user's, with what every panel's label shares) and each panel's (what
     * sets it apart, wrapped after a comma onto as many lines as it needs, every panel giving room for the most).
     */
    record GridTitles(String title, List<List<String>> panels, int columns, double cellWidth, int lines) {

        static GridTitles of(List<ChartSeries> series, ChartOptions o) {
            int cols = ChartRenderer.columns(series.size(), o.layoutWidth(), o.layoutHeight());
            double cellW = (double) (o.layoutWidth() - axisTitleSize()) / cols;
            LabelParts.Shared shared = LabelParts.dropShared(series.stream().map(ChartSeries::label).toList());
            FontRenderContext frc = new FontRenderContext(null, true, false);
            Font font = font();
            double room = cellW - 24;
            String title = withShared(o.title(), shared.text());
            List<List<String>> panels = wrapped(shared.rest(), font, room, frc);
            Optional<LabelParts.Keyed> keyed = LabelParts.keys(shared.rest());
            if (panels.stream().flatMap(List::stream).anyMatch(t -> t.endsWith("\u2026")) && keyed.isPresent()) {
                // too narrow for key=value: the keys go into the picture's title, the panels keep their values
                panels = wrapped(keyed.get().values(), font, room, frc);
                title = withShared(title, keyed.get().heading());
            }
            int lines = panels.stream().mapToInt(List::size).max().orElse(1);
            return new GridTitles(title, panels, cols, cellW, lines);
        }

        private static List<List<String>> wrapped(List<String> labels, Font font, double room,
                                                  FontRenderContext frc) {
            return labels.stream().map(label -> LabelParts.wrap(label, room,
                    t -> font.getStringBounds(t, frc).getWidth()).stream().map(t -> fit(t, font, room, frc))
                    .toList()).toList();
        }

        static Font font() {
            return Fonts.font(Font.BOLD, Panel.GRID_TITLE_SIZE);
        }

        /** The room the shared axis titles take at the left and bottom of the grid. */
        static int axisTitleSize() {
            FontRenderContext frc = new FontRenderContext(null, true, false);
            return (int) Math.ceil(Fonts.font(Font.PLAIN, 13).getStringBounds("Ag", frc).getHeight()) + 10;
        }
    }

    /** The user's title with what all curves share; either alone when the other is empty. */
    static String withShared(String title, String common) {
        if (common.isEmpty()) {
            return title;
        }
        return title.isEmpty() ? common : title + " (" + common + ")";
    }

    private static Picture grid(List<ChartSeries> all, ChartOptions o) {
        AxisFrame frame = AxisFrame.of(all, o.logY());
        List<ChartSeries> series = panelSeries(all);
        int n = series.size();
        List<ChartSeries> logged = n < all.size() ? logged(all) : List.of();
        LoggedKey key = logged.isEmpty() ? null : new LoggedKey(logged.stream().map(ChartSeries::label).toList(),
                java.util.stream.IntStream.range(0, logged.size()).mapToObj(k -> o.theme().seriesColor(n + k))
                        .toList(), o.theme().text(), o.layoutWidth() - 24);
        GridTitles gridTitles = GridTitles.of(series, o);
        String pictureTitle = gridTitles.title();
        int cols = gridTitles.columns();
        int rows = (n + cols - 1) / cols;
        FontRenderContext frc = new FontRenderContext(null, true, false);
        int titleHeight = pictureTitle.isEmpty() ? 0
                : (int) Math.ceil(Fonts.font(Font.BOLD, Panel.TITLE_SIZE).getStringBounds(pictureTitle, frc)
                .getHeight()) + 16;
        int left = GridTitles.axisTitleSize(), bottom = left;
        int keyTop = titleHeight == 0 ? 8 : titleHeight;
        int top = key == null ? titleHeight : keyTop + key.height();
        double cellW = gridTitles.cellWidth();
        double cellH = (double) (o.layoutHeight() - top - bottom) / rows;
        Font panelTitleFont = GridTitles.font();
        int titleLine = (int) Math.ceil(panelTitleFont.getLineMetrics("Ag", frc).getHeight());
        int panelTitleHeight = titleLine * gridTitles.lines() + 6;
        double plotH = cellH - panelTitleHeight;
        List<Panel.Entry> overlays = new ArrayList<>();
        for (int k = 0; k < logged.size(); k++) {
            overlays.add(new Panel.Entry(drawn(logged.get(k), frame, o, cellW, plotH), n + k, logged.get(k).label()));
        }
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ChartSeries s = series.get(i);
            ChartSeries drawn = drawn(s, frame, o, cellW, plotH);
            List<Panel.Entry> entries = new ArrayList<>(List.of(new Panel.Entry(drawn, i, legendLabel(s, o.xAxisTitle()))));
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
                List<String> lines = gridTitles.panels().get(i);
                for (int l = 0; l < lines.size(); l++) {
                    drawCentered(g, lines.get(l), panelTitleFont, left + (c + 0.5) * cellW,
                            top + r * cellH + 6 + l * titleLine);
                }
            }
            if (!pictureTitle.isEmpty()) {
                Font font = Fonts.font(Font.BOLD, Panel.TITLE_SIZE);
                drawCentered(g, fit(pictureTitle, font, o.layoutWidth() - 24, frc), font, o.layoutWidth() / 2.0, 10);
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
