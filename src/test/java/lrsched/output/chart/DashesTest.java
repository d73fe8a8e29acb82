package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DashesTest {

    /** A frame of 100 x 100 data units drawn on 100 x 100 pixels: one unit is one pixel. */
    private static final AxisFrame SQUARE = new AxisFrame(0, 100, 0, 100, false);

    /** The drawn pieces as [start x, end x, start y, end y], in order. */
    private static List<double[]> pieces(ChartSeries s) {
        List<double[]> pieces = new ArrayList<>();
        double[] x = s.x(), y = s.y();
        int start = -1;
        for (int i = 0; i <= x.length; i++) {
            boolean gap = i == x.length || Double.isNaN(y[i]);
            if (!gap && start < 0) {
                start = i;
            } else if (gap && start >= 0) {
                pieces.add(new double[] {x[start], x[i - 1], y[start], y[i - 1]});
                start = -1;
            }
        }
        return pieces;
    }

    @Test
    void aLineBecomesDashesOfFixedLengthMeasuredOnTheScreen() {
        ChartSeries line = ChartSeries.of("log", new double[] {0, 100}, new double[] {50, 50}).asLogged();
        List<double[]> dashes = pieces(Dashes.cut(line, SQUARE, 100, 100));
        // 8 on, 5 off over 100 pixels: dashes at 0-8, 13-21, ..., 91-99; the line ends in a gap
        assertThat(dashes).hasSize(8);
        for (int k = 0; k < 8; k++) {
            assertThat(dashes.get(k)[0]).isCloseTo(13 * k, within(1e-9));
            assertThat(dashes.get(k)[1]).isCloseTo(13 * k + 8, within(1e-9));
        }
    }

    @Test
    void thePatternRunsOnAcrossPointsAndKeepsTheCorners() {
        // three segments of 5 pixels: the first dash (8) turns the corner at x=5, the gap ends at x=13
        ChartSeries s = ChartSeries.of("log", new double[] {0, 5, 10, 15}, new double[] {0, 0, 0, 0}).asLogged();
        ChartSeries cut = Dashes.cut(s, SQUARE, 100, 100);
        assertThat(cut.x()).containsExactly(0, 5, 8, 8, 13, 15, 15);
        assertThat(cut.y()[3]).isNaN();
        assertThat(cut.kind()).isEqualTo(ChartSeries.Kind.LOGGED);
        assertThat(cut.label()).isEqualTo("log");
    }

    @Test
    void gapsInTheCurveStayGapsAndTheNextRunStartsWithADash() {
        ChartSeries s = ChartSeries.of("log", new double[] {0, 4, 6, 10}, new double[] {1, 1, Double.NaN, 1})
                .asLogged();
        ChartSeries cut = Dashes.cut(s, SQUARE, 100, 100);
        assertThat(cut.x()).containsExactly(0, 4, 4, 10, 10);
        assertThat(cut.y()).containsExactly(1, 1, Double.NaN, 1, Double.NaN);
    }

    @Test
    void onALogAxisDashesAreEvenlySpacedInDecades() {
        AxisFrame decades = new AxisFrame(0, 1, 1e-4, 1e-2, true); // two decades on 26 pixels: 13 per decade
        ChartSeries s = ChartSeries.of("log", new double[] {0, 0}, new double[] {1e-4, 1e-2}).asLogged();
        List<double[]> dashes = pieces(Dashes.cut(s, decades, 100, 26));
        assertThat(dashes).hasSize(2);
        assertThat(dashes.get(0)[3]).isCloseTo(Math.pow(10, -4 + 8 / 13.0), within(1e-12));
        assertThat(dashes.get(1)[2]).isCloseTo(1e-3, within(1e-15));
    }
}
