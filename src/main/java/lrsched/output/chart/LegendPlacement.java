package lrsched.output.chart;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Puts the legend where it covers no curve: the first free inside corner (top right, top left, bottom right, bottom
 * left, top centre, bottom centre), else beside the plot or below it in columns, in shorter words if need be, always
 * leaving the plot at least two thirds of the picture's height.
 */
final class LegendPlacement {

    /** XChart insets an inside legend this far from the plot's edges. */
    private static final double INSET = 6;
    /** Keep this much air between a curve and the legend box. */
    private static final double AIR = 4;

    private static final List<LegendPosition> INSIDE = List.of(LegendPosition.InsideNE, LegendPosition.InsideNW,
            LegendPosition.InsideSE, LegendPosition.InsideSW, LegendPosition.InsideN, LegendPosition.InsideS);

    private LegendPlacement() {
    }

    /** The room between the chart and a legend beside or below it, and between that legend and the edge. */
    static final int GAP = 8;
    /** A legend beside the plot may take this much of the picture's width. */
    static final double BESIDE_MAX = 0.4;
    /** A legend below the plot must leave it this much of the picture's height. */
    static final double PLOT_MIN = 2.0 / 3;

    /** Where a legend goes: inside the plot (XChart draws it), or a {@link LegendBox} beside or below. */
    enum Side { INSIDE, BESIDE, BELOW }

    /** One way to write the legend: an optional heading and a text per entry. */
    record Wording(String heading, List<String> labels) {
    }

    /**
     * The legend's place and wording.
     *
     * @param side         inside, beside or below the plot
     * @param inside       XChart's position for an inside legend
     * @param box          the legend drawn beside or below (for an inside one: its wording, one column)
     * @param plotFraction how much of the picture's height the plot area keeps
     * @param plotTop      where the plot area starts, from the picture's top
     */
    record Plan(Side side, LegendPosition inside, LegendBox box, double plotFraction, double plotTop) {
    }

    /**
     * The best place for the legend of {@code entries}, drawn by a chart of the given size: the first free inside
     * corner (with the first wording); else, for each wording in turn, beside the plot when it takes at most
     * {@value #BESIDE_MAX} of the width, or below in as few columns as leave the plot two thirds of the height. When
     * no wording fits on one line anywhere, the first one goes beside the plot, wrapped at spaces. {@code chartOfSize} builds
     * the chart at a size, with an inside legend; it is painted off-screen to learn where the plot area is (at the
     * full size, and at the height a legend below would leave it).
     */
    static Plan choose(java.util.function.BiFunction<Integer, Integer, Panel> chartOfSize, List<Panel.Entry> entries,
                       List<Wording> wordings, int width, int height) {
        Probe probe = probe(chartOfSize, width, height);
        Rectangle2D.Double plot = probe.plot;
        double full = plot == null ? 0 : plot.getHeight() / height;
        double top = plot == null ? GAP : plot.getY();
        Wording first = wordings.get(0);
        if (plot != null) {
            LegendBox box = new LegendBox(first.heading(), first.labels(), entries, 1);
            double lw = box.width() + 2 * AIR, lh = box.height() + 2 * AIR;
            for (LegendPosition p : INSIDE) {
                Rectangle2D at = boxAt(p, plot, lw, lh);
                if (at != null && !anyCurveCrosses(at, entries, probe)) {
                    return new Plan(Side.INSIDE, p, box, full, top);
                }
            }
        }
        double plotHeight = plot == null ? height : plot.getHeight();
        for (Wording w : wordings) {
            LegendBox beside = new LegendBox(w.heading(), w.labels(), entries, 1);
            if (beside.width() + GAP <= BESIDE_MAX * width && beside.height() <= plotHeight) {
                return new Plan(Side.BESIDE, LegendPosition.OutsideE, beside, full, top);
            }
            for (int columns = 1; columns <= w.labels().size(); columns++) {
                LegendBox below = new LegendBox(w.heading(), w.labels(), entries, columns);
                if (below.width() > width - 2 * GAP) {
                    break;
                }
                // the plot loses about the legend's height; measured on the chart that would be drawn
                int chartHeight = height - (int) Math.ceil(below.height()) - GAP;
                if ((plotHeight - below.height() - GAP) / height >= PLOT_MIN - 0.05) {
                    Rectangle2D.Double kept = probe(chartOfSize, width, chartHeight).plot;
                    double fraction = kept == null ? 0 : kept.getHeight() / height;
                    if (fraction >= PLOT_MIN) {
                        return new Plan(Side.BELOW, LegendPosition.OutsideS, below, fraction, top);
                    }
                }
            }
        }
        // nothing fits on one line: the first wording, wrapped at spaces beside the plot (a word wider than the
        // legend is cut), else with every entry's first line only
        FontRenderContext frc = new FontRenderContext(null, true, false);
        Font font = Fonts.font(Font.PLAIN, 12);
        double room = BESIDE_MAX * width - GAP - 3 * LegendBox.PADDING - LegendBox.SAMPLE;
        List<List<String>> wrapped = first.labels().stream().map(l -> LabelParts.wrapWords(l, room,
                t -> font.getStringBounds(t, frc).getWidth()).stream().map(t -> ChartRenderer.fit(t, font, room, frc))
                .toList()).toList();
        LegendBox box = new LegendBox(first.heading(), wrapped.stream().map(l -> String.join("\n", l)).toList(),
                entries, 1);
        if (box.height() > plotHeight) {
            box = new LegendBox(first.heading(), wrapped.stream().map(l -> l.get(0) + (l.size() > 1 ? "\u2026" : ""))
                    .map(t -> ChartRenderer.fit(t, font, room, frc)).toList(), entries, 1);
        }
        return new Plan(Side.BESIDE, LegendPosition.OutsideE, box, full, top);
    }

