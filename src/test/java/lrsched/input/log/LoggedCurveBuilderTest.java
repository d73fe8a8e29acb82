package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import lrsched.core.InputException;
import lrsched.core.LoggedCurve;
import org.junit.jupiter.api.Test;

/** How every log reader's points are put in order: {@link LoggedCurve.Builder}. */
class LoggedCurveBuilderTest {

    /** A curve of the (step, value) pairs, in the order given. */
    private static LoggedCurve curve(double... pairs) {
        LoggedCurve.Builder b = new LoggedCurve.Builder("run.csv");
        for (int i = 0; i < pairs.length; i += 2) {
            b.add((long) pairs[i], pairs[i + 1]);
        }
        return b.build("run");
    }

    @Test
    void aLogInStepOrderStaysAsItIs() {
        LoggedCurve c = curve(0, 0.5, 10, 1, 20, 0.25, 1_000_000_000_000L, 0);
        assertThat(c.steps()).containsExactly(0, 10, 20, 1_000_000_000_000L);
        assertThat(c.values()).containsExactly(0.5, 1, 0.25, 0);
        assertThat(c.size()).isEqualTo(4);
        assertThat(c.firstStep()).isZero();
        assertThat(c.lastStep()).isEqualTo(1_000_000_000_000L);
        assertThat(c.label()).isEqualTo("run");
        assertThat(c.source()).isEqualTo("run.csv");
    }

