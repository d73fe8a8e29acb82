package lrsched.input.config.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.input.config.ConfigGolden;
import lrsched.input.config.Imported;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The llamafactory format: golden runs from LLaMA-Factory's and transformers' code, its traps and refusals. */
class LlamaFactoryFormatTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> goldenRunsMatchLlamaFactory() {
        return ConfigGolden.of("llamafactory");
    }

    private static final String HEAD = "stage: sft\nfinetuning_type: lora\ntemplate: llama3\ndataset: alpaca_en_demo\n"
            + "per_device_train_batch_size: 1\nnum_train_epochs: 1.0\n";

    private Spec load(String text, List<String> run) throws IOException {
        Files.writeString(dir.resolve("train.yaml"), text);
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                .load(List.of(Path.of("train.yaml")), Optional.empty(), run, List.of(), List.of(), List.of());
    }

    private static String fact(Imported imported, String name) {
        return imported.facts().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void itRefinesHfAndCountsTheExamplesLeftForTraining() throws IOException {
        Spec spec = load(HEAD + "max_samples: 1000\nval_size: 0.1\n", List.of("dataset_size=52002"));
        assertThat(spec.files().get(0).format().name()).isEqualTo("llamafactory");
        Imported i = spec.files().get(0).imported();
        assertThat(fact(i, "examples after max_samples")).isEqualTo("1000");
        assertThat(fact(i, "validation examples")).isEqualTo("100");
        assertThat(fact(i, "training examples")).isEqualTo("900");
        assertThat(i.steps()).hasValue(900);
    }

    @Test
    void aFractionalValidationSplitRoundsUpAndACountAboveOneIsACount() throws IOException {
        assertThat(fact(load(HEAD + "val_size: 0.05\n", List.of("dataset_size=999")).files().get(0).imported(),
                "validation examples")).isEqualTo("50"); // ceil(49.95)
        assertThat(fact(load(HEAD + "val_size: 500\n", List.of("dataset_size=999")).files().get(0).imported(),
                "training examples")).isEqualTo("499");
    }

    @Test
    void warmupStableDecayGetsLlamaFactorysStableAndDecayLengths() throws IOException {
        Imported i = load(HEAD + "lr_scheduler_type: warmup_stable_decay\nwarmup_steps: 10\n",
                List.of("dataset_size=110")).files().get(0).imported();
        assertThat(fact(i, "num_stable_steps")).isEqualTo("33"); // (110 - 10) // 3
        assertThat(fact(i, "num_decay_steps")).isEqualTo("67");
    }

    @Test
    void omegaConfReadsExponentsWithoutADot() throws IOException {
        assertThat(load(HEAD + "learning_rate: 1e-4\n", List.of("dataset_size=10")).steps()).hasValue(10);
    }

    @Test
    void whatCannotBeCountedIsRefused() {
        assertThatThrownBy(() -> load(HEAD.replace("alpaca_en_demo", "a,b") + "max_samples: 100\n",
                List.of("dataset_size=10"))).isInstanceOf(InputException.class).hasMessage("train.yaml:7:14: "
                + "max_samples truncates each of the 2 datasets (a, b), whose sizes --run dataset_size cannot give one "
                + "by one; read them one at a time, or remove max_samples and give their total");
        assertThatThrownBy(() -> load(HEAD.replace("sft", "pt") + "max_samples: 100\n", List.of("dataset_size=10")))
                .isInstanceOf(InputException.class).hasMessageContaining("packing is on for stage pt");
        assertThatThrownBy(() -> load(HEAD + "val_size: 0.1\neval_dataset: x\n", List.of("dataset_size=10")))
                .isInstanceOf(InputException.class).hasMessage("train.yaml:7:11: Cannot specify `val_size` if "
                        + "`eval_dataset` is not None. (LLaMA-Factory's check); remove one of them");
        assertThatThrownBy(() -> load(HEAD + "val_size: 20\n", List.of("dataset_size=10")))
                .isInstanceOf(InputException.class).hasMessage("train.yaml:7:11: val_size: datasets' "
                        + "train_test_split refuses it (test_size=20 should be either positive and smaller than the "
                        + "number of samples 10 or a float in the (0, 1) range); give a fraction below 1 or a count "
                        + "below 10");
        assertThatThrownBy(() -> load(HEAD + "val_size: 0.999\n", List.of("dataset_size=10")))
                .isInstanceOf(InputException.class).hasMessage("train.yaml:7:11: val_size: datasets' "
                        + "train_test_split refuses it (With n_samples=10, test_size=0.999 and train_size=None, the "
                        + "resulting train set will be empty); lower it");
        assertThatThrownBy(() -> load(HEAD, List.of())).isInstanceOf(InputException.class).hasMessage("train.yaml: "
                + "the number of updates (examples per dataset, before max_samples and val_size) needs the dataset "
                + "size: add --run dataset_size=N");
    }

    @Test
    void theExampleIsTheGoldenRun() throws IOException {
        HfFormatTest.assertSameCurve(Path.of("examples/configs/llamafactory-lora-sft.yaml"),
                List.of("dataset_size=52002,num_devices=2"), "max_samples_and_val_fraction");
    }
}
