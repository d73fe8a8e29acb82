package lrsched.input.config;

import static lrsched.input.config.ConfigGolden.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** torchtune recipe configs against the golden data of src/tools/golden/torchtune_configs.py. */
class TorchtuneFormatTest {

    @TestFactory
    Stream<DynamicTest> everyUpdateOfTheRunMatchesTorchtune() {
        return ConfigGolden.of("torchtune");
    }

    @Test
    void claimsRecipeConfigsWithTorchtuneComponentsOnly() {
        TorchtuneFormat tune = new TorchtuneFormat();
        String recipe = "model:\n  _component_: torchtune.models.llama3_2.llama3_2_1b\noptimizer:\n"
                + "  _component_: torch.optim.AdamW\n  lr: 2e-5\nepochs: 1\n";
        assertThat(tune.recognizes(yaml("8B_full.yaml", recipe))).isTrue();
        assertThat(tune.recognizes(yaml("8B_full.yaml", "tokenizer: {_component_: torchtune.models.llama3."
                + "llama3_tokenizer}\noptimizer: {_component_: torch.optim.SGD, lr: 0.1}\n"))).isTrue();
        // an optimizer component alone, or a model that is not torchtune's, is some other framework's
        assertThat(tune.recognizes(yaml("a.yaml", "optimizer: {_component_: torch.optim.AdamW, lr: 1}\n")))
                .isFalse();
        assertThat(tune.recognizes(yaml("a.yaml", "model: {_component_: mylib.Model}\noptimizer: "
                + "{_component_: torch.optim.AdamW, lr: 1}\n"))).isFalse();
        assertThat(tune.recognizes(yaml("a.yaml", recipe + "schedules: []\n"))).isFalse();
        assertThat(tune.recognizes(yaml("a.toml", recipe))).isFalse();
        assertThat(ConfigFormats.standard().choose(yaml("8B_full.yaml", recipe), Optional.empty()).name())
                .isEqualTo("torchtune");
    }
}
