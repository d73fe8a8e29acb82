package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;

import lrsched.output.chart.Decimator;
import org.junit.jupiter.api.Test;

class RunMergeTest {

    /** Merges rows (step, value pairs) given the runs' starts; the decimator keeps every step of 0..99. */
    private static Decimator.Points merge(long[] runStarts, int budget, double... rows) {
        Decimator d = new Decimator(0, 99, 100);
        RunMerge m = new RunMerge(0, 99, runStarts, d, budget);
        for (int i = 0; i < rows.length; i += 2) {
            m.accept((long) rows[i], rows[i + 1]);
        }
        m.finish();
        assertThat(m.overflowed()).isFalse();
        return d.finish();
    }

    @Test
    void restartsHoldOnlyTheOverlapAndTheLaterRunWins() {
        // run 1 logs 0..6, crashes; run 2 resumes at 4 and logs 4..9; run 3 resumes at 8
        Decimator.Points p = merge(new long[] {0, 4, 8}, 3,
                0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                4, 40, 5, 50, 6, 60, 7, 70, 8, 80, 9, 90,
                8, 800, 9, 900);
        assertThat(p.steps()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(p.values()).containsExactly(0, 1, 2, 3, 40, 50, 60, 70, 800, 900);
    }

    @Test
    void aRestartMayLogOtherStepsThanTheRunBefore() {
        // run 1 logged even steps up to 8; run 2 resumed at 3 and logs odd steps: both sets of steps stay
        Decimator.Points p = merge(new long[] {0, 3}, 10, 0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 3, 30, 5, 50, 7, 70, 9, 90);
        assertThat(p.steps()).containsExactly(0, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(p.values()).containsExactly(0, 2, 30, 4, 50, 6, 70, 8, 90);
    }

    @Test
    void stepsLoggedTwiceInARowKeepTheLast() {
        Decimator.Points p = merge(new long[] {0}, 1, 0, 1, 0, 2, 5, 3, 5, 4);
        assertThat(p.steps()).containsExactly(0, 5);
        assertThat(p.values()).containsExactly(2, 4);
    }

    @Test
    void aLogInNoOrderOverflowsTheBudget() {
        Decimator d = new Decimator(0, 99, 100);
        RunMerge m = new RunMerge(0, 99, new long[] {50, 10, 40, 0}, d, 2);
        for (long s : new long[] {50, 60, 10, 40, 45, 0}) {
            m.accept(s, s);
        }
        assertThat(m.overflowed()).isTrue();
    }
}
