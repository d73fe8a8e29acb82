package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** Issue 16: charts that keep their plot (legends of many entries, grid titles, log grids, warmup marks). */
class ChartLayoutTest {

    /** hf.cosine over 10k steps swept over three warmups and three peaks, as --sweep twice names them. */
    private static List<ChartSeries> nineSweeps() {
        List<ChartSeries> series = new ArrayList<>();
        for (long warmup : new long[] {0, 500, 1000}) {
            for (String lr : new String[] {"1e-4", "3e-4", "1e-3"}) {
                double peak = Double.parseDouble(lr);
                ChartSeries s = Decimator.sample(0, 9_999, 800, step -> step < warmup ? peak * step / warmup
                        : peak * 0.5 * (1 + Math.cos(Math.PI * (step - warmup) / (10_000.0 - warmup))), warmup)
                        .toSeries("num_warmup_steps=" + warmup + ", lr=" + lr);
                series.add(warmup > 0 ? s.withWarmupEnd(warmup) : s);
            }
        }
        return series;
    }

    @Test
    void aLegendOfNineEntriesLeavesThePlotTwoThirdsOfTheHeight() {
        for (ChartOptions o : List.of(ChartOptions.defaults(), ChartOptions.defaults().withSize(400, 300))) {
            LegendPlacement.Plan plan = ChartRenderer.legendPlan(nineSweeps(), o);
            assertThat(plan.side()).as("%dx%d", o.width(), o.height()).isNotEqualTo(LegendPlacement.Side.INSIDE);
            assertThat(plan.plotFraction()).as("%dx%d", o.width(), o.height()).isGreaterThanOrEqualTo(2.0 / 3);
        }
    }

    @Test
    void aSmallChartWritesTheSweptKeysOnceAndCutsNoEntry() {
        ChartOptions small = ChartOptions.defaults().withSize(400, 300);
        LegendPlacement.Plan plan = ChartRenderer.legendPlan(nineSweeps(), small);
        assertThat(plan.box().heading()).isEqualTo("num_warmup_steps, lr");
        assertThat(plan.box().labels()).hasSize(9).first().isEqualTo("0, 1e-4");
        assertThat(plan.box().labels()).noneMatch(l -> l.contains("\u2026"));
        assertThat(plan.box().width() + LegendPlacement.GAP).isLessThanOrEqualTo(LegendPlacement.BESIDE_MAX * small.layoutWidth());
    }

