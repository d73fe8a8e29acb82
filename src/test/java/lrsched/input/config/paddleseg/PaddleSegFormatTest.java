package lrsched.input.config.paddleseg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

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

/**
 * PaddleSeg configs against PaddleSeg's own Config (PyYAML, the _base_ merge) and SegBuilder.lr_scheduler on Paddle's
 * lr.py (golden/configs/paddleseg/, src/tools/golden/paddleseg_schedules.py): every iteration bit for bit; PaddleSeg's
 * refusals with the message lrsched gives for each; and the format's own refusals.
 */
class PaddleSegFormatTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/configs/paddleseg");

    @TestFactory
    Stream<DynamicTest> goldenConfigsGivePaddleSegsCurveBitForBit() {
        return ConfigGolden.of("paddleseg");
    }

    @Test
    void everyGoldenRowIsTheSameDouble() throws IOException {
        int rows = 0;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                String name = csv.getFileName().toString().replace(".csv", "");
                Spec.Entry e = ConfigGolden.load("paddleseg", name).schedules().get(0);
                var schedule = Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
                List<String> lines = Files.readAllLines(csv);
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",");
                    assertThat(schedule.at(Long.parseLong(cells[0]))).as(name + " row " + cells[0])
                            .isEqualTo(Double.parseDouble(cells[1]));
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(4210);
    }

    @Test
    void noItersIsRefusedAsPaddleSegRefusesIt() throws IOException {
        assertThat(paddle("missing_iters")).endsWith("No iters specified in the configuration file.");
        assertGoldenRefused("missing_iters", "missing_iters.yaml: the config (with its _base_ files) has no iters, "
                + "which PaddleSeg refuses (No iters specified in the configuration file.); add iters: N");
    }

    @Test
    void aScientificLearningRateIsTextToPyYaml() throws IOException {
        assertThat(paddle("string_learning_rate")).isEqualTo("RuntimeError: Create PolynomialDecay has failed. "
                + "Please check lr_scheduler in config. The error message: The type of learning rate must be float, "
                + "but received <class 'str'>");
        assertGoldenRefused("string_learning_rate", "string_learning_rate.yaml:10:18: lr_scheduler.learning_rate: "
                + "PyYAML, which PaddleSeg reads this file with, takes 1e-3 for the text '1e-3' (a YAML 1.1 float "
                + "needs a dot and a signed exponent), and Paddle's LRScheduler refuses it ("
                + paddle("string_learning_rate") + "); write 1.0e-3");
    }

    @Test
    void aScientificWarmupStartLrIsTextToPyYaml() throws IOException {
        assertGoldenRefused("string_warmup_start_lr", "string_warmup_start_lr.yaml:12:20: "
                + "lr_scheduler.warmup_start_lr: PyYAML, which PaddleSeg reads this file with, takes 1e-5 for the "
                + "text '1e-5' (a YAML 1.1 float needs a dot and a signed exponent), and Paddle's LinearWarmup fails "
                + "on it (" + paddle("string_warmup_start_lr") + "); write 1.0e-5");
    }

    @Test
    void aWarmupWithoutStartLrIsRefused() throws IOException {
        assertGoldenRefused("warmup_without_start_lr", "warmup_without_start_lr.yaml:11:17: lr_scheduler.warmup_iters "
                + "without warmup_start_lr: PaddleSeg refuses it (" + paddle("warmup_without_start_lr")
                + "); add warmup_start_lr");
    }

    @Test
    void anUnknownTypeIsRefusedWithTheClosestClass() throws IOException {
        assertGoldenRefused("unknown_type", "unknown_type.yaml:9:9: lr_scheduler.type 'PolynomialDecy': PaddleSeg "
                + "refuses it (" + paddle("unknown_type") + "); did you mean 'PolynomialDecay'?; lrsched reads "
                + "NoamDecay, PiecewiseDecay, NaturalExpDecay, InverseTimeDecay, PolynomialDecay, LinearWarmup, "
                + "ExponentialDecay, MultiStepDecay, StepDecay, CosineAnnealingDecay, OneCycleLR, CyclicLR, LinearLR, "
                + "CosineAnnealingWarmRestarts");
    }

    @Test
    void aKeyTheClassDoesNotTakeIsRefusedAtTheKey() throws IOException {
        assertThat(paddle("unknown_key")).endsWith("TypeError: PolynomialDecay.__init__() got an unexpected keyword "
                .substring("TypeError: ".length()) + "argument 'warmup_steps'");
        assertGoldenRefused("unknown_key", "unknown_key.yaml:11:3: lr_scheduler.warmup_steps: PaddleSeg passes it to "
                + "PolynomialDecay, which refuses it (TypeError: PolynomialDecay.__init__() got an unexpected keyword "
                + "argument 'warmup_steps'); PolynomialDecay takes learning_rate, decay_steps, end_lr, power, cycle, "
                + "last_epoch, verbose (a warmup is warmup_iters with warmup_start_lr)");
    }

    @Test
    void basesDecayStepsAndIterationsAreExplained() throws IOException {
        Imported imported = ConfigGolden.imported("paddleseg", "pp_liteseg_warmup");
        assertThat(imported.facts()).extracting(Imported.Fact::name, Imported.Fact::value, Imported.Fact::how)
                .containsExactly(tuple("_base_", "_base_/cityscapes.yml", "merged under pp_liteseg_warmup.yaml "
                                + "(parse_from_yaml: the file's keys, then earlier bases, win)"),
                        tuple("decay_steps", "1500", "max(iters 1600 - warmup_iters 100, 1) (SegBuilder.lr_scheduler)"),
                        tuple("iterations", "1600", "1600 iterations (iters), the scheduler stepped after each "
                                + "optimizer.step()"));
    }

    @Test
    void paddlesOwnPolynomialDefaultsAreListed() throws IOException {
        Imported imported = ConfigGolden.imported("paddleseg", "poly_paddle_defaults");
        assertThat(imported.defaults()).containsExactly(
                "lr_scheduler.end_lr (Paddle's PolynomialDecay default 0.0001; PaddleSeg no longer sets one)",
                "lr_scheduler.power (Paddle's PolynomialDecay default 1.0; PaddleSeg no longer sets one)");
    }

    @TempDir
    Path dir;

    private static final String POLY = "iters: 100\nlr_scheduler:\n  type: PolynomialDecay\n  learning_rate: 0.01\n";

    @Test
    void aBaseThatDoesNotExistIsRefusedWhereItIsNamed() throws IOException {
        assertRefused("_base_: './missing.yml'\n" + POLY, "c.yml:1:9: _base_ file './missing.yml': no such file");
    }

    @Test
    void aBaseListItemThatIsNoPathIsRefused() throws IOException {
        assertRefused("_base_: [3]\n" + POLY, "c.yml:1:10: _base_ takes a config file's path or a list of them, "
                + "not the number 3");
    }

    @Test
    void aMappingOverAScalarOfTheBaseIsRefused() throws IOException {
        write("base.yml", POLY + "model: plain\n");
        assertRefused("_base_: base.yml\nmodel:\n  type: PPLiteSeg\n", "c.yml:2:1: model is a mapping here but the "
                + "text 'plain' in a _base_ file, which merge_config_dicts fails on; make them agree");
    }

    @Test
    void typesAYamlConfigCannotBuildAreRefused() throws IOException {
        assertRefused("iters: 100\nlr_scheduler:\n  type: ReduceOnPlateau\n  learning_rate: 0.01\n",
                "c.yml:3:9: lr_scheduler.type ReduceOnPlateau: lrsched does not read it from a PaddleSeg config: "
                        + "PaddleSeg's train loop steps it with the training loss, which lrsched does not have");
        assertRefused("iters: 100\nlr_scheduler:\n  type: LambdaDecay\n  learning_rate: 0.01\n",
                "c.yml:3:9: lr_scheduler.type LambdaDecay: lrsched does not read it from a PaddleSeg config: it needs "
                        + "a Python function (lr_lambda), which YAML cannot give");
    }

    @Test
    void noItersLeftOrAWarmupOfNoneIsRefused() throws IOException {
        assertRefused("iters: 0\nlr_scheduler: {type: PolynomialDecay, learning_rate: 0.01}\n", "c.yml:1:8: iters 0: "
                + "PaddleSeg's train loop runs while iter < iters, no iteration here; give 1 or more");
        assertRefused(POLY + "  warmup_iters: 0\n  warmup_start_lr: 0.0\n", "c.yml:5:17: lr_scheduler.warmup_iters 0: "
                + "Paddle's LinearWarmup refuses it (AssertionError: 'warmup_steps' must be a positive integer.); give "
                + "1 or more, or remove warmup_iters");
        assertRefused("iters: 1.5e+3\nlr_scheduler: {type: PolynomialDecay, learning_rate: 0.01}\n",
                "c.yml:1:8: iters takes a whole number, not the number 1.5e+3");
    }

    @Test
    void noLrSchedulerOrNoTypeIsRefused() throws IOException {
        write("base.yml", "iters: 100\n");
        assertRefused("_base_: base.yml\nmodel: {type: PPLiteSeg}\n", "c.yml: the config (with its _base_ files) has "
                + "no lr_scheduler, which PaddleSeg refuses (No lr_scheduler specified in the configuration file.); add "
                + "lr_scheduler: {type: PolynomialDecay, learning_rate: 0.01}");
        assertRefused("iters: 100\nlr_scheduler:\n  learning_rate: 0.01\n", "c.yml:3:3: lr_scheduler has no type "
                + "(PaddleSeg pops it: KeyError: 'type'); add type: PolynomialDecay");
    }

    @Test
    void setOverridesAKeyAsForOtherFormats() throws IOException {
        Path config = write("c.yml", POLY);
        Spec spec = new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                .load(List.of(config.getFileName()), Optional.empty(), List.of(), List.of(), List.of(),
                        List.of("learning_rate=0.5"));
        Spec.Entry e = spec.schedules().get(0);
        assertThat(Libraries.registry().build(e.mapping(), e.name(), Optional.empty()).at(0)).isEqualTo(0.5);
    }

    private static String paddle(String name) throws IOException {
        return Files.readString(GOLDEN.resolve(name + ".error")).strip().substring("message: ".length());
    }

    private static void assertGoldenRefused(String name, String message) {
        assertThatThrownBy(() -> ConfigGolden.load(GOLDEN.toAbsolutePath(), name))
                .isInstanceOf(InputException.class).hasMessageEndingWith(message);
    }

    private void assertRefused(String text, String message) throws IOException {
        Path config = write("c.yml", text);
        assertThatThrownBy(() -> {
            Spec.Entry e = new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                    .load(List.of(config.getFileName()), Optional.empty(), List.of(), List.of(), List.of(), List.of())
                    .schedules().get(0);
            Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
        }).isInstanceOf(InputException.class).hasMessageContaining(message);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
