package lrsched.output.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid layout's key to the logged curves, drawn once above the panels (every panel shows every logged curve,
 * and the panels have no legend of their own): a dashed line sample in each curve's colour and its label, in one
 * centred row.
 */
final class LoggedKey {

    private static final int SAMPLE = 22;
    private static final int GAP = 6;
    private static final int SPACING = 20;
    private static final int PADDING = 8;

    private final List<String> labels;
    private final List<Color> colors;
    private final Color text;
    private final Font font;
    private final FontRenderContext frc = new FontRenderContext(null, true, false);

    /**
     * @param labels labels of the logged curves, in drawing order
     * @param colors their colours
     * @param text   the colour of the labels
     * @param width  the width the row must fit in; labels are cut to share it
     */
    LoggedKey(List<String> labels, List<Color> colors, Color text, double width) {
        this.font = Fonts.font(Font.PLAIN, 12);
        this.colors = colors;
        this.text = text;
        double fixed = labels.size() * (SAMPLE + GAP) + (labels.size() - 1) * SPACING;
        double share = (width - fixed) / Math.max(1, labels.size());
        List<String> fitted = new ArrayList<>();
        for (String l : labels) {
            fitted.add(ChartRenderer.fit(l, font, Math.max(share, 12), frc));
        }
        this.labels = fitted;
    }

    /** The height of the key's row, including space below it. */
    int height() {
        return (int) Math.ceil(font.getLineMetrics("Ag", frc).getHeight()) + PADDING;
    }

    /** Paints the row centred on {@code centreX}, its text's top at {@code top}. */
    void paint(Graphics2D g, double centreX, double top) {
        double total = -SPACING;
        List<TextLayout> texts = new ArrayList<>();
        for (String l : labels) {
            TextLayout t = new TextLayout(l, font, g.getFontRenderContext());
            texts.add(t);
            total += SPACING + SAMPLE + GAP + t.getAdvance();
        }
        double x = centreX - total / 2;
        for (int i = 0; i < texts.size(); i++) {
            TextLayout t = texts.get(i);
            double baseline = top + t.getAscent();
            double middle = baseline - t.getAscent() * 0.35;
            g.setColor(colors.get(i));
            g.setStroke(Panel.loggedLine());
            g.draw(new Line2D.Double(x, middle, x + SAMPLE, middle));
            x += SAMPLE + GAP;
            g.setColor(text);
            g.fill(t.getOutline(AffineTransform.getTranslateInstance(x, baseline)));
            x += t.getAdvance() + SPACING;
        }
    }
}
