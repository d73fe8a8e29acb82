package lrsched.input.config.paddledet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;


import lrsched.core.InputException;
import lrsched.input.config.ConfigGolden;
import lrsched.input.config.Imported;
import lrsched.input.spec.Spec;
import lrsched.library.Libraries;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * PaddleDetection configs against PaddleDetection's own load_config (its _BASE_ merge and !Tag constructors) and
 * create('LearningRate') on the steps_per_epoch Paddle's DistributedBatchSampler gives (golden/configs/paddledet/,
 * src/tools/golden/paddledet_schedules.py): every update bit for bit; and the format's refusals, each with its
 * message.
 */
class PaddleDetFormatTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/configs/paddledet");

    @TestFactory
    Stream<DynamicTest> goldenConfigsGivePaddleDetectionsCurveBitForBit() {
        return ConfigGolden.of("paddledet");
    }

    @Test
    void aScientificBaseLrIsTextToPyYamlAndTheWarmupFailsOnIt() throws IOException {
        String paddle = Files.readString(GOLDEN.resolve("bad_string_base_lr.error")).strip()
                .substring("message: ".length());
        assertThatThrownBy(() -> ConfigGolden.load(GOLDEN.toAbsolutePath(), "bad_string_base_lr"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("bad_string_base_lr.yaml:4:12: LearningRate.base_lr: PyYAML, which "
                        + "PaddleDetection reads this file with, takes 1e-3 for the text '1e-3' (a YAML 1.1 float "
                        + "needs a dot and a signed exponent), and the warmup's base_lr * factor fails on it ("
                        + paddle + "); write 1.0e-3");
    }

    @Test
    void basesAndDerivedNumbersAreExplained() throws IOException {
        Imported imported = ConfigGolden.imported("paddledet", "ppyoloe_plus_80e");
        assertThat(imported.facts()).extracting(Imported.Fact::name, Imported.Fact::value)
                .containsExactly(tuple("_BASE_", "_base_/optimizer_80e.yml"),
                        tuple("_BASE_", "_base_/reader.yml"),
                        tuple("samples per device", "500"), tuple("steps_per_epoch", "62"),
                        tuple("iterations", "4960"));
    }

    @Test
    void lrDefaultsAreListed() throws IOException {
        Imported imported = ConfigGolden.imported("paddledet", "default_schedulers");
        assertThat(imported.defaults()).containsExactly("LearningRate.schedulers ([PiecewiseDecay(), LinearWarmup()])");
        assertThat(imported.facts()).extracting(Imported.Fact::name, Imported.Fact::how)
                .contains(tuple("steps_per_epoch", "ceil(30 / 1) = len(TrainReader)"));
    }

    @TempDir
    Path dir;

    private static final String SCHEDULERS = "LearningRate:\n  base_lr: 0.01\n  schedulers:\n"
            + "  - !CosineDecay {max_epochs: 12}\n  - !LinearWarmup {steps: 5}\n";

    @Test
    void aMissingEpochIsRefused() throws IOException {
        assertRefused(SCHEDULERS, "batches_per_epoch=5", "c.yml: the config (with its _BASE_ files) has no epoch, "
                + "which the trainer's range(start_epoch, cfg.epoch) needs; add epoch: N");
    }

    @Test
    void missingFactsAreRefused() throws IOException {
        assertRefused("epoch: 3\n" + SCHEDULERS, null, "c.yml: steps_per_epoch is len(TrainReader), which needs the "
                + "training images: add --run dataset_size=N[,num_devices=K], or --run batches_per_epoch=N");
    }

    @Test
    void anUnknownTagIsRefusedWithTheClosestClass() throws IOException {
        assertRefused("epoch: 3\nLearningRate:\n  schedulers:\n  - !CosineDecy {max_epochs: 12}\n"
                + "  - !LinearWarmup {steps: 5}\n", "batches_per_epoch=5", "c.yml:4:5: schedule "
                + "'paddledet.LearningRate': schedulers: AttributeError: module 'ppdet.optimizer.optimizer' has no "
                + "attribute 'CosineDecy'; did you mean 'CosineDecay'?; lrsched has PiecewiseDecay, CosineDecay, "
                + "LinearWarmup, ExpWarmup");
    }

    @Test
    void aBaseThatDoesNotExistIsRefusedWhereItIsNamed() throws IOException {
        assertRefused("_BASE_: [\n  './_base_/missing.yml',\n]\nepoch: 3\n", "batches_per_epoch=5",
                "c.yml:2:3: _BASE_ file './_base_/missing.yml': no such file; check the path");
    }

    @Test
    void aSingleBaseStringIsRefused() throws IOException {
        assertRefused("_BASE_: base.yml\nepoch: 3\nLearningRate: {base_lr: 0.1}\n", "batches_per_epoch=5",
                "c.yml:1:9: _BASE_ takes a list of config files (PaddleDetection iterates it: a single path would "
                        + "be read letter by letter), not the text 'base.yml'; write _BASE_: ['base.yml']");
    }

    @Test
    void anUnsupportedSchedulerOrderIsRefusedWithWhatIsSupported() throws IOException {
        assertRefused("epoch: 3\nLearningRate:\n  schedulers:\n  - !LinearWarmup {steps: 5}\n", "batches_per_epoch=5",
                "schedulers: AttributeError: 'LinearWarmup' object has no attribute 'use_warmup' (schedulers[0] "
                        + "must be a decay: PiecewiseDecay, CosineDecay)");
        assertRefused("epoch: 3\nLearningRate:\n  schedulers:\n  - !CosineDecay {max_epochs: 3}\n", "batches_per_epoch=5",
                "schedulers: IndexError: list index out of range (schedulers[0] warms up, so schedulers[1] must be a "
                        + "warmup: LinearWarmup, ExpWarmup; or set use_warmup: false)");
    }

    @Test
    void aKeyTheClassDoesNotTakeIsRefusedAtTheKey() throws IOException {
        assertRefused("epoch: 3\nLearningRate:\n  schedulers:\n  - !CosineDecay {max_epochs: 3}\n"
                + "  - !LinearWarmup\n    warmup_steps: 5\n", "batches_per_epoch=5", "c.yml:6:5: schedule "
                + "'paddledet.LearningRate': schedulers: TypeError: LinearWarmup.__init__() got an unexpected keyword "
                + "argument 'warmup_steps'; it takes steps, start_factor, epochs, epochs_first");
    }

    @Test
    void anUntaggedSchedulerWithoutNameIsRefused() throws IOException {
        assertRefused("epoch: 3\nLearningRate:\n  schedulers:\n  - {max_epochs: 3}\n", "batches_per_epoch=5",
                "c.yml:4:5: LearningRate.schedulers: an untagged scheduler needs name (LearningRate pops it: "
                        + "KeyError: 'name'); tag it (- !CosineDecay) or add name: CosineDecay");
    }

    @Test
    void anUnknownLearningRateKeyIsRefused() throws IOException {
        assertRefused("epoch: 3\nLearningRate:\n  base_lr: 0.1\n  warmup: 3\n", "batches_per_epoch=5",
                "c.yml:4:3: LearningRate.warmup: create('LearningRate') passes it on and LearningRate refuses it "
                        + "(TypeError: __init__() got an unexpected keyword argument 'warmup'); it takes base_lr and "
                        + "schedulers");
    }

    @Test
    void theFileOwnKeysMergeIntoItsBasesMappings() throws IOException {
        write("base.yml", "epoch: 10\n" + SCHEDULERS);
        Path config = write("c.yml", "_BASE_: [base.yml]\nepoch: 4\nLearningRate:\n  base_lr: 0.5\n");
        Spec spec = load(config, "batches_per_epoch=3");
        assertThat(spec.steps()).hasValue(12);
        Spec.Entry e = spec.schedules().get(0);
        assertThat(Libraries.registry().build(e.mapping(), e.name(), Optional.empty()).at(5)).isEqualTo(0.5);
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
