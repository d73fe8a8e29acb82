package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ChartRendererTest {

    private static final List<ChartSeries> THREE = Curves.three(800);
    private static final ChartOptions OPTIONS = ChartOptions.defaults().withTitle("Three schedules");

    @Test
    void pngHasTheRequestedSizeAndResolution() {
        byte[] png = ChartRenderer.render(THREE, OPTIONS, ChartFormat.PNG);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(ihdrSize(png)).containsExactly(800, 500);
        assertThat(pixelsPerMetre(png)).isEqualTo(3780); // 96 dpi
        assertThat(png.length).isBetween(10_000, 200_000);
    }

    @Test
    void higherDpiGivesMorePixelsOfTheSameLayout() {
        byte[] png = ChartRenderer.render(THREE, OPTIONS.withDpi(192), ChartFormat.PNG);
        assertThat(ihdrSize(png)).containsExactly(1600, 1000);
        assertThat(pixelsPerMetre(png)).isEqualTo(7559);
    }

    @Test
    void scaledLayoutsPaintTheWholeImage() throws IOException {
        for (ChartOptions o : List.of(OPTIONS.withSize(1600, 1000), OPTIONS.withSize(1234, 777).withLayout(
                ChartOptions.Layout.GRID))) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartRenderer.render(THREE, o,
                    ChartFormat.PNG)));
            int w = image.getWidth(), h = image.getHeight();
            for (int y = 0; y < h; y++) {
                assertThat(image.getRGB(w - 1, y) & 0xffffff).as("right edge, row %d", y).isEqualTo(0xffffff);
            }
            for (int x = 0; x < w; x++) {
                assertThat(image.getRGB(x, h - 1) & 0xffffff).as("bottom edge, column %d", x).isEqualTo(0xffffff);
            }
        }
    }

    @Test
    void svgHasTheRequestedSize() {
        String svg = new String(ChartRenderer.render(THREE, OPTIONS.withSize(1600, 1000), ChartFormat.SVG),
                StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<?xml").contains("<svg").contains("width=\"1600px\"")
                .contains("height=\"1000px\"").endsWith("</svg>\n");
        assertThat(svg.length()).isLessThan(2_000_000);
    }

    @Test
    void pdfIsOnePageOfTheChartsPrintSize() {
        byte[] pdf = ChartRenderer.render(THREE, OPTIONS, ChartFormat.PDF);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-").contains("/MediaBox [0 0 600 375]").doesNotContain("CreationDate");
    }

    @Test
    void sameInputGivesTheSameBytes() {
        for (ChartFormat f : ChartFormat.values()) {
            for (ChartOptions o : List.of(OPTIONS, OPTIONS.withLayout(ChartOptions.Layout.GRID).withLogY(true))) {
                assertThat(ChartRenderer.render(THREE, o, f)).as(f + " " + o.layout())
                        .isEqualTo(ChartRenderer.render(THREE, o, f));
            }
        }
    }

    @Test
    void svgIdsDoNotDependOnObjectIdentity() {
        String svg = new String(ChartRenderer.render(THREE, OPTIONS, ChartFormat.SVG), StandardCharsets.UTF_8);
        assertThat(svg).contains("id=\"clip1\"").doesNotContainPattern("clip\\d{4,}");
        assertThat(SvgWriter.renumberIds("<clipPath id=\"clip91827\"/><g clip-path=\"url(#clip91827)\"/>"
                + "<clipPath id=\"clip5\"/>"))
                .isEqualTo("<clipPath id=\"clip1\"/><g clip-path=\"url(#clip1)\"/><clipPath id=\"clip2\"/>");
    }

    @Test
    void overlayHasOneLegendEntryPerSeriesWithItsPeak() {
        assertThat(ChartRenderer.plan(THREE, OPTIONS)).containsExactly(new ChartRenderer.PanelPlan(
                "Three schedules", List.of("noam  (peak 6.99e-4 at 4k)", "cosine  (peak 6e-4 at 1k)",
                        "step  (peak 5e-4 at 0)")));
    }

    @Test
    void gridHasOnePanelPerSeries() {
        assertThat(ChartRenderer.plan(THREE, OPTIONS.withLayout(ChartOptions.Layout.GRID)))
                .extracting(ChartRenderer.PanelPlan::title)
                .containsExactly("noam", "cosine", "step");
    }

    /** A log that followed the noam curve for its first 10k steps, given before the computed curves. */
    private static List<ChartSeries> threeAndALog() {
        ChartSeries log = Decimator.sample(0, 19_900, 800, s -> Curves.noam(Math.min(s, 10_000), 4000))
                .toSeries("run 1").asLogged();
        List<ChartSeries> all = new java.util.ArrayList<>(List.of(log));
        all.addAll(THREE);
        return all;
    }

    @Test
    void loggedCurvesComeLastInTheLegend() {
        assertThat(ChartRenderer.plan(threeAndALog(), OPTIONS).get(0).legend()).containsExactly(
                "noam  (peak 6.99e-4 at 4k)", "cosine  (peak 6e-4 at 1k)", "step  (peak 5e-4 at 0)",
                "run 1  (peak 6.99e-4 at 4k)");
    }

    @Test
    void inTheGridEveryPanelShowsTheLoggedCurves() {
        assertThat(ChartRenderer.plan(threeAndALog(), OPTIONS.withLayout(ChartOptions.Layout.GRID)))
                .containsExactly(new ChartRenderer.PanelPlan("noam", List.of("run 1")),
                        new ChartRenderer.PanelPlan("cosine", List.of("run 1")),
                        new ChartRenderer.PanelPlan("step", List.of("run 1")));
    }

    @Test
    void loggedCurvesAreDrawnDashedOverTheComputedOnes() {
        for (ChartOptions o : List.of(OPTIONS, OPTIONS.withLayout(ChartOptions.Layout.GRID))) {
            String svg = new String(ChartRenderer.render(threeAndALog(), o, ChartFormat.SVG),
                    StandardCharsets.UTF_8);
            // the fifth colour of the light palette, after the frame series and three computed curves
            int firstLogged = svg.indexOf("stroke:rgb(214,39,40)");
            assertThat(firstLogged).as(o.layout().name()).isPositive();
            assertThat(svg.substring(firstLogged, svg.indexOf("/>", firstLogged))).contains("dasharray:7,4");
            // drawn after the computed curve of its panel (in the overlay: after all three)
            String lastComputed = o.layout() == ChartOptions.Layout.GRID ? "rgb(31,119,180)" : "rgb(44,160,44)";
            assertThat(svg.indexOf("stroke:" + lastComputed + ";stroke-width:1.8")).isPositive()
                    .isLessThan(firstLogged);
        }
        BufferedImage grid = null;
        try {
            grid = ImageIO.read(new ByteArrayInputStream(ChartRenderer.render(threeAndALog(),
                    OPTIONS.withLayout(ChartOptions.Layout.GRID), ChartFormat.PNG)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(grid.getWidth()).isEqualTo(800);
    }

    @Test
    void gridIsOneImageOfTheRequestedSize() throws IOException {
        List<ChartSeries> many = new java.util.ArrayList<>();
        for (int w : new int[] {500, 1000, 2000, 4000, 8000}) {
            many.add(Decimator.sample(0, 19_999, 400, s -> Curves.noam(s, w), w).toSeries("warmup=" + w)
                    .withWarmupEnd(w));
        }
        byte[] png = ChartRenderer.render(many, OPTIONS.withLayout(ChartOptions.Layout.GRID), ChartFormat.PNG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
    }

    @Test
    void longPanelTitlesAreCutToFit() {
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
        java.awt.Font font = Fonts.font(java.awt.Font.BOLD, 13);
        String cut = ChartRenderer.fit("num_warmup_steps=2000, lr=3e-4, weight_decay=0.1", font, 150, frc);
        assertThat(cut).endsWith("\u2026").startsWith("num_warmup");
        assertThat(font.getStringBounds(cut, frc).getWidth()).isLessThanOrEqualTo(150);
        assertThat(ChartRenderer.fit("noam", font, 150, frc)).isEqualTo("noam");
    }

    @Test
    void gridColumnsKeepPanelsWide() {
        assertThat(ChartRenderer.columns(1, 800, 500)).isEqualTo(1);
        assertThat(ChartRenderer.columns(2, 800, 500)).isEqualTo(2);
        assertThat(ChartRenderer.columns(4, 800, 500)).isEqualTo(2);
        assertThat(ChartRenderer.columns(9, 1600, 1000)).isEqualTo(3);
    }

    @Test
    void decimatedCurveDrawsLikeTheFullCurve() throws IOException {
        long last = 39_999;
        ChartOptions o = ChartOptions.defaults();
        double[] x = new double[(int) last + 1], y = new double[x.length];
        for (int s = 0; s <= last; s++) {
            x[s] = s;
            y[s] = Curves.warmupCosine(s, 4000, 40_000) * (1 + 0.2 * Math.sin(s / 300.0));
        }
        ChartSeries full = ChartSeries.of("c", x, y);
        ChartSeries reduced = Decimator.sample(0, last, o.decimationColumns(ChartFormat.PNG),
                s -> Curves.warmupCosine(s, 4000, 40_000) * (1 + 0.2 * Math.sin(s / 300.0))).toSeries("c");
        assertThat(reduced.size()).isLessThan(4 * 800 + 1);
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(ChartRenderer.render(List.of(full), o, ChartFormat.PNG)));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(
                ChartRenderer.render(List.of(reduced), o, ChartFormat.PNG)));
        // Anti-aliasing differs a little (the full curve stacks ~50 translucent segment edges per pixel column), but
        // no pixel may be inked in one picture and blank in the other.
        int misplaced = 0;
        for (int i = 0; i < a.getWidth(); i++) {
            for (int j = 0; j < a.getHeight(); j++) {
                int inkA = ink(a.getRGB(i, j)), inkB = ink(b.getRGB(i, j));
                if ((inkA < 16 && inkB > 128) || (inkB < 16 && inkA > 128)) {
                    misplaced++;
                }
            }
        }
        assertThat(misplaced).isLessThan(20);
    }

    @Test
    void emptyInputIsRefused() {
        assertThatThrownBy(() -> ChartRenderer.render(List.of(), OPTIONS, ChartFormat.PNG))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void curvesWithoutDrawablePointsStillGiveAPicture() {
        ChartSeries zeros = ChartSeries.of("zero", new double[] {0, 1, 2}, new double[] {0, 0, 0});
        assertThat(ChartRenderer.render(List.of(zeros), OPTIONS.withLogY(true), ChartFormat.PNG)).isNotEmpty();
        assertThat(ChartRenderer.render(List.of(zeros), OPTIONS, ChartFormat.PNG)).isNotEmpty();
        ChartSeries one = ChartSeries.of("one", new double[] {5}, new double[] {1e-3});
        assertThat(ChartRenderer.render(List.of(one), OPTIONS, ChartFormat.SVG)).isNotEmpty();
    }

    /** How far a pixel is from the white background, 0 to 255. */
    private static int ink(int rgb) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, 255 - ((rgb >> shift) & 0xff));
        }
        return d;
    }

    private static int[] ihdrSize(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png);
        assertThat(new String(png, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
        return new int[] {b.getInt(16), b.getInt(20)};
    }

    private static int pixelsPerMetre(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png);
        int pos = 8;
        while (pos < png.length) {
            int length = b.getInt(pos);
            String type = new String(png, pos + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("pHYs")) {
                assertThat(png[pos + 16]).isEqualTo((byte) 1); // unit: metre
                return b.getInt(pos + 8);
            }
            pos += 12 + length;
        }
        throw new AssertionError("no pHYs chunk");
    }
}
