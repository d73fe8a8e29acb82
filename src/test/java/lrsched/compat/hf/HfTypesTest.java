package lrsched.compat.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lrsched.core.InputException;
import lrsched.core.StepOutOfRangeException;
import lrsched.library.Libraries;
import lrsched.registry.Registry;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edge cases the golden data does not show, at values computed by hand from the formulas of transformers'
 * src/transformers/optimization.py (exact fractions, or (1 + cos(pi/4))/2 = 0.8535533905932737 and
 * (1 + cos(pi/8))/2 = 0.9619397662556434).
 */
class HfTypesTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
            "type=hf.linear;lr=1;num_warmup_steps=4;num_training_steps=12                   | 2  | 0.5",
            "type=hf.linear;lr=1;num_warmup_steps=4;num_training_steps=12                   | 8  | 0.5",
            "type=hf.linear;lr=1;num_warmup_steps=4;num_training_steps=12                   | 20 | 0.0",
            "type=hf.cosine;lr=1;num_warmup_steps=0;num_training_steps=4                    | 1  | 0.8535533905932737",
            "type=hf.cosine;lr=1;num_warmup_steps=0;num_training_steps=4                    | 4  | 0.0",
            "type=hf.cosine;lr=1;num_warmup_steps=0;num_training_steps=4                    | 6  | 0.5",
            "type=hf.cosine;lr=1;num_warmup_steps=0;num_training_steps=4                    | 8  | 1.0",
            "type=hf.cosine_with_restarts;lr=1;num_warmup_steps=0;num_training_steps=8;num_cycles=2 | 2 | 0.5",
            "type=hf.cosine_with_restarts;lr=1;num_warmup_steps=0;num_training_steps=8;num_cycles=2 | 4 | 1.0",
            "type=hf.cosine_with_restarts;lr=1;num_warmup_steps=0;num_training_steps=8;num_cycles=2 | 8 | 0.0",
            "type=hf.polynomial;lr=1;lr_end=0;power=2;num_warmup_steps=0;num_training_steps=4 | 2 | 0.25",
            "type=hf.polynomial;lr=1;lr_end=0.5;num_warmup_steps=0;num_training_steps=4     | 9  | 0.5",
            "type=hf.inverse_sqrt;lr=1;num_warmup_steps=4                                   | 16 | 0.5",
            "type=hf.inverse_sqrt;lr=1;num_warmup_steps=0                                   | 30000 | 0.5",
            "type=hf.cosine_warmup_with_min_lr;lr=1;num_warmup_steps=4;num_training_steps=12;min_lr_rate=0 | 0 | 0.25",
            "type=hf.cosine_warmup_with_min_lr;lr=1;num_warmup_steps=4;num_training_steps=12;min_lr_rate=0 | 3 | 1.0",
            "type=hf.cosine_warmup_with_min_lr;lr=1;num_warmup_steps=4;num_training_steps=12;min_lr_rate=0 | 4 | 0.9619397662556434",
            "type=hf.cosine_warmup_with_min_lr;lr=1;num_warmup_steps=4;num_training_steps=12;min_lr_rate=0 | 11 | 0.0",
            "type=hf.cosine_with_min_lr;lr=2;min_lr=1;num_warmup_steps=0;num_training_steps=4 | 2  | 1.5",
            "type=hf.warmup_stable_decay;lr=1;num_warmup_steps=2;num_stable_steps=2;num_decay_steps=4;decay_type=linear | 1 | 0.5",
            "type=hf.warmup_stable_decay;lr=1;num_warmup_steps=2;num_stable_steps=2;num_decay_steps=4;decay_type=linear | 3 | 1.0",
            "type=hf.warmup_stable_decay;lr=1;num_warmup_steps=2;num_stable_steps=2;num_decay_steps=4;decay_type=linear | 6 | 0.5",
            "type=hf.warmup_stable_decay;lr=1;num_warmup_steps=2;num_stable_steps=2;num_decay_steps=4;decay_type=linear | 8 | 0.0",
            "type=hf.constant;lr=0.25;num_warmup_steps=100                                   | 0  | 0.25",
    })
    void handComputedValues(String flag, long step, double expected) {
        assertThat(Flags.schedule(flag.strip().replace(';', ',')).at(step)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void polynomialWithZeroLrFailsFromTheEndOfWarmupLikeTheLibrary() {
        // lr 0 passes the lr > lr_end check when lr_end < 0; the library then divides by lr_init = 0.
        var s = Flags.schedule("type=hf.polynomial,lr=0,lr_end=-1,num_warmup_steps=2,num_training_steps=10");
        assertThat(s.at(1)).isEqualTo(0.0);
        assertThatThrownBy(() -> s.at(5)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessage("float division by zero")
                .satisfies(e -> assertThat(((StepOutOfRangeException) e).step()).isEqualTo(2));
    }

    @Test
    void polynomialRefusesEveryStepFromTheFailingOne() {
        var s = Flags.schedule("type=hf.polynomial,lr=1,num_warmup_steps=5,num_training_steps=5");
        assertThat(s.at(4)).isEqualTo(0.8);
        assertThatThrownBy(() -> s.at(1_000_000)).isInstanceOf(StepOutOfRangeException.class)
                .satisfies(e -> assertThat(((StepOutOfRangeException) e).step()).isEqualTo(5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "type=hf.inverse_sqrt;lr=1;num_warmup_steps=4;timescale=0                         | timescale",
            "type=hf.linear;lr=1;num_warmup_steps=-1;num_training_steps=10                   | num_warmup_steps",
            "type=hf.cosine_with_min_lr;lr=0;min_lr=0;num_warmup_steps=0;num_training_steps=4 | division by zero",
            "type=hf.reduce_lr_on_plateau;lr=0.1;mode=min;patience=10;factor=0.5             | metric",
            "type=hf.cosine;lr=1;num_warmup_steps=0;num_training_steps=4;power=2             | unknown parameter 'power'",
    })
    void refusals(String flag, String mentioned) {
        assertThatThrownBy(() -> Flags.schedule(flag.strip().replace(';', ',')))
                .isInstanceOf(InputException.class).hasMessageContaining(mentioned);
    }

    @Test
    void warmupEndIsNumWarmupSteps() {
        assertThat(Flags.schedule("type=hf.linear,lr=1,num_warmup_steps=5,num_training_steps=10").warmupEnd())
                .hasValue(5);
        assertThat(Flags.schedule("type=hf.cosine,lr=1,num_warmup_steps=0,num_training_steps=10").warmupEnd())
                .isEmpty();
    }

    @Test
    void pythonModuloKeepsThePhaseNonNegative() {
        assertThat(LrLambdas.pythonModOne(-0.25)).isEqualTo(0.75);
        assertThat(LrLambdas.pythonModOne(2.5)).isEqualTo(0.5);
        assertThat(LrLambdas.pythonModOne(-1e-17)).isEqualTo(1.0); // -1e-17 + 1.0 rounds to 1.0, as in Python
    }

    @Test
    void everyTransformersSchedulerTypeIsDeclared() {
        for (String name : new String[] {"linear", "cosine", "cosine_with_restarts", "polynomial", "constant",
                "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr",
                "cosine_warmup_with_min_lr", "warmup_stable_decay"}) {
            assertThat(Libraries.registry().find("hf." + name)).as(name).isPresent();
        }
    }
}
