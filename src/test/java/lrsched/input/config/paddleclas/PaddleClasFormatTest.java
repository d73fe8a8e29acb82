package lrsched.input.config.paddleclas;

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
 * PaddleClas configs against PaddleClas's own parse_config and build_lr_scheduler, stepped as its train loop steps
 * (golden/configs/paddleclas/, src/tools/golden/paddleclas_schedules.py): every update bit for bit; and the format's
 * refusals, each with its message.
 */
class PaddleClasFormatTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/configs/paddleclas");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> goldenConfigsGivePaddleClassCurveBitForBit() {
        return ConfigGolden.bitForBit("paddleclas");
    }

    @Test
    void aPlainNumberLearningRateIsRefusedAsTheTrainLoopFailsOnIt() throws IOException {
        String paddle = Files.readString(GOLDEN.resolve("bad_plain_number.error")).strip()
                .substring("message: ".length());
        assertThatThrownBy(() -> ConfigGolden.load(GOLDEN.toAbsolutePath(), "bad_plain_number"))
                .isInstanceOf(InputException.class)
                .hasMessage("bad_plain_number.yaml:27:5: Optimizer.lr has no name: PaddleClas then passes the number "
                        + "learning_rate, which its train loop calls step() on (" + paddle + "); add name: ConstLR");
    }

    @Test
    void aFloatWarmupEpochIsRefusedAsPaddleRefusesTheFloatItMakes() throws IOException {
        String paddle = Files.readString(GOLDEN.resolve("bad_float_warmup.error")).strip()
                .substring("message: ".length());
        assertThatThrownBy(() -> ConfigGolden.load(GOLDEN.toAbsolutePath(), "bad_float_warmup"))
                .isInstanceOf(InputException.class)
                .hasMessage("bad_float_warmup.yaml:29:19: Optimizer.lr.warmup_epoch 5.0 is a Python float, which "
                        + "Cosine passes on to Paddle, and Paddle refuses it (" + paddle + "); write a whole number "
                        + "without a dot");
        assertRefused(optimizer("name: Step\n    learning_rate: 0.1\n    step_size: 2\n    gamma: 0.5\n"
                + "    warmup_epoch: 1.0\n    by_epoch: True"), "batches_per_epoch=3", "c.yaml:17:19: "
                + "Optimizer.lr.warmup_epoch 1.0 is a Python float, which Step passes on to Paddle (by_epoch), and "
                + "Paddle refuses it (AssertionError:  'warmup_steps' must be a positive integer.); write a whole "
                + "number without a dot");
    }

    @Test
    void derivedNumbersAndSwallowedKeysAreExplained() throws IOException {
        Imported imported = ConfigGolden.imported("paddleclas", "iter_per_epoch_linear");
        assertThat(imported.facts()).extracting(Imported.Fact::name, Imported.Fact::value, Imported.Fact::how)
                .containsExactly(tuple("iter_per_epoch", "12", "Global.iter_per_epoch"),
                        tuple("iterations", "60", "5 epochs x 12 updates"),
                        tuple("warmup updates", "12", "round(1 x 12) (half to even)"));
        assertThat(imported.ignored()).containsExactly("Optimizer.lr.decay_epochs (swallowed by Linear's **kwargs)");
        Imported accumulated = ConfigGolden.imported("paddleclas", "multistep_by_epoch_update_freq");
        assertThat(accumulated.facts()).extracting(Imported.Fact::name, Imported.Fact::value, Imported.Fact::how)
                .containsExactly(tuple("samples per device", "500", "ceil(500 / 1)"),
                        tuple("iter_per_epoch", "15", "floor(500 / 32) (drop_last) = len(train_dataloader)"),
                        tuple("step_each_epoch", "7", "15 // 2 (update_freq)"),
                        tuple("iterations", "42", "6 epochs x 7 updates"),
                        tuple("warmup epochs", "1", "1 (by_epoch)"));
    }

    @Test
    void badInputsAreRefusedWithTheirReason() throws IOException {
        assertRefused("Optimizer:\n  - Momentum:\n      scope: backbone\n      lr: {name: Cosine, learning_rate: 0.1}\n",
                "", "c.yaml:11:3: Optimizer is a list of optimizers, one per scope, each with its own lr; lrsched "
                        + "reads a single Optimizer mapping: keep the scope to plot");
        assertRefused(optimizer("name: OneCycleLR\n    max_learning_rate: 0.1"), "", "c.yaml:13:11: "
                + "Optimizer.lr.name 'OneCycleLR': lrsched does not model PaddleClas's OneCycleLR yet; it models "
                + "Cosine, Linear, Step, Piecewise, MultiStepDecay, ConstLR, Constant");
        assertRefused(optimizer("name: Cosin\n    learning_rate: 0.1"), "", "c.yaml:13:11: Optimizer.lr.name "
                + "'Cosin': PaddleClas's learning_rate.py has no such class (AttributeError); did you mean 'Cosine'?");
        assertRefused(optimizer("name: Piecewise\n    decay_epochs: [30]\n    values: [1e-1, 1e-2]"), "batches_per_epoch=3",
                "c.yaml:15:14: Optimizer.lr.values: PyYAML, which PaddleClas reads this file with, takes 1e-1 for "
                        + "the text '1e-1' (a YAML 1.1 float needs a dot and a signed exponent), and parse_config's "
                        + "literal_eval does not reach into lists; write 1.0e-1");
        assertRefused(optimizer("name: Cosine\n    learning_rate: fast"), "batches_per_epoch=3", "c.yaml:14:20: "
                + "Optimizer.lr.learning_rate takes a number, not the text 'fast' (PaddleClas's literal_eval leaves "
                + "it a str)");
        assertRefused(optimizer("name: Cosine\n    learning_rate: 0.1"), "", "c.yaml: the config has no "
                + "DataLoader.Train.sampler to count len(train_dataloader) from; add --run batches_per_epoch=N");
        assertRefused(optimizer("name: Cosine\n    learning_rate: 0.1") + "DataLoader:\n  Train:\n    sampler:\n"
                + "      batch_size: 64\n", "", "c.yaml: step_each_epoch is len(train_dataloader), which needs the "
                + "training samples: add --run dataset_size=N[,num_devices=K], or --run batches_per_epoch=N");
        assertRefused(optimizer("name: Cosine\n    learning_rate: 0.1") + "DataLoader:\n  Train:\n    sampler:\n"
                + "      name: PKSampler\n      batch_size: 64\n", "dataset_size=100", "c.yaml:18:13: "
                + "DataLoader.Train.sampler the text 'PKSampler' batches the data its own way; add --run "
                + "batches_per_epoch=N (the iterations PaddleClas logs per epoch)");
    }

    @Test
    void aQuotedOrScientificRateIsTheFloatLiteralEvalMakes() throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "Global:\n  epochs: 2\n" + optimizer("name: ConstLR\n    learning_rate: '2e-3'"));
        Spec spec = load(file, "batches_per_epoch=3");
        Spec.Entry e = spec.schedules().get(0);
        assertThat(Libraries.registry().build(e.mapping(), e.name(), Optional.empty()).at(5)).isEqualTo(0.002);
    }

    private static String optimizer(String lr) {
        return "Optimizer:\n  name: Momentum\n  lr:\n    " + lr + "\n";
    }

    private void assertRefused(String tail, String run, String message) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "Global:\n  epochs: 4\n  device: gpu\n  image_shape: [3, 224, 224]\n"
                + "  output_dir: ./output/\n  save_interval: 1\n  eval_during_train: True\n  print_batch_step: 10\n"
                + "  use_visualdl: False\n" + tail);
        assertThatThrownBy(() -> load(file, run)).isInstanceOf(InputException.class).hasMessage(message);
    }

    /** The spec config file c.yaml gives with --run {@code run} (none when empty). */
    private Spec load(Path file, String run) throws IOException {
        Files.writeString(dir.resolve("c.run"), run.isEmpty() ? "" : "run: " + run + "\n");
        return ConfigGolden.load(dir, "c");
    }
}
