package lrsched.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * A legend drawn beside or below the plot (XChart's own legend stays inside it): an optional heading, then the
 * entries in {@code columns} columns, filled column by column, each a line sample in the curve's colour (dashed for
 * a logged curve) and its text, which may be several lines (separated by {@code \n}). Sizes follow XChart's
 * legend, so that a legend looks the same inside and outside.
 */
final class LegendBox {

    static final int PADDING = 7;
    static final int SAMPLE = 22;
    private static final FontRenderContext FRC = new FontRenderContext(null, true, false);

    private final String heading;
    private final List<String> labels;
    private final List<Panel.Entry> entries;
    private final int columns;
    private final Font font;
    private final Font headingFont;
    private final double columnWidth;
    private final double lineHeight;

    /**
     * @param heading what the entries share (their keys), empty for none
     * @param labels  the text of each entry, in the order of {@code entries}
     * @param entries the curves, for their colours and dashes
     * @param columns how many columns the entries fill
     */
    LegendBox(String heading, List<String> labels, List<Panel.Entry> entries, int columns) {
        this.heading = heading;
        this.labels = labels;
        this.entries = entries;
        this.columns = Math.max(1, Math.min(columns, labels.size()));
        this.font = Fonts.font(Font.PLAIN, 12);
        this.headingFont = Fonts.font(Font.BOLD, 12);
        double text = 0;
        for (String l : labels) {
            for (String line : l.split("\n")) {
                text = Math.max(text, font.getStringBounds(line, FRC).getWidth());
            }
        }
        this.columnWidth = SAMPLE + PADDING + text;
        this.lineHeight = Math.max(font.getStringBounds("Ag", FRC).getHeight(), 3);
    }

    /** The height of an entry: its lines and the padding below them. */
    private double entryHeight(int i) {
        return labels.get(i).split("\n").length * lineHeight + PADDING;
    }

    /** The height of row {@code row}: its tallest entry. */
    private double rowHeight(int row) {
        double h = 0;
        for (int i = row; i < labels.size(); i += rows()) {
            h = Math.max(h, entryHeight(i));
        }
        return h;
    }

    int rows() {
        return (labels.size() + columns - 1) / columns;
    }

    double width() {
        double head = heading.isEmpty() ? 0 : headingFont.getStringBounds(heading, FRC).getWidth();
        return Math.max(columns * columnWidth + (columns - 1) * 2.0 * PADDING, head) + 2.0 * PADDING;
    }

    double height() {
        double h = PADDING + (heading.isEmpty() ? 0 : lineHeight + PADDING);
        for (int row = 0; row < rows(); row++) {
            h += rowHeight(row);
        }
        return h;
    }

    List<String> labels() {
        return labels;
    }

    String heading() {
        return heading;
    }

    int columns() {
        return columns;
    }

    /** Paints the box with its top left corner at ({@code x}, {@code y}). */
    void paint(Graphics2D g, ChartTheme theme, double x, double y) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Rectangle2D box = new Rectangle2D.Double(x, y, width(), height());
        g.setColor(Panel.withAlpha(theme.background(), 230));
        g.fill(box);
        g.setColor(theme.grid());
        g.setStroke(new BasicStroke(1f));
        g.draw(box);
        double top = y + PADDING;
        if (!heading.isEmpty()) {
            g.setColor(theme.text());
            text(g, heading, headingFont, x + PADDING, top);
            top += lineHeight + PADDING;
        }
        double[] rowTops = new double[rows()];
        for (int row = 0; row < rows(); row++) {
            rowTops[row] = row == 0 ? top : rowTops[row - 1] + rowHeight(row - 1);
        }
        BasicStroke solid = new BasicStroke(Panel.LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        for (int i = 0; i < labels.size(); i++) {
            int column = i / rows(), row = i % rows();
            double left = x + PADDING + column * (columnWidth + 2.0 * PADDING);
            double rowTop = rowTops[row];
            String[] lines = labels.get(i).split("\n");
            TextLayout t = new TextLayout(lines[0], font, FRC);
            double middle = rowTop + t.getAscent() * 0.65;
            Panel.Entry e = entries.get(i);
            g.setColor(theme.seriesColor(e.colorIndex()));
            g.setStroke(e.series().isLogged() ? Panel.loggedLine() : solid);
            g.draw(new Line2D.Double(left, middle, left + SAMPLE, middle));
            g.setColor(theme.text());
            for (int l = 0; l < lines.length; l++) {
                text(g, lines[l], font, left + SAMPLE + PADDING, rowTop + l * lineHeight);
            }
        }
    }

    /** Text as filled outlines (as XChart draws its own), its top at {@code top}. */
    private static void text(Graphics2D g, String s, Font font, double left, double top) {
        TextLayout t = new TextLayout(s, font, g.getFontRenderContext());
        g.fill(t.getOutline(AffineTransform.getTranslateInstance(left, top + t.getAscent())));
    }
}
