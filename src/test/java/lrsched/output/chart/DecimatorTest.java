package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DecimatorTest {

    /** A wiggly curve with jumps: warmup, cosine, noise and step decays at known breakpoints. */
    private static double wiggly(long s) {
        double base = s < 1000 ? s / 1000.0 : 0.5 * (1 + Math.cos(Math.PI * (s - 1000) / 99_000.0));
        double noise = new SplittableRandom(s * 2654435761L).nextDouble() * 0.05;
        return (base + noise) * Math.pow(0.5, s / 30_000);
    }

    @Test
    void keepsEveryColumnsMinimumAndMaximumAndTheEnds() {
        long from = 0, to = 99_999;
        int columns = 640;
        Decimator.Points p = Decimator.sample(from, to, columns, DecimatorTest::wiggly);
        Map<Long, Double> kept = asMap(p);

        double perColumn = (to - from + 1.0) / columns;
        double[] min = new double[columns], max = new double[columns];
        long[] minStep = new long[columns], maxStep = new long[columns];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (long s = from; s <= to; s++) {
            int c = (int) Math.floor((s - from) / perColumn);
            double v = wiggly(s);
            if (v < min[c]) {
                min[c] = v;
                minStep[c] = s;
            }
            if (v > max[c]) {
                max[c] = v;
                maxStep[c] = s;
            }
        }
        for (int c = 0; c < columns; c++) {
            assertThat(kept).containsEntry(minStep[c], min[c]).containsEntry(maxStep[c], max[c]);
        }
        assertThat(kept).containsKeys(from, to);
        assertThat(p.size()).isLessThanOrEqualTo(4 * columns);
    }

    @Test
    void keptValuesAreTheCurvesOwnValuesInStepOrder() {
        Decimator.Points p = Decimator.sample(0, 50_000, 300, DecimatorTest::wiggly);
        long[] steps = p.steps();
        for (int i = 0; i < steps.length; i++) {
            assertThat(p.values()[i]).isEqualTo(wiggly(steps[i]));
            if (i > 0) {
                assertThat(steps[i]).isGreaterThan(steps[i - 1]);
            }
        }
    }

    @Test
    void keepsEveryBreakpoint() {
        long[] breakpoints = {1000, 30_000, 30_001, 59_999, 60_000, 77_777};
        Decimator.Points p = Decimator.sample(0, 99_999, 200, DecimatorTest::wiggly, breakpoints);
        assertThat(asMap(p)).containsKeys(1000L, 30_000L, 30_001L, 59_999L, 60_000L, 77_777L);
    }

    @Test
    void breakpointsOutsideTheRangeOrNotAcceptedAreIgnored() {
        Decimator d = new Decimator(0, 100, 10).keep(-5, 50, 1000);
        for (long s = 0; s <= 100; s += 2) { // a sparse selection: odd steps are never seen
            d.accept(s, s);
        }
        Decimator.Points p = d.finish();
        assertThat(asMap(p)).containsKey(50L).doesNotContainKeys(-5L, 1000L);
    }

    @Test
    void shortCurvesKeepEveryPoint() {
        Decimator.Points p = Decimator.sample(10, 109, 800, s -> s * 0.5);
        assertThat(p.size()).isEqualTo(100);
        assertThat(p.steps()[0]).isEqualTo(10);
        assertThat(p.steps()[99]).isEqualTo(109);
    }

    @Test
    void monotoneCurvesNeedTwoPointsPerColumn() {
        Decimator.Points p = Decimator.sample(0, 9_999_999, 800, s -> 1e-3 * s / 1e7);
        assertThat(p.size()).isEqualTo(1600);
    }

    @Test
    void tenMillionStepsStreamQuicklyIntoBoundedOutput() {
        long start = System.nanoTime();
        Decimator d = new Decimator(0, 9_999_999, 1600);
        for (long s = 0; s < 10_000_000; s++) {
            d.accept(s, (s % 7919) * 1e-7);
        }
        Decimator.Points p = d.finish();
        assertThat(p.size()).isLessThanOrEqualTo(4 * 1600);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
    }

    @Test
    void nonFiniteValuesBecomeGaps() {
        Decimator.Points p = Decimator.sample(0, 99, 1000, s -> s >= 40 && s < 60 ? Double.NaN : 1.0);
        Map<Long, Double> kept = asMap(p);
        assertThat(kept.get(40L)).isNaN();
        assertThat(kept).containsKeys(39L, 60L).doesNotContainKeys(41L, 59L);
    }

    @Test
    void hugeStepNumbersDoNotOverflow() {
        long from = Long.MAX_VALUE - 1000;
        Decimator.Points p = Decimator.sample(from, Long.MAX_VALUE, 10, s -> 1.0, Long.MAX_VALUE - 500);
        assertThat(asMap(p)).containsKeys(from, Long.MAX_VALUE - 500, Long.MAX_VALUE);
    }

    @Test
    void stepsMustIncrease() {
        Decimator d = new Decimator(0, 10, 5);
        d.accept(3, 1);
        assertThatThrownBy(() -> d.accept(3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decimator(5, 4, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decimator(0, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<Long, Double> asMap(Decimator.Points p) {
        Map<Long, Double> m = new HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            m.put(p.steps()[i], p.values()[i]);
        }
        return m;
    }
}
