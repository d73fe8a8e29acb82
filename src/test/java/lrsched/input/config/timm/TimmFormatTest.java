package lrsched.input.config.timm;

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

/** timm's train.py configs against the golden data of src/tools/golden/timm_configs.py (timm's own code). */
class TimmFormatTest {

    @TestFactory
    Stream<DynamicTest> everyUpdateOfTheRunMatchesTimm() {
        return ConfigGolden.of("timm");
    }

    @Test
    void claimsTrainPyArgumentsOnly() {
        TimmFormat timm = new TimmFormat();
        assertThat(timm.recognizes(yaml("args.yaml", "model: resnet50\nsched: cosine\nepochs: 100\n"))).isTrue();
        assertThat(timm.recognizes(yaml("args.yml", "opt: lamb\nsched: step\nepochs: 10\n"))).isTrue();
        // a key short: not enough to say it is train.py's
        assertThat(timm.recognizes(yaml("args.yaml", "sched: cosine\nepochs: 100\n"))).isFalse();
        assertThat(timm.recognizes(yaml("args.yaml", "model: x\nepochs: 100\n"))).isFalse();
        // lrsched specs and other extensions are not timm's
        assertThat(timm.recognizes(yaml("a.yaml", "model: x\nsched: cosine\nepochs: 1\nschedules: []\n")))
                .isFalse();
        assertThat(timm.recognizes(yaml("a.yaml", "model: x\nsched: cosine\nepochs: 1\ntype: cosine\n")))
                .isFalse();
        assertThat(timm.recognizes(yaml("a.json", "{\"model\": \"x\", \"sched\": \"cosine\", \"epochs\": 1}")))
                .isFalse();
        assertThat(Formats.standard().choose(yaml("args.yaml",
                "model: resnet50\nsched: cosine\nepochs: 100\n"), Optional.empty()).name()).isEqualTo("timm");
    }

    private static Imported imported(String name) throws IOException {
        return ConfigGolden.imported("timm", name);
    }

    private static String value(String name, String key) throws IOException {
        return ConfigGolden.value("timm", name, key);
    }

    @Test
    void lrFromLrBaseScalesLinearlyForSgd() throws IOException {
        // 64 x 4 devices x 2 accumulation = 512; 0.1 x 512 / 256
        assertThat(imported("cosine_lr_from_base").facts()).contains(
                new Imported.Fact("lr_base_scale", "linear", "opt 'sgd' contains neither 'ada' nor 'lamb'"),
                new Imported.Fact("global batch size", "512", "64 batch_size x 4 devices x 2 grad_accum_steps"),
                new Imported.Fact("lr", "0.2", "0.1 x 512 / 256"));
    }

    @Test
    void lrZeroIsUnsetAndAdamwScalesBySquareRoot() throws IOException {
        // 96 x 3 = 288; 1e-3 x sqrt(288 / 512) = 7.5e-4
        assertThat(imported("cosine_lr_zero_adamw_sqrt").facts()).contains(
                new Imported.Fact("lr_base_scale", "sqrt", "opt 'adamw' contains 'ada' or 'lamb'"),
                new Imported.Fact("lr", "0.00075", "0.001 x sqrt(288 / 512)"));
    }

    @Test
    void cyclesCooldownAndAPrefixedWarmupLengthenTheRun() throws IOException {
        assertThat(imported("cosine_lamb_sqrt_cycles").facts()).contains(
                new Imported.Fact("num_epochs", "18", "floor(6 x (2^2 - 1) / (2 - 1)) + 0 cooldown"));
        // on updates: (10 epochs x 6 + 2 x 6 warmup + 1 x 6 cooldown) // 6 = 13 epochs
        assertThat(imported("cosine_on_updates_prefix").facts()).contains(
                new Imported.Fact("updates per epoch", "6", "ceil(17 batches / 3 grad_accum_steps)"),
                new Imported.Fact("num_epochs", "13", "(60 x 1 cycles + 12 warmup + 6 cooldown) // 6"));
    }

    @Test
    void polysPowerIsDecayRateWithItsDefault() throws IOException {
        assertThat(value("poly_default_decay_rate_power", "power")).isEqualTo("0.1");
        assertThat(imported("poly_default_decay_rate_power").defaults())
                .contains("decay_rate: 0.1 (train.py's default)");
        assertThat(value("poly_power_2_k_decay", "power")).isEqualTo("2.0");
    }

    @Test
    void theFirstEpochRunsAtTheConstructorsLr() throws IOException {
        assertThat(value("tanh_no_warmup_first_epoch", "warmup_t")).isEqualTo("1");
        assertThat(value("tanh_no_warmup_first_epoch", "warmup_lr_init")).isEqualTo("0.048");
        assertThat(value("multistep_milestone_one_no_warmup", "warmup_t")).isEqualTo("1");
        // cosine's curve at 0 is lr already: no such step
        assertThat(value("poly_power_2_k_decay", "warmup_t")).isEqualTo("0");
    }

    @Test
    void epochSteppingIsTheDefaultAndUpdatesComeFromTheAccumulation() throws IOException {
        assertThat(value("cosine_lr_from_base", "stepping")).isEqualTo("epoch");
        assertThat(value("cosine_lr_from_base", "steps_per_epoch")).isEqualTo("13");
        assertThat(ConfigGolden.load("timm", "cosine_on_updates_prefix").schedules().get(0).mapping()
                .get("stepping")).isEmpty();
        assertThat(value("step_float_decay_epochs_on_updates", "decay_t")).isEqualTo("12.0");
    }
}
