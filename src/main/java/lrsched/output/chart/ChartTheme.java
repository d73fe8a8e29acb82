package lrsched.output.chart;

import java.awt.Color;
import java.util.Locale;
import java.util.Optional;

/**
 * Colours of a chart. Every theme draws thin lines without markers, light grid lines and a legend on a
 * half-transparent box; they differ in background and series palette.
 */
public enum ChartTheme {
    /** White background, matplotlib's "tab10" palette: familiar from papers. */
    LIGHT(new Color(0xFFFFFF), new Color(0x222222), new Color(0xE6E6E6), new Color(0xB0B0B0),
            0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF),
    /** Dark background for slides and dark-mode pages. */
    DARK(new Color(0x1B1E23), new Color(0xE2E4E8), new Color(0x33373E), new Color(0x5A5F68),
            0x5AB4F0, 0xFFA14A, 0x6ED46E, 0xF2676A, 0xB898E8, 0xD6A18C, 0xF59BD3, 0xBDBDBD, 0xDEDE5C, 0x4FD8E6),
    /** White background, the Okabe-Ito palette that stays distinct for colour-blind readers and in greyscale. */
    COLORBLIND(new Color(0xFFFFFF), new Color(0x222222), new Color(0xE6E6E6), new Color(0xB0B0B0),
            0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0x000000, 0xF0E442);

    /** The contrast a warmup mark has at least against the background. */
    static final double MARK_CONTRAST = 3.0;

    private final Color background;
    private final Color text;
    private final Color grid;
    private final Color frame;
    private final int[] palette;

    ChartTheme(Color background, Color text, Color grid, Color frame, int... palette) {
        this.background = background;
        this.text = text;
        this.grid = grid;
        this.frame = frame;
        this.palette = palette;
    }

    /** The theme with this name, ignoring case ({@code light}, {@code dark}, {@code colorblind}). */
    public static Optional<ChartTheme> named(String name) {
        for (ChartTheme t : values()) {
            if (t.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    Color background() {
        return background;
    }

    Color text() {
        return text;
    }

    /** Secondary text (tick labels): the text colour, a little lighter. */
    Color mutedText() {
        return blend(text, background, 0.25);
    }

    Color grid() {
        return grid;
    }

    Color frame() {
        return frame;
    }

    /** The colour of the {@code index}-th series; the palette repeats after its last colour. */
    Color seriesColor(int index) {
        return new Color(palette[Math.floorMod(index, palette.length)]);
    }

    /**
     * The colour of the dashed line that marks where a series' warmup ends: the series' colour, moved towards the text
     * colour just far enough to stand out from the background by the 3:1 contrast that WCAG asks of graphics (a pale
     * orange or yellow-green line on white would otherwise all but vanish).
     */
    Color warmupMarkColor(int index) {
        Color c = seriesColor(index);
        for (int step = 1; step <= 10 && contrast(c, background) < MARK_CONTRAST; step++) {
            c = blend(seriesColor(index), text, step / 10.0);
        }
        return c;
    }

    /** WCAG 2 contrast ratio of two colours, 1 to 21. */
    static double contrast(Color a, Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** How many colours the palette has before it repeats. */
    int paletteSize() {
        return palette.length;
    }

    static Color blend(Color a, Color b, double towardsB) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * towardsB),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * towardsB),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * towardsB));
    }
}
