package lrsched.output.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import lrsched.core.LoggedCurve;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;

/** RunCheck on hand-made plans and logs whose verdicts can be worked out on paper. */
class RunCheckTest {
    /** 100 - step, down to 0 at step 100: every step has its own value, so every fault shows. */
    private static final Schedule LINEAR = step -> Math.max(0, 100 - step);

    private static LoggedCurve log(double resolution, long[] steps, double[] values) {
        LoggedCurve.Builder b = new LoggedCurve.Builder("log.csv").resolution(resolution);
        for (int i = 0; i < steps.length; i++) {
            b.add(steps[i], values[i]);
        }
        return b.build("log");
    }

    @Test
    void valuesWithinTheLogsResolutionMatch() {
        // 99 * (1 + 4e-6) is within the six-digit resolution 5e-6; 98 * (1 + 6e-6) is not
        LoggedCurve log = log(LoggedCurve.SIX_DIGITS, new long[] {1, 2}, new double[] {99 * (1 + 4e-6), 98});
        assertThat(RunCheck.check(LINEAR, log).followed()).isTrue();
        LoggedCurve off = log(LoggedCurve.SIX_DIGITS, new long[] {1, 2}, new double[] {99, 98 * (1 + 6e-6)});
        RunCheck.Verdict v = RunCheck.check(LINEAR, off);
        assertThat(v.followed()).isFalse();
        assertThat(v.first().orElseThrow().update()).isEqualTo(2);
        assertThat(v.tolerance()).isEqualTo(5e-6);
    }

    @Test
    void theToleranceNeverGoesBelowTheFloor() {
        LoggedCurve log = log(0, new long[] {1}, new double[] {99 * (1 + 1e-13)});
        assertThat(RunCheck.check(LINEAR, log).followed()).isTrue();
        assertThat(RunCheck.check(LINEAR, log).tolerance()).isEqualTo(RunCheck.MIN_TOLERANCE);
    }

    @Test
    void steppedThreeTimesPerUpdate() {
        // update u used the plan's LR at 3u: 100, 97, 94, ...
        LoggedCurve log = log(0, new long[] {0, 1, 2, 10}, new double[] {100, 97, 94, 70});
        RunCheck.Verdict v = RunCheck.check(LINEAR, log);
        assertThat(v.matching()).isEqualTo(1);
        assertThat(v.fault()).contains(new Fault.SteppedTimes(3));
    }

    @Test
    void steppedOnceEveryFiveUpdates() {
        // updates 0-4 at the plan's step 0, 5-9 at step 1, 10-14 at step 2: the LR first moves between the logged
        // updates 4 and 5, so N is 5 (the plan's first change is at its step 1)
        LoggedCurve log = log(0, new long[] {0, 4, 5, 9, 10}, new double[] {100, 100, 99, 99, 98});
        assertThat(RunCheck.check(LINEAR, log).fault()).contains(new Fault.OncePerEpoch(5));
        // logged sparsely, several N fit the first change (4 < 2N <= 6 for a plan that first moves at step 2), and
        // the rest of the log decides: at update 13 the scheduler stepped 13 / 3 = 4 times, so N is 3
        Schedule pairs = step -> 100 - step / 2;
        LoggedCurve sparse = log(0, new long[] {0, 4, 6, 13}, new double[] {100, 100, 99, 98});
        assertThat(RunCheck.check(pairs, sparse).fault()).contains(new Fault.OncePerEpoch(3));
    }

    @Test
    void restartedAtTheUpdateWhereTheLogStartsOver() {
        LoggedCurve log = log(0, new long[] {0, 10, 20, 30}, new double[] {100, 90, 95, 85});
        // 20 and 30 are the plan at 5 and 15: the schedule started over at update 15
        assertThat(RunCheck.check(LINEAR, log).fault()).contains(new Fault.Restarted(15));
    }

    @Test
    void oneUpdateAheadAndBehind() {
        assertThat(RunCheck.check(LINEAR, log(0, new long[] {0, 5}, new double[] {99, 94})).fault())
                .contains(new Fault.OneAhead());
        // behind: nothing is said about update 0, which has no previous update
        assertThat(RunCheck.check(LINEAR, log(0, new long[] {0, 5, 6}, new double[] {7, 96, 95})).fault())
                .contains(new Fault.OneBehind());
    }

    @Test
    void aLogNoFaultExplainsGetsNone() {
        LoggedCurve log = log(0, new long[] {0, 1, 2}, new double[] {100, 50, 25});
        RunCheck.Verdict v = RunCheck.check(LINEAR, log);
        assertThat(v.fault()).isEmpty();
        assertThat(v.largest().orElseThrow().update()).isEqualTo(2); // 25 against 98
    }

    @Test
    void aStepThePlanRefusesMatchesNothing() {
        Schedule ends = step -> {
            if (step >= 10) {
                throw new StepOutOfRangeException(step, "past the end");
            }
            return 1;
        };
        RunCheck.Verdict v = RunCheck.check(ends, log(0, new long[] {5, 12}, new double[] {1, 1}));
        assertThat(v.first().orElseThrow().update()).isEqualTo(12);
        assertThat(v.first().orElseThrow().planned()).isNaN();
    }

    @Test
    void nanNeverMatches() {
        assertThat(RunCheck.same(Double.NaN, Double.NaN, 1e-6)).isFalse();
        assertThat(RunCheck.same(0, 0, 0)).isTrue();
        assertThat(RunCheck.same(1e-30, 0, 1e-6)).isFalse();
    }
}
