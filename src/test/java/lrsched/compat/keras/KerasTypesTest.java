package lrsched.compat.keras;

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
 * What the golden data does not show: refused steps where Keras gives NaN or infinity, warmup and end marks, steps near Long.MAX_VALUE, and
 * values computed by hand from the formulas of keras/src/optimizers/schedules/learning_rate_schedule.py
 * ((1 + cos(pi/4))/2 = 0.8535533905932737).
 */
class KerasTypesTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
            "type=keras.PiecewiseConstantDecay,boundaries=[100],values=[1.0,0.5]                  | 100 | 1.0",
            "type=keras.PiecewiseConstantDecay,boundaries=[100],values=[1.0,0.5]                  | 101 | 0.5",
            "type=keras.PolynomialDecay,initial_learning_rate=1,decay_steps=4,end_learning_rate=0,cycle=true | 4 | 0.0",
            "type=keras.PolynomialDecay,initial_learning_rate=1,decay_steps=4,end_learning_rate=0,cycle=true | 6 | 0.25",
            "type=keras.CosineDecay,initial_learning_rate=1,decay_steps=4                        | 1   | 0.8535533905932737",
            "type=keras.CosineDecay,initial_learning_rate=0,decay_steps=4,warmup_target=2,warmup_steps=2 | 1 | 1.0",
            "type=keras.CosineDecay,initial_learning_rate=0,decay_steps=4,warmup_target=2,warmup_steps=2 | 3 | 1.7071067811865475",
            "type=keras.CosineDecay,initial_learning_rate=1,decay_steps=4,alpha=0.5,warmup_target=2,warmup_steps=2 | 9 | 1.0",
            "type=keras.InverseTimeDecay,initial_learning_rate=1,decay_steps=2,decay_rate=1,staircase=true | 3 | 0.5",
            "type=keras.CosineDecayRestarts,initial_learning_rate=1,first_decay_steps=10,t_mul=3   | 1210 | 1.0",
            "type=keras.CosineDecayRestarts,initial_learning_rate=1,first_decay_steps=10,t_mul=3,m_mul=0.5 | 40 | 0.25",
            "type=keras.CosineDecayRestarts,initial_learning_rate=1,first_decay_steps=10,t_mul=3,m_mul=0.5 | 130 | 0.125",
            "type=keras.CosineDecayRestarts,initial_learning_rate=1,first_decay_steps=4,t_mul=1,m_mul=0.5,alpha=0.5 | 9 | 0.6066941738241592",
    })
    void handComputedValues(String flag, long step, double expected) {
        assertThat(Flags.schedule(flag.strip()).at(step)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void restartsWithShrinkingCyclesAreRefusedWhereKerasGivesNan() {
        // t_mul 0.5: cycles of 100, 50, 25, ... steps end at step 100 / (1 - 0.5) = 200; Keras takes log(<= 0).
        Schedule s = Flags.schedule("type=keras.CosineDecayRestarts,initial_learning_rate=0.1,first_decay_steps=100,"
                + "t_mul=0.5");
        assertThat(s.at(199)).isFinite();
        assertThatThrownBy(() -> s.at(200)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("Keras returns NaN");
        assertThatThrownBy(() -> s.at(1000)).isInstanceOf(StepOutOfRangeException.class);
    }

    @Test
    void stepsWhereKerasLeavesTheFiniteNumbersAreRefused() {
        // (-0.5)^(1/2) is NaN; 2^(10^12) overflows. Both are values no optimizer can use.
        Schedule negative = Flags.schedule("type=keras.ExponentialDecay,initial_learning_rate=1,decay_steps=2,"
                + "decay_rate=-0.5");
        assertThat(negative.at(2)).isEqualTo(-0.5);
        assertThatThrownBy(() -> negative.at(1)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("Keras computes NaN");
        Schedule growth = Flags.schedule("type=keras.ExponentialDecay,initial_learning_rate=1,decay_steps=1,"
                + "decay_rate=2");
        assertThat(growth.at(10)).isEqualTo(1024.0);
        assertThatThrownBy(() -> growth.at(1_000_000_000_000L)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("Infinity");
    }

    @Test
    void decaysDeclareWhereTheyEnd() {
        assertThat(Flags.schedule("type=keras.CosineDecay,initial_learning_rate=0,decay_steps=10,warmup_target=1,"
                + "warmup_steps=20").nominalEnd()).hasValue(30);
        assertThat(Flags.schedule("type=keras.PolynomialDecay,initial_learning_rate=1,decay_steps=10").nominalEnd())
                .hasValue(10);
        assertThat(Flags.schedule("type=keras.PolynomialDecay,initial_learning_rate=1,decay_steps=10,cycle=true")
                .nominalEnd()).isEmpty();
    }

    @Test
    void restartsAtTheLargestStepsStayFinite() {
        Schedule doubling = Flags.schedule("type=keras.CosineDecayRestarts,initial_learning_rate=1,first_decay_steps=7");
        Schedule equal = Flags.schedule("type=keras.CosineDecayRestarts,initial_learning_rate=1,first_decay_steps=7,"
                + "t_mul=1,m_mul=0.9,alpha=0.1");
        assertThat(doubling.at(Long.MAX_VALUE)).isBetween(0.0, 1.0);
        assertThat(equal.at(Long.MAX_VALUE)).isCloseTo(0.1, within(1e-12)); // 0.9^huge underflows to 0
    }

    @Test
    void cosineWithWarmupMarksTheWarmupEnd() {
        assertThat(Flags.schedule("type=keras.CosineDecay,initial_learning_rate=0,decay_steps=10,warmup_target=1,"
                + "warmup_steps=20").warmupEnd()).hasValue(20);
        assertThat(Flags.schedule("type=keras.CosineDecay,initial_learning_rate=1,decay_steps=10,warmup_steps=20")
                .warmupEnd()).isEmpty(); // warmup_steps without warmup_target: no warmup in Keras
    }
}
