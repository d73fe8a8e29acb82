package lrsched.output.chart;

import java.util.Objects;

/**
 * How to draw a chart. Immutable; start from {@link #defaults()} and change what you need with the {@code with...}
 * methods.
 *
 * <p>Sizes are in CSS pixels (1/96 inch): an SVG is {@code width x height} pixels, and a PNG is too at the default
 * {@code dpi} of 96. A higher {@code dpi} renders the same picture with more pixels (at 192 dpi an 800x500 chart is a
 * 1600x1000 PNG with the same layout and twice as sharp), and records the resolution in the PNG so that it prints at
 * {@code width / 96} inches.
 *
 * @param title      the chart title; empty for none
 * @param width      width in pixels (at 96 dpi), at least 160
 * @param height     height in pixels (at 96 dpi), at least 120
 * @param dpi        resolution of a PNG, 24 to 1200; ignored for SVG and PDF
 * @param logY       logarithmic learning-rate axis (non-positive values are left out)
 * @param layout     one chart with a legend, or one small chart per series
 * @param theme      colours and fonts
 * @param xAxisTitle the x axis title, "Step" or "Epoch" usually
 * @param yAxisTitle the y axis title
 */
public record ChartOptions(String title, int width, int height, int dpi, boolean logY, Layout layout, ChartTheme theme,
                           String xAxisTitle, String yAxisTitle) {

    /** The resolution at which one chart pixel is one image pixel. */
    public static final int BASE_DPI = 96;

    /** Overlay puts every series in one chart; grid gives each its own chart, with shared axes, in one image. */
    public enum Layout { OVERLAY, GRID }

    public ChartOptions {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(xAxisTitle, "xAxisTitle");
        Objects.requireNonNull(yAxisTitle, "yAxisTitle");
        if (width < 160 || width > 20_000) {
            throw new IllegalArgumentException("width must be 160 to 20000 pixels, got " + width);
        }
        if (height < 120 || height > 20_000) {
            throw new IllegalArgumentException("height must be 120 to 20000 pixels, got " + height);
        }
        if (dpi < 24 || dpi > 1200) {
            throw new IllegalArgumentException("dpi must be 24 to 1200, got " + dpi);
        }
        if ((long) width * dpi / BASE_DPI * ((long) height * dpi / BASE_DPI) > 100_000_000L) {
            throw new IllegalArgumentException("image too large: " + width + "x" + height + " at " + dpi
                    + " dpi is over 100 megapixels");
        }
    }

    /** 800x500 at 96 dpi, overlay, light theme, linear axes, "Step" and "Learning rate", no title. */
    public static ChartOptions defaults() {
        return new ChartOptions("", 800, 500, BASE_DPI, false, Layout.OVERLAY, ChartTheme.LIGHT, "Step",
                "Learning rate");
    }

    public ChartOptions withTitle(String title) {
        return new ChartOptions(title, width, height, dpi, logY, layout, theme, xAxisTitle, yAxisTitle);
    }

    public ChartOptions withSize(int width, int height) {
        return new ChartOptions(title, width, height, dpi, logY, layout, theme, xAxisTitle, yAxisTitle);
    }

    public ChartOptions withDpi(int dpi) {
        return new ChartOptions(title, width, height, dpi, logY, layout, theme, xAxisTitle, yAxisTitle);
    }

    public ChartOptions withLogY(boolean logY) {
        return new ChartOptions(title, width, height, dpi, logY, layout, theme, xAxisTitle, yAxisTitle);
    }

    public ChartOptions withLayout(Layout layout) {
        return new ChartOptions(title, width, height, dpi, logY, layout, theme, xAxisTitle, yAxisTitle);
    }

    public ChartOptions withTheme(ChartTheme theme) {
        return new ChartOptions(title, width, height, dpi, logY, layout, theme, xAxisTitle, yAxisTitle);
    }

    public ChartOptions withAxisTitles(String xAxisTitle, String yAxisTitle) {
        return new ChartOptions(title, width, height, dpi, logY, layout, theme, xAxisTitle, yAxisTitle);
    }

    /** Image pixels per chart pixel in a PNG. */
    double pixelScale() {
        return (double) dpi / BASE_DPI;
    }

    /**
     * How much text, lines and margins grow with the canvas: a chart larger than 800x500 is laid out on a smaller
     * canvas and magnified, by the square root of the size ratio, so it gets both more room and larger text (a
     * 1600x1000 chart has 1.41 times the text size of an 800x500 one, not the same tiny text on a larger field).
     */
    double designScale() {
        double ratio = Math.min(width / 800.0, height / 500.0);
        return Math.max(0.8, Math.min(3.0, Math.sqrt(ratio)));
    }

    /** The width the chart is laid out at, before {@link #designScale()} magnifies it. */
    int layoutWidth() {
        return (int) Math.round(width / designScale());
    }

    /** The height the chart is laid out at, before {@link #designScale()} magnifies it. */
    int layoutHeight() {
        return (int) Math.round(height / designScale());
    }

    /**
     * How many columns to {@link Decimator decimate} a curve into for {@code format}: one per device pixel of a PNG;
     * for vector formats, which readers zoom into, two per chart pixel (each writer says).
     */
    public int decimationColumns(ChartFormat format) {
        return format.writer().decimationColumns(this);
    }

    /** The PNG's width in pixels. */
    public int imageWidth() {
        return (int) Math.round(width * pixelScale());
    }

    /** The PNG's height in pixels. */
    public int imageHeight() {
        return (int) Math.round(height * pixelScale());
    }
}