    @Test
    void aRestartLogsTheOverlapAgainAndTheLaterRunWins() {
        // run 1 logs 0..6 and crashes; run 2 resumes from the checkpoint at 4 and logs 4..9; run 3 resumes at 8
        LoggedCurve c = curve(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                4, 40, 5, 50, 6, 60, 7, 70, 8, 80, 9, 90,
                8, 800, 9, 900);
        assertThat(c.steps()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(c.values()).containsExactly(0, 1, 2, 3, 40, 50, 60, 70, 800, 900);
    }

    @Test
    void aRestartMayLogOtherStepsThanTheRunBefore() {
        // run 1 logged even steps up to 8; run 2 resumed at 3 and logs odd steps: both sets of steps stay
        LoggedCurve c = curve(0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 3, 30, 5, 50, 7, 70, 9, 90);
        assertThat(c.steps()).containsExactly(0, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(c.values()).containsExactly(0, 2, 30, 4, 50, 6, 70, 8, 90);
    }

    @Test
    void stepsLoggedTwiceInARowKeepTheLast() {
        LoggedCurve c = curve(0, 1, 0, 2, 5, 3, 5, 4, 5, 5, 6, 6);
        assertThat(c.steps()).containsExactly(0, 5, 6);
        assertThat(c.values()).containsExactly(2, 5, 6);
    }

    @Test
    void aShuffledLogIsSortedAndTheLastValueOfEachStepWins() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(3_000);
            int distinct = 1 + random.nextInt(1_000);
            LoggedCurve.Builder b = new LoggedCurve.Builder("shuffled.csv");
            TreeMap<Long, Double> expected = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                long step = random.nextInt(distinct);
                b.add(step, i);
                expected.put(step, (double) i);
            }
            LoggedCurve c = b.build("s");
            assertThat(c.steps()).containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
            assertThat(c.values()).containsExactly(expected.values().stream().mapToDouble(Double::doubleValue)
                    .toArray());
        }
    }

    @Test
    void aLogInReverseOrderIsSorted() {
        List<Long> steps = new ArrayList<>();
        for (long s = 0; s < 10_000; s++) {
            steps.add(s);
        }
        Collections.reverse(steps);
        LoggedCurve.Builder b = new LoggedCurve.Builder("reversed.csv");
        steps.forEach(s -> b.add(s, -s));
        LoggedCurve c = b.build("r");
        assertThat(c.size()).isEqualTo(10_000);
        for (int i = 0; i < c.size(); i++) {
            assertThat(c.step(i)).isEqualTo(i);
            assertThat(c.value(i)).isEqualTo(-i);
        }
    }

    @Test
    void nanAndInfinityAreKeptAsLogged() {
        LoggedCurve c = curve(3, Double.POSITIVE_INFINITY, 1, 0.5, 2, Double.NaN, 2, Double.NaN);
        assertThat(c.steps()).containsExactly(1, 2, 3);
        assertThat(c.value(1)).isNaN();
        assertThat(c.value(2)).isInfinite();
        // a NaN logged last wins over a number logged before it
        assertThat(curve(1, 0.5, 1, Double.NaN).value(0)).isNaN();
    }

    @Test
    void pointsAboveTheCapAreRefusedWithOneLine() {
        LoggedCurve.Builder b = new LoggedCurve.Builder("big.csv", 1_500);
        for (int i = 0; i < 1_500; i++) {
            b.add(i, 1);
        }
        assertThatThrownBy(() -> b.add(1_500, 1)).isInstanceOf(InputException.class)
                .hasMessage("big.csv: has more than 1,500 logged points, the most lrsched reads from one log; thin "
                        + "it out first (every 10th point still shows the schedule's shape)");
        assertThat(LoggedCurve.MAX_POINTS).isEqualTo(10_000_000);
    }

    @Test
    void theCutKeepsTheStepsBetweenTwoAndSaysWhenThereAreNone() {
        LoggedCurve c = curve(0, 0, 100, 1, 200, 2, 300, 3);
        assertThat(c.between(100, 250).steps()).containsExactly(100, 200);
        assertThat(c.between(100, 250).values()).containsExactly(1, 2);
        assertThat(c.between(101, 300).steps()).containsExactly(200, 300);
        assertThat(c.between(0, Long.MAX_VALUE)).isSameAs(c);
        assertThat(c.between(250, Long.MAX_VALUE).between(0, 300).steps()).containsExactly(300);
        assertThatThrownBy(() -> c.between(301, 400)).isInstanceOf(InputException.class)
                .hasMessage("run.csv: no logged step between 301 and 400 (the log has steps 0 to 300)");
        assertThatThrownBy(() -> c.between(201, 299)).hasMessage("run.csv: no logged step between 201 and 299 "
                + "(the log has steps 0 to 300)");
        assertThatThrownBy(() -> c.between(100, 250).step(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void curvesAreEqualByTheirPoints() {
        assertThat(curve(0, 1, 5, 2)).isEqualTo(curve(5, 2, 0, 1)).hasSameHashCodeAs(curve(5, 2, 0, 1))
                .isNotEqualTo(curve(0, 1, 5, 3));
        assertThat(curve(0, 1, 5, 2, 9, 3).between(0, 5)).isEqualTo(curve(0, 1, 5, 2));
        assertThat(curve(0, 1, 5, 2)).hasToString("LoggedCurve[run, 2 points, steps 0 to 5]");
    }

    @Test
    void misuseIsAProgrammingError() {
        assertThatThrownBy(() -> new LoggedCurve.Builder("e.csv").build("e")).isInstanceOf(
                IllegalStateException.class);
        assertThatThrownBy(() -> new LoggedCurve.Builder("e.csv").add(-1, 0)).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoggedCurve.Builder("e.csv", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResumedRunReplacesEverythingTheEarlierRunLoggedFromItsFirstStepOn() {
        // killed after logging 0..40 (last at 37), resumed from 30 logging every 10: 37 goes, 30 and 40 are new
        LoggedCurve.Builder b = new LoggedCurve.Builder("metrics.json").resumesSupersede();
        for (long s : new long[] {0, 10, 20, 30, 37}) {
            b.add(s, 1);
        }
        b.add(30, 2).add(40, 2);
        LoggedCurve c = b.build("run");
        assertThat(c.steps()).containsExactly(0, 10, 20, 30, 40);
        assertThat(c.values()).containsExactly(1, 1, 1, 2, 2);
        assertThat(c.reading()).contains("starts over once");
        // without the declaration the killed run's 37 stays (a log in no particular order is merged by step)
        LoggedCurve.Builder plain = new LoggedCurve.Builder("log.csv");
        for (long s : new long[] {0, 10, 20, 30, 37, 30, 40}) {
            plain.add(s, s == 37 ? 1 : 2);
        }
        assertThat(plain.build("run").steps()).containsExactly(0, 10, 20, 30, 37, 40);
    }
}
