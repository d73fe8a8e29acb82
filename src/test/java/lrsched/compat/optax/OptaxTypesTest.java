package lrsched.compat.optax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the golden data does not show: the pair-list spelling of boundaries_and_scales, refused non-finite
 * steps, warmup and end marks, the largest
 * steps, and values computed by hand from optax/schedules/_schedule.py ((1 + cos(pi/4))/2 = 0.8535533905932737).
 */
class OptaxTypesTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
            "type=optax.piecewise_constant_schedule,init_value=1,boundaries_and_scales={100: 0.5}     | 99  | 1.0",
            "type=optax.piecewise_constant_schedule,init_value=1,boundaries_and_scales={100: 0.5}     | 100 | 0.5",
            "type=optax.piecewise_constant_schedule,init_value=1,boundaries_and_scales=[[100, 0.5], [50, 0.5]] | 100 | 0.25",
            "type=optax.exponential_decay,init_value=1,transition_steps=2,decay_rate=0.25,transition_begin=4 | 5 | 0.5",
            "type=optax.cosine_decay_schedule,init_value=1,decay_steps=4,exponent=2                  | 1   | 0.7285533905932737",
            "type=optax.warmup_cosine_decay_schedule,init_value=0,peak_value=1,warmup_steps=4,decay_steps=8 | 2 | 0.5",
            "type=optax.warmup_cosine_decay_schedule,init_value=0,peak_value=1,warmup_steps=4,decay_steps=8 | 5 | 0.8535533905932737",
            "type=optax.warmup_cosine_decay_schedule,init_value=0,peak_value=2,warmup_steps=4,decay_steps=8,end_value=1 | 99 | 1.0",
            "type=optax.piecewise_interpolate_schedule,interpolate_type=linear,init_value=1,boundaries_and_scales={4: 3} | 1 | 1.5",
            "type=optax.cosine_onecycle_schedule,transition_steps=10,peak_value=1,pct_start=0.2,div_factor=2 | 1 | 0.75",
            "type=optax.join_schedules,schedules=[{type: optax.constant_schedule, value: 1}, {type: optax.linear_schedule, init_value: 0, end_value: 1, transition_steps: 4}],boundaries=[10] | 12 | 0.5",
    })
    void handComputedValues(String flag, long step, double expected) {
        assertThat(Flags.schedule(flag.strip()).at(step)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void sgdrCyclesRestartAtTheSumOfTheirLengths() {
        Schedule s = Flags.schedule("type=optax.sgdr_schedule,cosine_kwargs=[{init_value: 0, peak_value: 1, "
                + "warmup_steps: 2, decay_steps: 10}, {init_value: 0.5, peak_value: 0.5, warmup_steps: 0, "
                + "decay_steps: 4}]");
        assertThat(s.at(9)).isGreaterThan(0.0);
        assertThat(s.at(10)).isEqualTo(0.5);  // second cycle, local step 0, no warmup: its peak
        assertThat(s.at(12)).isCloseTo(0.25, within(1e-15));
        assertThat(s.at(Long.MAX_VALUE)).isEqualTo(0.0);
    }

    @Test
    void warmupSchedulesMarkTheirWarmupEnd() {
        assertThat(Flags.schedule("type=optax.warmup_cosine_decay_schedule,init_value=0,peak_value=1,warmup_steps=10,"
                + "decay_steps=100").warmupEnd()).hasValue(10);
        assertThat(Flags.schedule("type=optax.warmup_exponential_decay_schedule,init_value=0,peak_value=1,"
                + "warmup_steps=7,transition_steps=5,decay_rate=0.5").warmupEnd()).hasValue(7);
        assertThat(Flags.schedule("type=optax.linear_onecycle_schedule,transition_steps=100,peak_value=1")
                .warmupEnd()).hasValue(30);
        assertThat(Flags.schedule("type=optax.warmup_constant_schedule,init_value=0,peak_value=1,warmup_steps=0")
                .warmupEnd()).isEmpty();
    }

    @Test
    void joinEvaluatesOnlyTheChildThatApplies() {
        // the growth child overflows long before step 10^12, where the constant child has taken over
        Schedule s = Flags.schedule("type=optax.join_schedules,schedules=[{type: optax.exponential_decay, "
                + "init_value: 1, transition_steps: 1, decay_rate: 2}, {type: optax.constant_schedule, value: 0.5}],"
                + "boundaries=[10]");
        assertThat(s.at(9)).isEqualTo(512.0);
        assertThat(s.at(1_000_000_000_000L)).isEqualTo(0.5);
    }

    @Test
    void stepsWhereOptaxLeavesTheFiniteNumbersAreRefused() {
        Schedule s = Flags.schedule("type=optax.polynomial_schedule,init_value=1,end_value=0,power=-1,"
                + "transition_steps=10");
        assertThat(s.at(5)).isEqualTo(2.0);
        assertThatThrownBy(() -> s.at(10)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("optax computes Infinity");
    }

    @Test
    void decaysDeclareWhereTheyEnd() {
        assertThat(Flags.schedule("type=optax.linear_schedule,init_value=1,end_value=0,transition_steps=10,"
                + "transition_begin=5").nominalEnd()).hasValue(15);
        assertThat(Flags.schedule("type=optax.warmup_cosine_decay_schedule,init_value=0,peak_value=1,warmup_steps=10,"
                + "decay_steps=100").nominalEnd()).hasValue(100);
        assertThat(Flags.schedule("type=optax.sgdr_schedule,cosine_kwargs=[{init_value: 0, peak_value: 1, "
                + "warmup_steps: 2, decay_steps: 10}, {init_value: 0, peak_value: 1, warmup_steps: 2, "
                + "decay_steps: 30}]").nominalEnd()).hasValue(40);
    }

    @Test
    void theLargestStepsNeedNoLoopOverSteps() {
        assertThat(Flags.schedule("type=optax.exponential_decay,init_value=1,transition_steps=1,decay_rate=0.5,"
                + "end_value=0.01").at(Long.MAX_VALUE)).isEqualTo(0.01);
        assertThat(Flags.schedule("type=optax.linear_onecycle_schedule,transition_steps=100,peak_value=1")
                .at(Long.MAX_VALUE)).isCloseTo(1.0 / 25 / 1e4, within(1e-18));
    }
}
