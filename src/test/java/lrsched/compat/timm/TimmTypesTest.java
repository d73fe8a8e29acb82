package lrsched.compat.timm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import lrsched.schedule.StepOutOfRangeException;
import lrsched.testing.Flags;

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

    @Test
    void bisectRightMatchesPythonOnUnsortedLists() {
        // bisect.bisect_right([20, 5, 10], 5) == 2 and bisect.bisect_right([20, 5, 10], 10) == 3 in Python
        assertThat(TimmTypes.bisectRight(new double[] {20, 5, 10}, 5)).isEqualTo(2);
        assertThat(TimmTypes.bisectRight(new double[] {20, 5, 10}, 10)).isEqualTo(3);
        assertThat(TimmTypes.bisectRight(new double[] {8, 8}, 8)).isEqualTo(2);
    }
}
