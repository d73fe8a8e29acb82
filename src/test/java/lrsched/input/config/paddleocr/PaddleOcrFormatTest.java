package lrsched.input.config.paddleocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.input.config.ConfigGolden;
import lrsched.input.config.Imported;
import lrsched.input.spec.Spec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * PaddleOCR configs against PaddleOCR's own build_lr_scheduler on the step_each_epoch Paddle's
 * DistributedBatchSampler gives (golden/configs/paddleocr/, src/tools/golden/paddleocr_schedules.py): every update
 * bit for bit; and the format's refusals, each with its message.
 */
class PaddleOcrFormatTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/configs/paddleocr");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> goldenConfigsGivePaddleOcrsCurveBitForBit() {
        return ConfigGolden.bitForBit("paddleocr");
    }

    @Test
    void aScientificLearningRateIsTextToPyYamlAndPaddleRefusesIt() throws IOException {
        String paddle = Files.readString(GOLDEN.resolve("bad_string_lr.error")).strip().substring("message: ".length());
        assertThatThrownBy(() -> ConfigGolden.load(GOLDEN.toAbsolutePath(), "bad_string_lr"))
                .isInstanceOf(InputException.class)
                .hasMessage("bad_string_lr.yaml:20:20: Optimizer.lr.learning_rate: PyYAML, which PaddleOCR reads this "
                        + "file with, takes 1e-3 for the text '1e-3' (a YAML 1.1 float needs a dot and a signed "
                        + "exponent), and Paddle's LRScheduler refuses it (" + paddle + "); write 1.0e-3");
    }

    @Test
    void derivedNumbersAndSwallowedKeysAreExplained() throws IOException {
        Imported imported = ConfigGolden.imported("paddleocr", "rec_onecycle");
        assertThat(imported.facts()).extracting(Imported.Fact::name, Imported.Fact::value, Imported.Fact::how)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("samples per device", "500", "ceil(500 / 1)"),
                        org.assertj.core.groups.Tuple.tuple("step_each_epoch", "16",
                                "ceil(500 / 32) = len(train_dataloader)"),
                        org.assertj.core.groups.Tuple.tuple("iterations", "48", "3 epochs x 16 iterations"));
        assertThat(imported.ignored()).containsExactly("Optimizer.lr.warmup_epochs (swallowed by OneCycle's "
                + "**kwargs; did you mean warmup_epoch?)");
        assertThat(imported.updatesPerEpoch()).hasValue(16);
    }

    @Test
    void withoutANameTheOtherLrKeysAreIgnored() throws IOException {
        Imported imported = ConfigGolden.imported("paddleocr", "cls_plain_number");
        assertThat(imported.ignored()).containsExactly("Optimizer.lr.warmup_epoch (without a name the lr is the "
                + "number learning_rate)");
        assertThat(imported.schedules().get(0).get("type").map(n -> ((lrsched.core.Node.ScalarNode) n).text()))
                .hasValue("paddleocr.Const");
    }

    @Test
    void warmupIterationsRoundHalfToEven() throws IOException {
        Path config = write("c.yml", config("6", "    name: Cosine\n    learning_rate: 0.001\n    warmup_epoch: 0.5",
                "5", "false"));
        Imported imported = load(config, "batches_per_epoch=5").files().get(0).imported();
        assertThat(imported.facts()).filteredOn(f -> f.name().equals("warmup iterations"))
                .extracting(Imported.Fact::value).containsExactly("2");
    }

    @Test
    void decayLearningRatesEndLrAndWarmupAreListedAsIgnored() throws IOException {
        Path config = write("c.yml", config("6", "    name: DecayLearningRate\n    learning_rate: 0.001\n"
                + "    end_lr: 0.5\n    warmup_epoch: 1\n    epochs: 99", "5", "false"));
        Imported imported = load(config, "batches_per_epoch=5").files().get(0).imported();
        assertThat(imported.ignored()).containsExactly(
                "Optimizer.lr.end_lr (accepted and ignored by DecayLearningRate)",
                "Optimizer.lr.warmup_epoch (swallowed by DecayLearningRate's **kwargs)",
                "Optimizer.lr.epochs (build_lr_scheduler replaces it with Global.epoch_num)");
    }

    @Test
    void anUnknownClassNameGetsTheClosest() throws IOException {
        assertRefused(config("6", "    name: Cosin\n    learning_rate: 0.001", "8", "false"), "batches_per_epoch=5",
                "c.yml:15:11: Optimizer.lr.name 'Cosin': PaddleOCR's learning_rate.py has no such class "
                        + "(AttributeError); did you mean 'Cosine'?");
    }

    @Test
    void aMissingEpochNumIsRefused() throws IOException {
        assertRefused(config("6", "    name: Cosine\n    learning_rate: 0.001", "8", "false")
                        .replace("  epoch_num: 6\n", ""), "batches_per_epoch=5",
                "c.yml:2:3: Global has no epoch_num, which PaddleOCR's train loop reads (no default); add "
                        + "Global.epoch_num");
    }

    @Test
    void zeroEpochsAreRefused() throws IOException {
        assertRefused(config("0", "    name: Cosine\n    learning_rate: 0.001", "8", "false"), "batches_per_epoch=5",
                "c.yml:2:14: Global.epoch_num 0: PaddleOCR trains the epochs range(1, epoch_num + 1), none here; "
                        + "give 1 or more");
    }

    @Test
    void negativeEpochsAreRefused() throws IOException {
        assertRefused(config("-3", "    name: Cosine\n    learning_rate: 0.001", "8", "false"), "batches_per_epoch=5",
                "c.yml:2:14: Global.epoch_num -3: PaddleOCR trains the epochs range(1, epoch_num + 1), none here; "
                        + "give 1 or more");
    }

    @Test
    void theDatasetSizeIsNeededWithoutBatchesPerEpoch() throws IOException {
        assertRefused(config("6", "    name: Cosine\n    learning_rate: 0.001", "8", "false"), null,
                "c.yml: step_each_epoch is len(train_dataloader), which needs the training samples (label lines "
                        + "after ratio_list): add --run dataset_size=N[,num_devices=K], or --run batches_per_epoch=N");
    }

    @Test
    void dropLastLeavingNoBatchIsRefused() throws IOException {
        assertRefused(config("6", "    name: Cosine\n    learning_rate: 0.001", "8", "true"),
                "dataset_size=10,num_devices=2", "c.yml:9:16: dataset_size 10 gives 5 samples per device, no full "
                        + "batch of 8 with drop_last, so no iteration; check --run dataset_size and num_devices");
    }

    @Test
    void aMissingBatchSizeIsRefused() throws IOException {
        assertRefused(config("6", "    name: Cosine\n    learning_rate: 0.001", "8", "true")
                        .replace("    batch_size_per_card: 8\n", ""), "dataset_size=100",
                "c.yml:8:5: Train.loader has no batch_size_per_card, which PaddleOCR's build_dataloader reads "
                        + "(KeyError); add it, or --run batches_per_epoch=N");
    }

    @Test
    void aSamplerNeedsBatchesPerEpoch() throws IOException {
        assertRefused(config("6", "    name: Cosine\n    learning_rate: 0.001", "8", "true")
                        .replace("  loader:\n", "  sampler:\n    name: MultiScaleSampler\n  loader:\n"), "dataset_size=100",
                "c.yml:8:5: Train.sampler batches the data itself, so its length is not DistributedBatchSampler's; "
                        + "add --run batches_per_epoch=N (the iterations PaddleOCR logs per epoch)");
    }

    @Test
    void anIntegerPlainLearningRateIsRefused() throws IOException {
        assertRefused(config("6", "    learning_rate: 1", "8", "false"), "batches_per_epoch=5",
                "c.yml:15:20: Optimizer.lr.learning_rate 1 is a Python int, which PaddleOCR's train loop calls "
                        + "step() on (it skips floats only: AttributeError: 'int' object has no attribute 'step'); "
                        + "write 1.0");
    }

    @Test
    void aQuotedLearningRateIsRefused() throws IOException {
        assertRefused(config("6", "    name: Cosine\n    learning_rate: '0.001'", "8", "false"),
                "batches_per_epoch=5", "c.yml:16:20: Optimizer.lr.learning_rate takes a number, not the text "
                        + "'0.001'; Paddle's LRScheduler refuses it (TypeError: The type of learning rate must be float, "
                        + "but received <class 'str'>)");
    }

    @Test
    void aMissingGammaIsThePaddleOcrClassesMissingArgument() throws IOException {
        assertRefused(config("6", "    name: Step\n    learning_rate: 0.001\n    step_size: 2", "8", "false"),
                "batches_per_epoch=5", "missing required parameter 'gamma'");
    }

    @Test
    void aPaddleClasConfigIsNotClaimed() throws IOException {
        Path config = write("c.yml", config("6", "    name: Cosine\n    learning_rate: 0.001", "8", "false")
                .replace("  epoch_num: 6\n", "  epochs: 6\n"));
        assertThat(new PaddleOcrFormat().recognizes(new lrsched.input.document.DocumentReader(
                new ByteArrayInputStream(new byte[0]), dir).read(config))).isFalse();
    }

    /** Global at line 1, Train.loader at line 7 (drop_last line 9), Optimizer.lr's first key at line 15. */
    private static String config(String epochs, String lr, String batch, String dropLast) {
        return "Global:\n  epoch_num: " + epochs + "\n  use_gpu: true\nTrain:\n  dataset:\n    name: SimpleDataSet\n"
                + "  loader:\n    shuffle: true\n    drop_last: " + dropLast + "\n    batch_size_per_card: " + batch
                + "\n    num_workers: 4\nOptimizer:\n  name: Adam\n  lr:\n" + lr + "\n";
    }

    private void assertRefused(String text, String facts, String message) throws IOException {
        ConfigGolden.assertRefused(dir, text, facts, message);
    }

    private Spec load(Path config, String... facts) {
        return ConfigGolden.loadWith(config, facts);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
