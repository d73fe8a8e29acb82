package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.core.InputException;
import lrsched.core.LoggedCurve;
import org.junit.jupiter.api.Test;

class LoggedCurveSamplerTest {

    private static final long ALL = Long.MAX_VALUE;

    private static LoggedCurve curve(double... pairs) {
        LoggedCurve.Builder b = new LoggedCurve.Builder("w.csv");
        for (int i = 0; i < pairs.length; i += 2) {
            b.add((long) pairs[i], pairs[i + 1]);
        }
        return b.build("w");
    }

    @Test
    void aFewPointsAreAllKeptAsALoggedSeries() {
        ChartSeries s = LoggedCurveSampler.sample(curve(0, 0.0, 100, 1e-5, 200, 2e-5), 0, ALL, 800);
        assertThat(s.label()).isEqualTo("w");
        assertThat(s.isLogged()).isTrue();
        assertThat(s.warmupEndX()).isEmpty();
        assertThat(s.x()).containsExactly(0, 100, 200);
        assertThat(s.y()).containsExactly(0.0, 1e-5, 2e-5);
    }

    @Test
    void theStepWindowCutsTheLog() {
        ChartSeries s = LoggedCurveSampler.sample(curve(0, 0, 100, 1, 200, 2, 300, 3), 100, 250, 800);
        assertThat(s.x()).containsExactly(100, 200);
        assertThat(s.y()).containsExactly(1, 2);
    }

    @Test
    void aWindowWithoutLoggedStepsIsAnError() {
        assertThatThrownBy(() -> LoggedCurveSampler.sample(curve(0, 0, 100, 1), 200, 300, 10))
                .isInstanceOf(InputException.class)
                .hasMessage("w.csv: no logged step between 200 and 300 (the log has steps 0 to 100)");
    }

    @Test
    void aLongLogIsReducedToAFewPointsPerColumn() {
        int rows = 300_000;
        LoggedCurve.Builder b = new LoggedCurve.Builder("long.csv");
        for (int s = 0; s < rows; s++) {
            b.add(s, 1e-3 * Math.cos(s / 5000.0) * Math.cos(s / 7.0));
        }
        ChartSeries s = LoggedCurveSampler.sample(b.build("long"), 0, ALL, 400);
        assertThat(s.size()).isBetween(400, 4 * 400);
        assertThat(s.x()[0]).isZero();
        assertThat(s.x()[s.size() - 1]).isEqualTo(rows - 1);
    }

    @Test
    void nonFiniteValuesAreGaps() {
        ChartSeries s = LoggedCurveSampler.sample(curve(1, 0.5, 2, Double.NaN, 3, Double.POSITIVE_INFINITY, 4,
                0.25), 0, ALL, 800);
        assertThat(s.x()).containsExactly(1, 2, 4);
        assertThat(s.y()[1]).isNaN();
        assertThat(s.y()[2]).isEqualTo(0.25);
    }
}