    @Test
    void longLabelsGoBelowThePlotInColumnsThatLeaveItTwoThirds() {
        String[] names = {"cosine warmup schedule from the baseline run of the paper",
            "linear decay schedule used by the ablation without warmup", "constant rate for comparison only",
            "step decay every five thousand steps"};
        double[][] ys = {{1, 1}, {0.02, 0.02}, {1, 0}, {0, 1}};
        List<ChartSeries> four = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            four.add(ChartSeries.of(names[i], new double[] {0, 1000}, ys[i]));
        }
        LegendPlacement.Plan plan = ChartRenderer.legendPlan(four, ChartOptions.defaults());
        assertThat(plan.side()).isEqualTo(LegendPlacement.Side.BELOW);
        assertThat(plan.plotFraction()).isGreaterThanOrEqualTo(2.0 / 3);
        assertThat(plan.box().labels()).noneMatch(l -> l.contains("\u2026"));
        LegendPlacement.Plan wide = ChartRenderer.legendPlan(four, ChartOptions.defaults().withSize(1600, 500));
        assertThat(wide.side()).isEqualTo(LegendPlacement.Side.BESIDE);
        LegendPlacement.Plan narrow = ChartRenderer.legendPlan(four, ChartOptions.defaults().withSize(640, 400));
        assertThat(narrow.side()).isEqualTo(LegendPlacement.Side.BESIDE);
        assertThat(narrow.box().labels()).allMatch(l -> l.contains("\n")).noneMatch(l -> l.contains("\u2026"));
        assertThat(String.join(" ", narrow.box().labels()).replace('\n', ' ')).contains(names[0]);
    }

    @Test
    void aFewEntriesStayInsideThePlotWithTheirPeaks() {
        LegendPlacement.Plan plan = ChartRenderer.legendPlan(Curves.three(800), ChartOptions.defaults());
        assertThat(plan.side()).isEqualTo(LegendPlacement.Side.INSIDE);
        assertThat(plan.box().labels()).containsExactly("noam  (peak 6.99e-4 at 4k)", "cosine  (peak 6e-4 at 1k)",
                "step  (peak 5e-4 at 0)");
    }

    @Test
    void whatEveryCurveSharesMovesIntoTheTitle() {
        List<ChartSeries> two = List.of(
                ChartSeries.of("a=1, b=3", new double[] {0, 10}, new double[] {1, 0}),
                ChartSeries.of("a=2, b=3", new double[] {0, 10}, new double[] {2, 0}));
        assertThat(ChartRenderer.plan(two, ChartOptions.defaults())).singleElement()
                .satisfies(p -> assertThat(p.title()).isEqualTo("b=3"))
                .satisfies(p -> assertThat(p.legend()).containsExactly("a=1  (peak 1 at 0)", "a=2  (peak 2 at 0)"));
        assertThat(ChartRenderer.plan(two, ChartOptions.defaults().withTitle("Two").withLayout(
                ChartOptions.Layout.GRID))).extracting(ChartRenderer.PanelPlan::title).containsExactly("a=1", "a=2");
    }

    @Test
    void gridPanelsOfNineSweepsHaveDistinctWholeTitles() {
        for (ChartOptions o : List.of(ChartOptions.defaults(), ChartOptions.defaults().withSize(400, 300))) {
            List<String> titles = ChartRenderer.plan(nineSweeps(), o.withLayout(ChartOptions.Layout.GRID)).stream()
                    .map(ChartRenderer.PanelPlan::title).toList();
            assertThat(titles).as("%dx%d", o.width(), o.height()).hasSize(9).doesNotHaveDuplicates()
                    .noneMatch(t -> t.contains("\u2026"));
        }
        assertThat(ChartRenderer.plan(nineSweeps(), ChartOptions.defaults().withLayout(ChartOptions.Layout.GRID)))
                .first().extracting(ChartRenderer.PanelPlan::title).isEqualTo("num_warmup_steps=0, lr=1e-4");
    }

    @Test
    void aLogAxisHasAGridLineAtEachDecadeOnly() {
        assertThat(Panel.decades(new AxisFrame(0, 1, 2e-9, 3e-4, true))).containsExactly(1e-8, 1e-7, 1e-6, 1e-5,
                1e-4);
        assertThat(Panel.decades(new AxisFrame(0, 1, 0, 3e-4, false))).isEmpty();
    }

    @Test
    void aLogChartDrawsNoMinorGridLines() throws IOException {
        // one curve falling from 1e-3 to 1e-6: four decade lines (and the plot area's edges), not the 30 of every 2..9
        ChartSeries fall = Decimator.sample(0, 999, 800, s -> 1e-3 * Math.pow(1e-3, s / 999.0)).toSeries("fall");
        for (ChartOptions.Layout layout : ChartOptions.Layout.values()) {
            ChartOptions o = ChartOptions.defaults().withLogY(true).withLayout(layout);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartRenderer.render(List.of(fall), o,
                    ChartFormat.PNG)));
            int column = image.getWidth() * 3 / 4, lines = 0;
            List<Integer> rows = new ArrayList<>();
            boolean inLine = false;
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(column, y), r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                boolean grid = r == g && g == b && r >= 0xC8 && r <= 0xF4; // grid grey, or its anti-aliased edge
                if (grid && !inLine) {
                    lines++;
                    rows.add(y);
                }
                inLine = grid;
            }
            assertThat(lines).as("%s, lines at %s", layout, rows).isBetween(3, 6); // and the plot's edges
        }
    }

    @Test
    void warmupMarksStandOutFromEveryThemesBackground() {
        for (ChartTheme theme : ChartTheme.values()) {
            for (int i = 0; i < theme.paletteSize(); i++) {
                assertThat(ChartTheme.contrast(theme.warmupMarkColor(i), theme.background()))
                        .as("%s colour %d", theme, i).isGreaterThanOrEqualTo(ChartTheme.MARK_CONTRAST);
            }
        }
    }
}
