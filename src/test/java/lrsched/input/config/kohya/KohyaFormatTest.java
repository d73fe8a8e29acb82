package lrsched.input.config.kohya;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.input.config.ConfigGolden;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.DocumentReader;
import lrsched.input.formats.Formats;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.registry.Registry;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kohya format against golden data written by src/tools/golden/kohya_configs.py, which runs sd-scripts'
 * read_config_from_file and get_scheduler_fix, transformers' and diffusers' schedules, and Accelerate's
 * AcceleratedScheduler; plus one test per trap and per refusal.
 */
class KohyaFormatTest {
    private static final Registry REGISTRY = Libraries.registry();

    @TempDir
    Path dir;

    // ---- golden data ---------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyGoldenConfigGivesSdScriptsCurve() throws IOException {
        Path golden = golden();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(golden)) {
            files.filter(p -> p.toString().endsWith(".toml")).sorted().forEach(config -> {
                String name = config.getFileName().toString().replaceFirst("\\.toml$", "");
                tests.add(DynamicTest.dynamicTest(name, () -> checkGolden(config, golden, name)));
            });
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(18);
        return tests.stream();
    }

    /** Checks {@code config} against the golden files {@code name}.run and .csv (or .error) in {@code dir}. */
    private static void checkGolden(Path config, Path dir, String name) throws IOException {
        List<String> facts = Files.readAllLines(dir.resolve(name + ".run")).stream().filter(l -> !l.isBlank())
                .toList();
        Path error = dir.resolve(name + ".error");
        if (Files.exists(error)) {
            String message = Files.readString(error).strip();
            // Python formats the scheduler name as SchedulerType.CONSTANT or constant depending on its version
            String expected = message.replace("SchedulerType.CONSTANT", "constant");
            assertThatThrownBy(() -> build(load(config, facts))).isInstanceOf(InputException.class)
                    .hasMessageContaining(expected);
            return;
        }
        ConfigGolden.assertMatchesCsv(load(config, facts), dir.resolve(name + ".csv"), name);
    }

    // ---- the traps -----------------------------------------------------------------------------------------------

    @Test
    void aFloatWarmupIsARatioOfTheTotalEvenAbove1() throws IOException {
        Imported imported = read("""
                pretrained_model_name_or_path = "m.safetensors"
                network_module = "networks.lora"
                lr_scheduler = "linear"
                lr_warmup_steps = 50.0
                max_train_steps = 40
                """);
        assertThat(param(imported, "num_warmup_steps")).isEqualTo("2000");
        assertThat(imported.facts()).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("lr_warmup_steps");
            assertThat(f.how()).contains("int(50.0 x 40)").contains("write 50 for 50 steps");
        });
    }

    @Test
    void anIntegerWarmupIsNotMultipliedByTheProcessesButTheTotalIs() throws IOException {
        Imported imported = read("""
                pretrained_model_name_or_path = "m.safetensors"
                network_module = "networks.lora"
                lr_scheduler = "cosine"
                lr_warmup_steps = 100
                max_train_steps = 300
                """, "num_devices=4");
        assertThat(param(imported, "num_warmup_steps")).isEqualTo("100");
        assertThat(param(imported, "num_training_steps")).isEqualTo("1200");
        assertThat(param(imported, "num_processes")).isEqualTo("4");
        assertThat(imported.steps()).hasValue(300);
    }

    @Test
    void numCyclesIsHalvedForCosineWithMinLrAndWarmupStableDecay() throws IOException {
        for (String scheduler : List.of("cosine_with_min_lr", "warmup_stable_decay")) {
            Imported imported = read("""
                    pretrained_model_name_or_path = "m.safetensors"
                    network_module = "networks.lora"
                    lr_scheduler = "%s"
                    lr_scheduler_num_cycles = 3
                    lr_scheduler_min_lr_ratio = 0.1
                    """.formatted(scheduler));
            assertThat(param(imported, "num_cycles")).as(scheduler).isEqualTo("1.5");
        }
        Imported restarts = read("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler = "cosine_with_restarts"
                lr_scheduler_num_cycles = 3
                """);
        assertThat(param(restarts, "num_cycles")).isEqualTo("3");
    }

    @Test
    void maxTrainEpochsOverridesMaxTrainStepsAndNeedsTheBatchesPerEpoch() throws IOException {
        String config = """
                pretrained_model_name_or_path = "m.safetensors"
                network_module = "networks.lora"
                lr_scheduler = "cosine"
                max_train_steps = 5000
                max_train_epochs = 10
                gradient_accumulation_steps = 4
                """;
        Imported imported = read(config, "batches_per_epoch=52");
        assertThat(imported.steps()).hasValue(130);
        assertThat(imported.facts()).anySatisfy(f -> assertThat(f.how())
                .isEqualTo("max_train_epochs x ceil(batches per epoch / gradient_accumulation_steps) = 10 x "
                        + "ceil(52 / 4); overrides max_train_steps"));
        assertThatThrownBy(() -> read(config)).isInstanceOf(InputException.class)
                .hasMessage("train.toml:5:20: max_train_epochs needs the number of batches per epoch: add --run "
                        + "batches_per_epoch=N");
    }

    @Test
    void theUnetLrWinsOverLearningRateAndTheDefaultsAreSdScripts() throws IOException {
        Imported both = read("""
                pretrained_model_name_or_path = "m.safetensors"
                network_module = "networks.lora"
                learning_rate = 1e-3
                unet_lr = 1e-4
                """);
        assertThat(param(both, "lr")).isEqualTo("0.0001");
        assertThat(both.schedules().get(0).get("lr").orElseThrow().location().line()).isEqualTo(4);
        Imported none = read("""
                pretrained_model_name_or_path = "m.safetensors"
                train_data_dir = "img"
                """);
        assertThat(param(none, "type")).isEqualTo("hf.constant");
        assertThat(param(none, "lr")).isEqualTo("2e-06");
        assertThat(none.steps()).hasValue(1600);
        assertThat(none.defaults()).contains("lr_scheduler: constant (sd-scripts' default)",
                "learning_rate: 2e-06 (sd-scripts' default)", "max_train_steps: 1600 (sd-scripts' default)");
    }

    @Test
    void sectionsAreMergedAndALaterKeyWins() throws IOException {
        Imported imported = read("""
                learning_rate = 1e-3
                [model_arguments]
                pretrained_model_name_or_path = "m.safetensors"
                [optimizer_arguments]
                learning_rate = 2e-4
                lr_scheduler = "linear"
                [training_arguments]
                max_train_steps = 10
                """);
        assertThat(param(imported, "lr")).isEqualTo("0.0002");
        assertThat(imported.schedules().get(0).get("lr").orElseThrow().location().toString())
                .isEqualTo("train.toml:5:17");
    }

    // ---- refusals ------------------------------------------------------------------------------------------------

    @Test
    void aConstantSchedulerWithWarmupIsRefusedWithSdScriptsReason() {
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                network_module = "networks.lora"
                lr_warmup_steps = 10
                """).hasMessage("train.toml:3:19: lr_scheduler \"constant\" "
                + "takes no warmup, and sd-scripts refuses one (\"constant does not require `num_warmup_steps`. "
                + "Set None or 0.\"); remove lr_warmup_steps or choose constant_with_warmup");
    }

    @Test
    void anUnknownSchedulerNamesTheSupportedOnes() {
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler = "cosine_with_restart"
                """)
                .hasMessageStartingWith("train.toml:2:16: unknown lr_scheduler \"cosine_with_restart\"; did you "
                        + "mean 'cosine_with_restarts'?")
                .hasMessageContaining("sd-scripts takes linear, cosine, cosine_with_restarts, polynomial");
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler = "adafactor:1e-3"
                """).hasMessageContaining("Adafactor's own");
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler = "reduce_lr_on_plateau"
                """).hasMessageContaining("TypeError");
    }

    @Test
    void aCustomSchedulerMustBeATorchTypeLrschedHas() {
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler_type = "CosineAnealingLR"
                """)
                .hasMessageStartingWith("train.toml:2:21: lr_scheduler_type \"CosineAnealingLR\" is not a torch "
                        + "scheduler lrsched has; did you mean 'CosineAnnealingLR'?");
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler_type = "timm.scheduler.CosineLRScheduler"
                """).hasMessageContaining("another module");
    }

    @Test
    void schedulerArgsAreCheckedAsPythonWouldCallTheFunction() {
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler = "cosine_with_restarts"
                lr_scheduler_args = ["num_cycles=2"]
                """)
                .hasMessageContaining("got multiple values for keyword argument 'num_cycles'");
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler_type = "StepLR"
                lr_scheduler_args = ["step_size"]
                """)
                .hasMessageStartingWith("train.toml:3:22: lr_scheduler_args item 'step_size' must hold exactly one "
                        + "'='");
    }

    @Test
    void anEmptySchedulerArgsTextIsSkippedAsSdScriptsDoes() throws IOException {
        Imported imported = read("""
                pretrained_model_name_or_path = "m.safetensors"
                lr_scheduler = "cosine"
                lr_scheduler_type = ""
                lr_scheduler_args = ""
                """);
        assertThat(param(imported, "type")).isEqualTo("hf.cosine");
    }

    @Test
    void quotedNumbersAndFloatStepCountsAreRefused() {
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                learning_rate = "1e-4"
                """)
                .hasMessageStartingWith("train.toml:2:17: learning_rate must be a number, not the text '1e-4'");
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                max_train_steps = 1600.0
                """)
                .hasMessageStartingWith("train.toml:2:19: max_train_steps must be a whole number, not 1600.0");
    }

    @Test
    void scheduleFreeOptimizersAreRefused() {
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                optimizer_type = "AdamWScheduleFree"
                """).hasMessageContaining("schedule-free");
    }

    @Test
    void malformedTomlIsOneLocatedLine() {
        refusing("""
                pretrained_model_name_or_path = "m.safetensors"
                learning_rate = = 1e-4
                """)
                .hasMessageStartingWith("train.toml:2:17: invalid TOML: ");
    }

    // ---- recognition ---------------------------------------------------------------------------------------------

    @Test
    void recognisesTomlWithSdScriptsKeysOnly() throws IOException {
        assertThat(chosen("a.toml", "pretrained_model_name_or_path = \"m\"\nnetwork_module = \"n\"\n"))
                .isEqualTo("kohya");
        assertThat(chosen("a.toml", "[model]\npretrained_model_name_or_path = \"m\"\n[t]\nmax_train_steps = 9\n"))
                .isEqualTo("kohya");
        // the model alone, another extension, or an lrsched spec are not claimed
        assertThat(chosen("a.toml", "pretrained_model_name_or_path = \"m\"\n")).isEqualTo("lrsched");
        assertThat(chosen("a.yaml", "pretrained_model_name_or_path: m\nnetwork_module: n\n")).isEqualTo("lrsched");
        assertThat(chosen("a.toml", "type = \"cosine\"\npretrained_model_name_or_path = \"m\"\n"
                + "max_train_steps = 9\n")).isEqualTo("lrsched");
    }

    @Test
    void theExampleConfigsGiveSdScriptsCurve() throws IOException {
        // the generator runs each example as it is, under the name example_<file>
        Path examples = Path.of("examples", "configs");
        try (Stream<Path> files = Files.list(examples)) {
            List<Path> kohya = files.filter(p -> p.getFileName().toString().startsWith("kohya")).sorted().toList();
            assertThat(kohya).hasSizeGreaterThanOrEqualTo(2);
            for (Path example : kohya) {
                String name = "example_" + example.getFileName().toString().replaceFirst("\\.toml$", "");
                assertThat(golden().resolve(name + ".toml")).as("golden copy of " + example)
                        .hasSameTextualContentAs(example);
                checkGolden(example, golden(), name);
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> refusing(String toml) {
        return assertThatThrownBy(() -> read(toml)).isInstanceOf(InputException.class);
    }

    private Imported read(String toml, String... facts) throws IOException {
        Files.writeString(dir.resolve("train.toml"), toml);
        DocumentReader reader = new DocumentReader(new ByteArrayInputStream(new byte[0]), dir);
        var document = reader.read(Path.of("train.toml"));
        lrsched.registry.RunFacts runFacts = lrsched.registry.RunFacts.of(flags(facts));
        return new KohyaFormat().read(document, new ImportContext(REGISTRY, runFacts, reader));
    }

    private static lrsched.core.Node.MapNode flags(String... facts) {
        java.util.Map<String, lrsched.core.Node.Entry> entries = new java.util.LinkedHashMap<>();
        for (String f : facts) {
            String[] kv = f.split("=");
            lrsched.core.Location at = new lrsched.core.Location("--run", 1, 1);
            entries.put(kv[0], new lrsched.core.Node.Entry(kv[0], at,
                    new lrsched.core.Node.ScalarNode(at, kv[1], lrsched.core.Node.ScalarKind.NUMBER)));
        }
        return new lrsched.core.Node.MapNode(new lrsched.core.Location("--run", 1, 1), entries);
    }

    private String chosen(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        var document = new DocumentReader(new ByteArrayInputStream(new byte[0]), dir).read(Path.of(name));
        return Formats.standard().choose(document, Optional.empty()).name();
    }

    private static String param(Imported imported, String key) {
        assertThat(imported.schedules()).hasSize(1);
        return ((lrsched.core.Node.ScalarNode) imported.schedules().get(0).get(key).orElseThrow()).text();
    }

    private static Spec load(Path config, List<String> facts) {
        return new SpecLoader(REGISTRY, new ByteArrayInputStream(new byte[0]), config.toAbsolutePath().getParent())
                .load(List.of(config.getFileName()), Optional.empty(), facts, List.of(), List.of());
    }

    private static Schedule build(Spec spec) {
        assertThat(spec.schedules()).hasSize(1);
        Spec.Entry e = spec.schedules().get(0);
        return REGISTRY.build(e.mapping(), e.name(), Optional.empty());
    }

    private static Path golden() {
        return ConfigGolden.directory("kohya");
    }
}
