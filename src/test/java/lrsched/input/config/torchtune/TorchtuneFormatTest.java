package lrsched.input.config.torchtune;

import static lrsched.input.config.ConfigGolden.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.input.config.ConfigGolden;
import lrsched.input.config.Imported;
import lrsched.input.formats.Formats;
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
        assertThat(Formats.standard().choose(yaml("8B_full.yaml", recipe), Optional.empty()).name())
                .isEqualTo("torchtune");
    }

    private static Imported imported(String name) throws IOException {
        return ConfigGolden.imported("torchtune", name);
    }

    private static String value(String name, String key) throws IOException {
        return ConfigGolden.value("torchtune", name, key);
    }

    @Test
    void stepsPerEpochAreFloored() throws IOException {
        assertThat(imported("lora_single_device_floored_steps").facts()).contains(
                new Imported.Fact("len(dataloader)", "250", "floor(1000 / 4 batch_size) (drop_last=True)"),
                new Imported.Fact("steps per epoch", "31", "floor(250 / 8 gradient_accumulation_steps)"),
                new Imported.Fact("num_training_steps", "93", "3 epochs x 31"));
        assertThat(value("lora_single_device_floored_steps", "num_training_steps")).isEqualTo("93");
    }

    @Test
    void eachRanksShareIsACeilThenTheBatchesAreFloored() throws IOException {
        assertThat(imported("full_distributed_ranks").facts()).contains(
                new Imported.Fact("samples per rank", "6501", "ceil(52002 / 8 ranks) (DistributedSampler)"),
                new Imported.Fact("len(dataloader)", "3250", "floor(6501 / 2 batch_size) (drop_last=True)"));
    }

    @Test
    void maxStepsPerEpochCapsOnlyWhenBelow() throws IOException {
        assertThat(imported("max_steps_per_epoch_cap").facts()).contains(
                new Imported.Fact("steps per epoch, capped", "20", "max_steps_per_epoch"),
                new Imported.Fact("num_training_steps", "60", "3 epochs x 20"));
        assertThat(imported("max_steps_per_epoch_above").facts())
                .noneMatch(f -> f.name().equals("steps per epoch, capped"));
    }

    @Test
    void theCosineIsHfCosineWithTheConfigsCycles() throws IOException {
        assertThat(value("num_cycles_clamped", "type")).isEqualTo("hf.cosine");
        assertThat(value("num_cycles_clamped", "num_cycles")).isEqualTo("0.75");
        assertThat(value("no_scheduler_constant", "type")).isEqualTo("constant");
    }
}
