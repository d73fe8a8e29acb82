package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChartModelTest {

    @Test
    void formatFollowsTheFileExtension() {
        assertThat(ChartFormat.forFileName("noam.png")).contains(ChartFormat.PNG);
        assertThat(ChartFormat.forFileName("out/Noam.SVG")).contains(ChartFormat.SVG);
        assertThat(ChartFormat.forFileName("paper.pdf")).contains(ChartFormat.PDF);
        assertThat(ChartFormat.forFileName("noam.jpg")).isEmpty();
        assertThat(ChartFormat.forFileName("noam")).isEmpty();
    }

    @Test
    void themesAreFoundByName() {
        assertThat(ChartTheme.named("Dark")).contains(ChartTheme.DARK);
        assertThat(ChartTheme.named("colorblind")).contains(ChartTheme.COLORBLIND);
        assertThat(ChartTheme.named("neon")).isEmpty();
    }

    @Test
    void seriesRejectsMismatchedOrUnsortedData() {
        assertThatThrownBy(() -> ChartSeries.of("a", new double[] {0, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChartSeries.of("a", new double[] {1, 0}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seriesConvertsStepsToEpochs() {
        ChartSeries s = ChartSeries.of("a", new double[] {0, 500, 1000}, new double[] {1, 2, 3}).withWarmupEnd(250)
                .scaleX(500);
        assertThat(s.x()).containsExactly(0, 1, 2);
        assertThat(s.warmupEndX()).hasValue(0.5);
    }

    @Test
    void optionsRejectUnusableSizes() {
        ChartOptions o = ChartOptions.defaults();
        assertThatThrownBy(() -> o.withSize(10, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withDpi(5000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withSize(20_000, 20_000).withDpi(300)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largerChartsGetLargerTextButNotProportionally() {
        assertThat(ChartOptions.defaults().designScale()).isEqualTo(1.0);
        assertThat(ChartOptions.defaults().withSize(1600, 1000).designScale()).isCloseTo(Math.sqrt(2), within());
        assertThat(ChartOptions.defaults().withSize(400, 250).designScale()).isEqualTo(0.8);
    }

    @Test
    void linearFrameStartsAtZeroAndEndsOnARoundStep() {
        ChartSeries s = ChartSeries.of("a", new double[] {0, 9999}, new double[] {1e-4, 3e-4});
        AxisFrame f = AxisFrame.of(List.of(s), false);
        assertThat(f.yMin()).isZero();
        assertThat(f.yMax()).isEqualTo(3e-4);
        assertThat(f.xMax()).isEqualTo(10_000);
    }

    @Test
    void logFrameSpansAtMostSixDecades() {
        ChartSeries s = ChartSeries.of("a", new double[] {0, 1, 2, 3}, new double[] {0, 1e-12, 1e-3, 1e-4});
        AxisFrame f = AxisFrame.of(List.of(s), true);
        assertThat(f.yMin()).isCloseTo(1e-9, org.assertj.core.data.Offset.offset(1e-20));
        assertThat(f.yMax()).isEqualTo(1e-3);
    }

    @Test
    void fontProblemsAreExplainedWithThePackagesToInstall() {
        assertThat(Fonts.MISSING).contains("fonts-dejavu-core").contains("fontconfig");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
