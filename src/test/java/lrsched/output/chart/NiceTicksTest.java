package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NiceTicksTest {

    @Test
    void linearTicksAreRoundMultiples() {
        assertThat(NiceTicks.linear(0, 20000, 5)).containsExactly(0.0, 5000.0, 10000.0, 15000.0, 20000.0);
        assertThat(NiceTicks.linear(0, 7e-4, 4)).containsExactly(0.0, 2e-4, 4e-4, 6e-4);
    }

    @Test
    void linearTicksNeverExceedTheCount() {
        for (int count = 2; count < 12; count++) {
            assertThat(NiceTicks.linear(0, 12345, count)).hasSizeLessThanOrEqualTo(count).hasSizeGreaterThan(1);
        }
    }

    @Test
    void spacingIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(NiceTicks.spacing(0.7)).isEqualTo(1.0);
        assertThat(NiceTicks.spacing(1.3)).isEqualTo(2.0);
        assertThat(NiceTicks.spacing(3000)).isEqualTo(5000.0);
        assertThat(NiceTicks.spacing(5000)).isEqualTo(5000.0);
    }

    @Test
    void axisEndsMoveUpToARoundNumberWhenItIsClose() {
        assertThat(NiceTicks.roundEnd(0, 19_999)).isEqualTo(20_000);
        assertThat(NiceTicks.roundEnd(0, 9_999_999)).isEqualTo(10_000_000);
        assertThat(NiceTicks.roundEnd(0, 19_999 / 2500.0)).isEqualTo(8);
        assertThat(NiceTicks.roundEnd(0, 119)).isEqualTo(120);
        assertThat(NiceTicks.roundEnd(0, 12_345)).isEqualTo(12_345);
        assertThat(NiceTicks.roundEnd(0, 1150)).isEqualTo(1150);
        assertThat(NiceTicks.roundEnd(0, 20_000)).isEqualTo(20_000);
    }

    @Test
    void decadesForLogAxes() {
        assertThat(NiceTicks.decades(1e-7, 1e-3, 10)).containsExactly(1e-7, 1e-6, 1e-5, 1e-4, 1e-3);
        assertThat(NiceTicks.decades(1e-9, 1e-3, 3)).containsExactly(1e-9, 1e-6, 1e-3);
    }

    @Test
    void decadesKeepToWhatADoubleHoldsWhateverTheEnds() {
        assertThat(NiceTicks.decades(0, 1, Integer.MAX_VALUE)).hasSize(324).startsWith(1e-323).endsWith(1.0);
        assertThat(NiceTicks.decades(1e-323, Double.POSITIVE_INFINITY, 3)).hasSizeLessThanOrEqualTo(3)
                .allMatch(t -> t > 0 && Double.isFinite(t));
        assertThat(NiceTicks.decades(Double.NaN, Double.NaN, 4)).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void linearTicksBeyondWhatADoubleSpacesAreTheEnds() {
        assertThat(NiceTicks.linear(-1.7e308, 1.7e308, 4)).allMatch(Double::isFinite).hasSizeLessThanOrEqualTo(4);
        assertThat(NiceTicks.linear(0, 1.7e308, 20)).allMatch(Double::isFinite);
        assertThat(NiceTicks.linear(0, Double.MIN_VALUE, 4)).containsExactly(0.0, Double.MIN_VALUE);
    }
}