    /** Paints the chart of the given size off-screen once, to learn where its plot area is. */
    private static Probe probe(java.util.function.BiFunction<Integer, Integer, Panel> chartOfSize, int width,
                               int height) {
        Panel panel = chartOfSize.apply(width, height);
        Probe probe = new Probe();
        panel.chart().addAnnotation(probe);
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            panel.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return probe;
    }

    private static Rectangle2D boxAt(LegendPosition p, Rectangle2D plot, double w, double h) {
        if (w > plot.getWidth() - 2 * INSET || h > plot.getHeight() - 2 * INSET) {
            return null;
        }
        double left = plot.getMinX() + INSET - AIR, right = plot.getMaxX() - INSET + AIR - w;
        double top = plot.getMinY() + INSET - AIR, bottom = plot.getMaxY() - INSET + AIR - h;
        double centre = plot.getCenterX() - w / 2;
        return switch (p) {
            case InsideNE -> new Rectangle2D.Double(right, top, w, h);
            case InsideNW -> new Rectangle2D.Double(left, top, w, h);
            case InsideSE -> new Rectangle2D.Double(right, bottom, w, h);
            case InsideSW -> new Rectangle2D.Double(left, bottom, w, h);
            case InsideN -> new Rectangle2D.Double(centre, top, w, h);
            case InsideS -> new Rectangle2D.Double(centre, bottom, w, h);
            default -> null;
        };
    }

    private static boolean anyCurveCrosses(Rectangle2D box, List<Panel.Entry> entries, Probe probe) {
        for (Panel.Entry e : entries) {
            ChartSeries s = e.series();
            double px = Double.NaN, py = Double.NaN;
            for (int i = 0; i < s.size(); i++) {
                double y = s.yAt(i);
                if (!Double.isFinite(y) || (probe.logY && y <= 0)) {
                    px = Double.NaN;
                    continue;
                }
                double sx = probe.screenX(s.xAt(i)), sy = probe.screenY(y);
                if (Double.isNaN(px) ? box.contains(sx, sy) : box.intersectsLine(px, py, sx, sy)) {
                    return true;
                }
                px = sx;
                py = sy;
            }
        }
        return false;
    }

    /** Draws nothing; learns the plot area and the data-to-screen mapping while the chart paints. */
    static final class Probe extends Annotation {
        Rectangle2D.Double plot;
        boolean logY;

        Probe() {
            super(false);
        }

        @Override
        public void paint(Graphics2D g) {
            double x0 = getXAxisScreenValueForMin(), x1 = getXAxisScreenValueForMax();
            double y0 = getYAxisScreenValueForMax(), y1 = getYAxisScreenValueForMin();
            plot = new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
            logY = chart.getStyler().isYAxisLogarithmic();
        }

        double screenX(double x) {
            return getXAxisScreenValue(x);
        }

        double screenY(double y) {
            return getYAxisScreenValue(y);
        }
    }
}
