package lrsched.compat.deepspeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DeepSpeed's shifted counter, checked row by row on small hand-computed cases (deepspeed/runtime/lr_schedules.py:
 * the constructor sets the LR of update 0, and update s runs with get_lr() at last_batch_iteration s - 1).
 */
class DeepSpeedTypesTest {

    private static void assertRows(String flag, double... expected) {
        Schedule s = Flags.schedule(flag);
        for (int row = 0; row < expected.length; row++) {
            assertThat(s.at(row)).as("row " + row).isCloseTo(expected[row], within(1e-15));
        }
    }

    @Test
    void linearWarmupReachesTheMaxOneRowAfterWarmupNumSteps() {
        // f(i) = i / 4 for i < 4, then 1; row 0 = warmup_min_lr, row s = f(s - 1)
        assertRows("type=deepspeed.WarmupLR,warmup_max_lr=1,warmup_num_steps=4,warmup_type=linear",
                0, 0, 0.25, 0.5, 0.75, 1, 1);
    }

    @Test
    void warmupDecayEndsAtMinLr() {
        // W = 2, T = 4: f(0) = 0, f(1) = 1 (log), f(2) = 2/2, f(3) = 1/2, f(4) = 0, then 0 (clamped)
        assertRows("type=deepspeed.WarmupDecayLR,total_num_steps=4,warmup_max_lr=1,warmup_num_steps=2",
                0, 0, 1, 1, 0.5, 0, 0, 0);
    }

    @Test
    void warmupCosineRunsUpdateZeroAtZero() {
        // row 0 is get_lr() before any step: 0.0, even though the warmup starts at 0.5 * lr; W = 2, T = 4:
        // i = 2 is half way through the cosine (p = 1/2), i = 3 at its end
        assertRows("type=deepspeed.WarmupCosineLR,lr=2,total_num_steps=4,warmup_num_steps=2,warmup_min_ratio=0.5,"
                + "cos_min_ratio=0", 0, 1, 2, 1, 0, 0, 0);
    }

    @Test
    void oneCyclePeaksAtFirstStepSizeThenDecaysHyperbolically() {
        // S = 4: rows 0..4 ramp 1 -> 2 -> 1 on batch_iteration = row; row 5 is decay iteration 1: 1 / (1 + 1)
        assertRows("type=deepspeed.OneCycle,cycle_min_lr=1,cycle_max_lr=2,cycle_first_step_size=2,decay_lr_rate=1,"
                + "decay_step_size=1", 1, 1.5, 2, 1.5, 1, 0.5, 1.0 / 3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "type=deepspeed.WarmupLR,warmup_num_steps=5 | give warmup_max_lr, or lr",
            "type=deepspeed.WarmupLR,lr=1,warmup_num_steps=-5 | warmup_num_steps must be a positive integer, got -5",
            "type=deepspeed.OneCycle,cycle_min_lr=0,cycle_max_lr=1,momentum=0.9 | unknown parameter 'momentum'",
    })
    void rejects(String flag, String message) {
        assertThatThrownBy(() -> Flags.schedule(flag.strip())).isInstanceOf(InputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void reportsTheFirstRowAfterTheWarmup() {
        assertThat(Flags.schedule("type=deepspeed.WarmupLR,lr=1,warmup_num_steps=10").warmupEnd()).hasValue(11);
        assertThat(Flags.schedule("type=deepspeed.WarmupLR,lr=1,warmup_num_steps=1").warmupEnd()).hasValue(3);
    }

    /** Negative lengths, counts and decay parameters are refused (src/docs/compat/deepspeed.md, "Domains"). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // 1 + decay_lr_rate * k / decay_step_size reaches 0 (ZeroDivisionError) or goes negative
            "type=deepspeed.OneCycle,cycle_min_lr=0.1,cycle_max_lr=1,decay_lr_rate=-0.5,decay_step_size=2 | decay_lr_rate",
            "type=deepspeed.OneCycle,cycle_min_lr=0.1,cycle_max_lr=1,decay_lr_rate=0.5,decay_step_size=-2 | decay_step_size",
            "type=deepspeed.OneCycle,cycle_min_lr=0.1,cycle_max_lr=1,cycle_first_step_size=-4,cycle_second_step_size=8 | cycle_first_step_size",
            "type=deepspeed.OneCycle,cycle_min_lr=0.1,cycle_max_lr=1,cycle_second_step_size=-1 | cycle_second_step_size",
            "type=deepspeed.WarmupDecayLR,total_num_steps=-5,warmup_num_steps=2       | total_num_steps",
            "type=deepspeed.WarmupCosineLR,lr=1,total_num_steps=-5,warmup_num_steps=2 | total_num_steps",
    })
    void refusesArgumentsOutsideTheDomain(String flag, String param) {
        assertThatThrownBy(() -> Flags.schedule(flag.strip())).isInstanceOf(InputException.class)
                .hasMessageContaining(param);
    }
}
