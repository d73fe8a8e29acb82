package lrsched.compat.diffusers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.library.Libraries;
import lrsched.registry.Registry;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** diffusers' step_rules strings, parsed as Python's split/int/float would (values checked by hand). */
class StepRulesTest {

    @Test
    void pythonNumberSyntaxIsAccepted() {
        StepRules rules = StepRules.parse(" 1_0 : 1_5 ,+.5:+20, 2.5E-1 ");
        assertThat(rules.thresholds()).containsExactly(15, 20);
        assertThat(rules.at(14)).isEqualTo(10.0);
        assertThat(rules.at(15)).isEqualTo(0.5);
        assertThat(rules.at(20)).isEqualTo(0.25);
    }

    @Test
    void infinityAndHugeThresholds() {
        StepRules rules = StepRules.parse("inf:99999999999999999999999,-Infinity");
        assertThat(rules.at(Long.MAX_VALUE - 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(StepRules.parse("nan").at(0)).isNaN();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "1:1e3,0.5      | invalid literal for int() with base 10: '1e3'",
            "1:,0.5         | invalid literal for int() with base 10: ''",
            "1__0:5,0.5     | could not convert string to float: '1__0'",
            "it's:5,0.5     | could not convert string to float: \"it's\"",
            "1:5,0x10       | could not convert string to float: '0x10'",
            "1:5,1d         | could not convert string to float: '1d'",
    })
    void pythonRefusalsWithPythonMessages(String text, String message) {
        assertThatThrownBy(() -> StepRules.parse(text)).hasMessage(message);
    }

    @Test
    void theCommonTypesAreTransformersFormulasUnderTheDiffusersPrefix() {
        for (String name : new String[] {"linear", "cosine", "cosine_with_restarts", "polynomial", "constant",
                "constant_with_warmup", "piecewise_constant"}) {
            assertThat(Libraries.registry().find("diffusers." + name)).as(name).isPresent();
        }
        assertThat(Libraries.registry().find("diffusers.inverse_sqrt")).isEmpty();
        assertThat(Flags.schedule("type=diffusers.cosine,lr=1,num_warmup_steps=0,num_training_steps=4").at(6))
                .isEqualTo(Flags.schedule("type=hf.cosine,lr=1,num_warmup_steps=0,num_training_steps=4").at(6));
    }
}
