package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickLabelsTest {

    @Test
    void stepCountsUseThousandSuffixes() {
        assertThat(TickLabels.count(0)).isEqualTo("0");
        assertThat(TickLabels.count(500)).isEqualTo("500");
        assertThat(TickLabels.count(5000)).isEqualTo("5k");
        assertThat(TickLabels.count(12500)).isEqualTo("12.5k");
        assertThat(TickLabels.count(2_000_000)).isEqualTo("2M");
        assertThat(TickLabels.count(2_500_000_000L)).isEqualTo("2.5B");
        assertThat(TickLabels.count(3e12)).isEqualTo("3T");
        assertThat(TickLabels.count(-5000)).isEqualTo("-5k");
    }

    @Test
    void fractionalEpochsKeepUpToThreeDecimals() {
        assertThat(TickLabels.count(0.25)).isEqualTo("0.25");
        assertThat(TickLabels.count(1.0 / 3)).isEqualTo("0.333");
        assertThat(TickLabels.count(1234)).isEqualTo("1.234k");
    }

    @Test
    void legendCountsAreRoundedToThreeDigits() {
        assertThat(TickLabels.approximateCount(4241)).isEqualTo("4.24k");
        assertThat(TickLabels.approximateCount(4000)).isEqualTo("4k");
        assertThat(TickLabels.approximateCount(0)).isEqualTo("0");
        assertThat(TickLabels.approximateCount(1_234_567)).isEqualTo("1.23M");
    }

    @Test
    void smallRatesAreScientific() {
        assertThat(TickLabels.rate(1e-4, 7e-4)).isEqualTo("1e-4");
        assertThat(TickLabels.rate(2.5e-4, 7e-4)).isEqualTo("2.5e-4");
        assertThat(TickLabels.rate(5e-5, 7e-4)).isEqualTo("5e-5");
        assertThat(TickLabels.rate(0, 7e-4)).isEqualTo("0");
    }

    @Test
    void floatingPointNoiseFromTickArithmeticIsDropped() {
        assertThat(TickLabels.rate(1.0000000000000002E-4, 7e-4)).isEqualTo("1e-4");
        assertThat(TickLabels.rate(0.30000000000000004, 1)).isEqualTo("0.3");
        assertThat(TickLabels.count(2999.9999999999995)).isEqualTo("3k");
    }

    @Test
    void ordinaryRatesArePlainDecimals() {
        assertThat(TickLabels.rate(0.05, 0.1)).isEqualTo("0.05");
        assertThat(TickLabels.rate(1.5, 2)).isEqualTo("1.5");
        assertThat(TickLabels.rate(2e5, 3e5)).isEqualTo("2e5");
    }

    @Test
    void labelsDoNotDependOnTheDefaultLocale() {
        // surefire runs with de_DE, whose decimal separator is a comma
        assertThat(TickLabels.rate(0.05, 0.1)).doesNotContain(",");
        assertThat(TickLabels.count(12500)).isEqualTo("12.5k");
    }

    @Test
    void significantDigitsForLegends() {
        assertThat(TickLabels.significant(6.9877e-4, 3)).isEqualTo("6.99e-4");
        assertThat(TickLabels.significant(0.1, 3)).isEqualTo("0.1");
        assertThat(TickLabels.significant(0.123456, 3)).isEqualTo("0.123");
        assertThat(TickLabels.significant(0, 3)).isEqualTo("0");
    }
}
