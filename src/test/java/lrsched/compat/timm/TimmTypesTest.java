package lrsched.compat.timm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lrsched.core.InputException;
import lrsched.core.StepOutOfRangeException;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * timm behaviours worth pinning beside the golden data, at points computed by hand from the formulas in
 * timm/scheduler/*.py (huggingface/pytorch-image-models; commits in src/docs/compat/timm.md).
 */
class TimmTypesTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
            // warmup_prefix=False: the warmup climbs to lr (0.8 at t=4), then the cosine is already at
            // t=5 of 10: 0.5 * (1 + cos(pi/2)) = 0.5, a drop at the warmup end
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,warmup_t=5                 | 4 | 0.8",
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,warmup_t=5                 | 5 | 0.5",
            // warmup_prefix=True: the cosine starts at the warmup end
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,warmup_t=5,warmup_prefix=true | 5 | 1.0",
            // tanh warms up to the curve at t=4: 0.5 * (1 - tanh(-1 * 0.6 + 1 * 0.4)) = 0.598687660112452
            "type=timm.TanhLRScheduler,lr=1,t_initial=10,lb=-1,ub=1,warmup_t=4        | 2 | 0.299343830056226",
            "type=timm.TanhLRScheduler,lr=1,t_initial=10,lb=-1,ub=1,warmup_t=4        | 4 | 0.598687660112452",
            // poly's default power is 0.5: sqrt(1 - 75/100)
            "type=timm.PolyLRScheduler,lr=1,t_initial=100                             | 75 | 0.5",
            // after cycle_limit cycles: lr_min for ever
            "type=timm.PolyLRScheduler,lr=1,t_initial=100,lr_min=0.25                 | 1000000000000 | 0.25",
            // cycle 1 of cycle_mul=2 starts at t=10 with peak lr * cycle_decay
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,cycle_mul=2,cycle_limit=2,cycle_decay=0.5 | 10 | 0.5",
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,cycle_mul=2,cycle_limit=2,cycle_decay=0.5 | 20 | 0.25",
            // MultiStep milestone 3 applies at t=2 (bisect_right(decay_t, t + 1))
            "type=timm.MultiStepLRScheduler,lr=1,decay_t=[3],decay_rate=0.5          | 1 | 1.0",
            "type=timm.MultiStepLRScheduler,lr=1,decay_t=[3],decay_rate=0.5          | 2 | 0.5",
            // Step: a float decay_t counts floor(t / 2.5) decays
            "type=timm.StepLRScheduler,lr=1,decay_t=2.5,decay_rate=0.5               | 5 | 0.25",
            // Step/MultiStep default warmup_prefix=True: decays counted after the warmup
            "type=timm.StepLRScheduler,lr=1,decay_t=2,decay_rate=0.5,warmup_t=2      | 3 | 1.0",
            "type=timm.StepLRScheduler,lr=1,decay_t=2,decay_rate=0.5,warmup_t=2      | 4 | 0.5",
            // timm counts decays with Python's float floor division: 1 // 0.1 == 9.0 and 3 // 0.1 == 29.0,
            // although 1 / 0.1 == 10.0 and 3 / 0.1 == 30.0
            "type=timm.StepLRScheduler,lr=1,decay_t=0.1,decay_rate=0.5               | 1 | 0.001953125",
            "type=timm.StepLRScheduler,lr=1,decay_t=0.1,decay_rate=0.5               | 3 | 1.862645149230957e-09",
            // the same for the cycle index: i = 1 // 0.1 = 9, x = 1 - 0.1 * 9 = 0.09999999999999998, the very end
            // of cycle 9 (about 0), not the start of cycle 10 (lr)
            "type=timm.CosineLRScheduler,lr=1,t_initial=0.1,cycle_limit=100           | 1 | 0.0",
            // Python's 1.0 ** inf == 1.0 (Java's Math.pow gives NaN): 10^12 // 1e-300 is inf
            "type=timm.StepLRScheduler,lr=0.5,decay_t=1e-300                         | 1000000000000 | 0.5",
            // decay factors of 0 are accepted (timm computes them: 0.0 ** 0 == 1, then 0)
            "type=timm.StepLRScheduler,lr=1,decay_t=2,decay_rate=0                   | 1 | 1.0",
            "type=timm.StepLRScheduler,lr=1,decay_t=2,decay_rate=0                   | 2 | 0.0",
            "type=timm.CosineLRScheduler,lr=1,t_initial=4,cycle_decay=0,cycle_limit=3,lr_min=0.5 | 4 | 0.0",
    })
    void matchesHandComputedValue(String flag, long step, double expected) {
        assertThat(Flags.schedule(flag.strip()).at(step)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void tInEpochsDoesNotChangeTheRows() {
        var epochs = Flags.schedule("type=timm.CosineLRScheduler,lr=1,t_initial=7,warmup_t=2");
        var updates = Flags.schedule("type=timm.CosineLRScheduler,lr=1,t_initial=7,warmup_t=2,t_in_epochs=false");
        for (long t = 0; t < 20; t++) {
            assertThat(updates.at(t)).isEqualTo(epochs.at(t));
        }
    }

    @Test
    void shrinkingCyclesRunOutLikePythonsMathLog() {
        var s = Flags.schedule("type=timm.PolyLRScheduler,lr=1,t_initial=4,cycle_mul=0.5,cycle_limit=100");
        assertThat(s.at(7)).isGreaterThanOrEqualTo(0); // cycles 4, 2, 1: t = 7 is at the start of the 4th
        assertThatThrownBy(() -> s.at(8)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("math domain error");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,warmup_t=3 | 3",
            "type=timm.MultiStepLRScheduler,lr=1,decay_t=[5],warmup_t=4 | 4"})
    void reportsWarmupEnd(String flag, long end) {
        assertThat(Flags.schedule(flag.strip()).warmupEnd()).hasValue(end);
    }

    /**
     * Arguments outside each type's meaningful domain are refused up front (src/docs/compat/timm.md, "Domains"):
     * where timm would divide by zero, take the log of a non-positive number or overflow, negative lengths and
     * counts, and factors that grow (lrsched keeps the decays: growth overflows at large steps).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // 0 ** k_decay at each cycle start: ZeroDivisionError for k_decay < 0; k_decay = 0 flattens the cycles
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,k_decay=-0.5               | k_decay",
            "type=timm.PolyLRScheduler,lr=1,t_initial=10,k_decay=0                    | k_decay",
            // a negative power makes poly grow without bound toward each cycle's end
            "type=timm.PolyLRScheduler,lr=1,t_initial=10,power=-1                     | power",
            // math.log(..., cycle_mul) needs a positive base
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,cycle_mul=0                | cycle_mul",
            "type=timm.TanhLRScheduler,lr=1,t_initial=10,cycle_mul=-2                 | cycle_mul",
            // growing or sign-flipping peaks
            "type=timm.TanhLRScheduler,lr=1,t_initial=10,cycle_decay=1.5,cycle_limit=9 | cycle_decay",
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,cycle_decay=-0.5           | cycle_decay",
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,cycle_limit=-1             | cycle_limit",
            "type=timm.PolyLRScheduler,lr=1,t_initial=10,warmup_t=-3                  | warmup_t",
            "type=timm.CosineLRScheduler,lr=1,t_initial=10,lr_min=-0.1                | lr_min",
            // t // decay_t: ZeroDivisionError at 0; a negative interval counts decays backwards (growth)
            "type=timm.StepLRScheduler,lr=1,decay_t=0                                 | decay_t",
            "type=timm.StepLRScheduler,lr=1,decay_t=-0.3,decay_rate=0.5               | decay_t",
            "type=timm.StepLRScheduler,lr=1,decay_t=2,decay_rate=1.1                  | decay_rate",
            "type=timm.StepLRScheduler,lr=1,decay_t=2,decay_rate=-0.9                 | decay_rate",
            // MultiStep's milestones are List[int] in timm
            "type=timm.MultiStepLRScheduler,lr=1,decay_t=[2.5]                        | decay_t",
            "type=timm.MultiStepLRScheduler,lr=1,decay_t=[-3,5]                       | decay_t",
            "type=timm.MultiStepLRScheduler,lr=1,decay_t=[3],decay_rate=2             | decay_rate",
            // tanh without warmup_prefix evaluates the curve at warmup_t in its constructor; with cycles
            // 4, 2, 1, ... (cycle_mul 0.5) t = 10 is past their total 8: ValueError: math domain error
            "type=timm.TanhLRScheduler,lr=1,t_initial=4,cycle_mul=0.5,cycle_limit=9,warmup_t=10 | warmup_t",
    })
    void refusesArgumentsOutsideTheDomain(String flag, String param) {
        assertThatThrownBy(() -> Flags.schedule(flag.strip())).isInstanceOf(InputException.class)
                .hasMessageContaining(param);
    }

    @Test
    void extremeArgumentsThatLeaveTheFloatsRefuseTheStepAsPythonRaises() {
        // t_initial^2 underflows to 0: timm's 0.0 ** 2 / 1e-200 ** 2 is ZeroDivisionError at t = 0
        var s = Flags.schedule("type=timm.CosineLRScheduler,lr=1,t_initial=1e-200,k_decay=2");
        assertThatThrownBy(() -> s.at(0)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("ZeroDivisionError");
    }

    @Test
    void bisectRightMatchesPythonOnUnsortedLists() {
        // bisect.bisect_right([20, 5, 10], 5) == 2 and bisect.bisect_right([20, 5, 10], 10) == 3 in Python
        assertThat(TimmTypes.bisectRight(new double[] {20, 5, 10}, 5)).isEqualTo(2);
        assertThat(TimmTypes.bisectRight(new double[] {20, 5, 10}, 10)).isEqualTo(3);
        assertThat(TimmTypes.bisectRight(new double[] {8, 8}, 8)).isEqualTo(2);
    }
}
