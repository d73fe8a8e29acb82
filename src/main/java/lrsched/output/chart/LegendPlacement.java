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
 * left, top centre, bottom centre), else outside to the right (or below, when the labels are long).
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

    /**
     * The best position for the legend of {@code entries}, drawn by a chart of the given size. {@code probeChart}
     * builds the chart with an inside legend; it is painted once off-screen to learn where the plot area is.
     */
    static LegendPosition choose(java.util.function.Supplier<Panel> probeChart, List<Panel.Entry> entries, int width,
                                 int height, Font legendFont, int padding, int lineLength) {
        Panel panel = probeChart.get();
        Probe probe = new Probe();
        panel.chart().addAnnotation(probe);
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            panel.paint(g, width, height);
        } finally {
            g.dispose();
        }
        Rectangle2D.Double plot = probe.plot;
        if (plot == null) {
            return LegendPosition.OutsideE;
        }
        double[] size = legendSize(entries, legendFont, padding, lineLength);
        double lw = size[0] + 2 * AIR, lh = size[1] + 2 * AIR;
        for (LegendPosition p : INSIDE) {
            Rectangle2D box = boxAt(p, plot, lw, lh);
            if (box != null && !anyCurveCrosses(box, entries, probe)) {
                return p;
            }
        }
        return size[0] < 0.28 * width ? LegendPosition.OutsideE : LegendPosition.OutsideS;
    }

    static double[] legendSize(List<Panel.Entry> entries, Font font, int padding, int lineLength) {
        FontRenderContext frc = new FontRenderContext(null, true, false);
        double textWidth = 0, height = padding;
        for (Panel.Entry e : entries) {
            Rectangle2D b = font.getStringBounds(e.legendLabel(), frc);
            textWidth = Math.max(textWidth, b.getWidth());
            height += Math.max(b.getHeight(), 3) + padding;
        }
        return new double[] {textWidth + lineLength + 3.0 * padding, height};
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
