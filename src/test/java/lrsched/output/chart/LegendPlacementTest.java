package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.style.Styler.LegendPosition;

class LegendPlacementTest {

    private static LegendPosition placeFor(ChartSeries... series) {
        ChartOptions o = ChartOptions.defaults();
        List<Panel.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < series.length; i++) {
            entries.add(new Panel.Entry(series[i], i, ChartRenderer.legendLabel(series[i], "Step")));
        }
        AxisFrame frame = AxisFrame.of(List.of(series), false);
        List<LegendPlacement.Wording> wordings = List.of(new LegendPlacement.Wording("",
                entries.stream().map(Panel.Entry::legendLabel).toList()));
        return LegendPlacement.choose((w, h) -> Panel.create(entries, frame, o, w, h, "", true,
                Optional.of(LegendPosition.InsideNE)), entries, wordings, 800, 500).inside();
    }

    private static ChartSeries line(String name, double y0, double y1) {
        return ChartSeries.of(name, new double[] {0, 1000}, new double[] {y0, y1});
    }

    @Test
    void decayingCurveLeavesTheTopRightFree() {
        assertThat(placeFor(line("decay", 1, 0.1))).isEqualTo(LegendPosition.InsideNE);
    }

    @Test
    void risingCurveMovesTheLegendTopLeft() {
        assertThat(placeFor(line("rise", 0, 1))).isEqualTo(LegendPosition.InsideNW);
    }

    @Test
    void curvesAcrossTheTopMoveTheLegendDown() {
        assertThat(placeFor(line("flat", 1, 1), line("low", 0.3, 0.3))).isEqualTo(LegendPosition.InsideSE);
    }

    @Test
    void noFreeCornerPutsTheLegendOutside() {
        ChartSeries zigzag = ChartSeries.of("zigzag", new double[] {0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
            1000}, new double[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0});
        assertThat(placeFor(zigzag)).isIn(LegendPosition.OutsideE, LegendPosition.OutsideS);
    }
}
