package lrsched.input.config.axolotl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.input.config.ConfigGolden;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.input.document.TreeReader;
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
 * The axolotl format against golden data made by axolotl's own code (src/tools/golden/axolotl_configs.py): every
 * row of every case at 1e-9 relative; then one test per trap and per refused input.
 */
class AxolotlFormatTest {
    private static final Registry REGISTRY = Libraries.registry();
    private static final String HEAD = "base_model: NousResearch/Llama-3.2-1B\ndatasets:\n  - path: tatsu-lab/alpaca\n"
            + "    type: alpaca\nsequence_len: 2048\n";

    @TempDir
    Path dir;

    // ---- golden data ----

    @TestFactory
    Stream<DynamicTest> everyRowOfEveryGoldenCaseMatchesAxolotl() {
        return ConfigGolden.of("axolotl");
    }

    @Test
    void theExampleConfigsGiveTheirGoldenCurves() throws IOException {
        Path examples = Path.of("examples/configs").toAbsolutePath();
        Path golden = ConfigGolden.directory("axolotl");
        matches(examples.resolve("axolotl-lora.yaml"), golden.resolve("cosine_default_warmup.csv"),
                List.of("dataset_size=1053", "num_devices=2"));
        matches(examples.resolve("axolotl-min-lr.yaml"), golden.resolve("min_lr_constant.csv"),
                List.of("dataset_size=1200"));
        matches(examples.resolve("axolotl-rex.yaml"), golden.resolve("rex_min_lr.csv"),
                List.of("dataset_size=1000"));
    }

    private static void matches(Path config, Path csv, List<String> facts) throws IOException {
        ConfigGolden.assertMatchesCsv(load(config, facts), csv, config.getFileName().toString());
    }

    // ---- traps ----

    @Test
    void aLearningRateWrittenAsTextIsConvertedAsAxolotlDoes() {
        String body = "micro_batch_size: 2\ngradient_accumulation_steps: 1\nwarmup_steps: 0\n";
        double unquoted = at(config(body + "learning_rate: 2e-5\n"), 5, "dataset_size=100");
        double quoted = at(config(body + "learning_rate: \"2e-5\"\n"), 5, "dataset_size=100");
        double spaced = at(config(body + "learning_rate: ' 2E-5 '\n"), 5, "dataset_size=100");
        assertThat(quoted).isEqualTo(unquoted).isEqualTo(spaced);
    }

    @Test
    void explainSaysWhenPyYamlReadsTheLearningRateAsText() {
        String body = "micro_batch_size: 2\ngradient_accumulation_steps: 1\nwarmup_steps: 0\n";
        assertThat(fact(config(body + "learning_rate: 2e-5\n"), "learning_rate", "dataset_size=100"))
                .isEqualTo("2e-05");
        assertThat(load(config(body + "learning_rate: 0.00002\n"), List.of("dataset_size=100")).files().get(0)
                .imported().facts()).noneMatch(f -> f.name().equals("learning_rate"));
    }

    @Test
    void aDeepSpeedFileBesideTheConfigWithASchedulerIsRefused() {
        write(dir.resolve("ds.json"), "{\"zero_optimization\": {\"stage\": 2}, \"scheduler\": {\"type\": "
                + "\"WarmupLR\"}}");
        refused("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\ndeepspeed: ds.json\n",
                List.of("dataset_size=100"), "ds.json:1:37: the deepspeed config has a scheduler section");
        Path c = config("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n"
                + "deepspeed: deepspeed_configs/zero2.json\n");
        assertThat(load(c, List.of("dataset_size=100")).files().get(0).imported().defaults())
                .anyMatch(d -> d.startsWith("deepspeed: deepspeed_configs/zero2.json not found beside the config"));
    }

    @Test
    void aWarmupOfOneBecomesTwo() {
        Path c = config("micro_batch_size: 8\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n"
                + "lr_scheduler: constant_with_warmup\nwarmup_steps: 1\n");
        assertThat(at(c, 1, "dataset_size=80")).isEqualTo(0.5e-4);
        assertThat(fact(c, "num_warmup_steps", "dataset_size=80")).isEqualTo("2");
    }

    @Test
    void theDefaultWarmupIsThreePercentCappedAtOneHundred() {
        String body = "micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n";
        assertThat(fact(config(body), "num_warmup_steps", "dataset_size=1000")).isEqualTo("30");
        assertThat(fact(config(body), "num_warmup_steps", "dataset_size=100000")).isEqualTo("100");
        // int(0.03 * 40) = 1, which becomes 2
        assertThat(fact(config(body), "num_warmup_steps", "dataset_size=40")).isEqualTo("2");
    }

    @Test
    void maxStepsSetsTheLengthWhileTheWarmupComesFromTheSmallerTotal() {
        Path c = config("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n"
                + "max_steps: 500\nwarmup_ratio: 0.1\n");
        Spec spec = load(c, List.of("dataset_size=200"));
        assertThat(spec.steps()).hasValue(500);
        assertThat(fact(c, "num_warmup_steps", "dataset_size=200")).isEqualTo("20"); // int(0.1 * min(200, 500))
    }

    @Test
    void theValidationSplitIsTakenFromTheDatasetSize() {
        String body = "micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n";
        assertThat(load(config(body + "val_set_size: 0.05\n"), List.of("dataset_size=1001")).steps())
                .hasValue(950); // 1001 - ceil(50.05)
        assertThat(load(config(body + "val_set_size: 100\n"), List.of("dataset_size=1001")).steps()).hasValue(901);
        refused(body + "val_set_size: 1.0\n", List.of("dataset_size=10"), "val_set_size 1.0 is refused");
    }

    @Test
    void maxStepsWithWarmupStepsNeedsNoDatasetSize() {
        Spec spec = load(config("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n"
                + "max_steps: 500\nwarmup_steps: 20\n"), List.of());
        assertThat(spec.steps()).hasValue(500);
    }

    @Test
    void theBatchSizeCountsEveryDeviceUnlessDdpIsOff() {
        String body = "micro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 1e-4\n";
        assertThat(load(config(body), List.of("dataset_size=1000", "num_devices=4")).steps()).hasValue(32);
        assertThat(load(config(body + "ddp: false\n"), List.of("dataset_size=1000", "num_devices=4")).steps())
                .hasValue(125);
        assertThat(load(config(body + "context_parallel_size: 2\n"), List.of("dataset_size=1000",
                "num_devices=4")).steps()).hasValue(63); // ceil(1000 / (8 * 2))
    }

    @Test
    void aConstantRatioWithoutAMinRatioIsIgnored() {
        Path c = config("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n"
                + "cosine_constant_lr_ratio: 0.5\nwarmup_steps: 0\n");
        Spec spec = load(c, List.of("dataset_size=100"));
        assertThat(spec.schedules().get(0).mapping().get("type").map(n -> ((lrsched.core.Node.ScalarNode) n).text()))
                .hasValue("hf.cosine");
    }

    @Test
    void rexIsOneStepAheadBecauseItsConstructorStepsIt() {
        Path c = config("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n"
                + "lr_scheduler: rex\nwarmup_steps: 4\n");
        assertThat(at(c, 0, "dataset_size=100")).isEqualTo(1e-4 * 1 / 4);
        assertThat(at(c, 3, "dataset_size=100")).isEqualTo(1e-4);
        assertThat(at(c, 99, "dataset_size=100")).isEqualTo(0.0); // the last update already gets min_lr
    }

    @Test
    void explainNamesWhereEachNumberCameFrom() {
        Path c = config("micro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 3\nlearning_rate: 2e-5\n");
        Spec spec = load(c, List.of("dataset_size=1000", "num_devices=2"));
        Imported imported = spec.files().get(0).imported();
        assertThat(imported.facts()).contains(new Imported.Fact("batch_size", "16", "(2 x 4) x 2"),
                new Imported.Fact("total_num_steps", "188", "ceil(1000 x 3.0 / 16)"));
        assertThat(imported.defaults()).anyMatch(d -> d.startsWith("lr_scheduler: cosine"));
        assertThat(imported.ignored()).contains("base_model", "datasets", "sequence_len");
        assertThat(spec.schedules().get(0).mapping().get("lr").get().location().line()).isEqualTo(9);
    }

    // ---- recognition ----

    @Test
    void recognizesAxolotlConfigsAndNothingElse() {
        AxolotlFormat f = new AxolotlFormat();
        assertThat(f.recognizes(doc("a.yaml", HEAD + "micro_batch_size: 2\nlearning_rate: 1e-4\n"))).isTrue();
        assertThat(f.recognizes(doc("a.yml", "base_model: x\nadapter: lora\n"))).isTrue();
        assertThat(f.recognizes(doc("a.yaml", "base_model: x\nlearning_rate: 1e-4\n"))).isFalse();
        assertThat(f.recognizes(doc("a.json", "{\"base_model\": \"x\", \"micro_batch_size\": 2}"))).isFalse();
        assertThat(f.recognizes(doc("hf.yaml", "output_dir: out\nlearning_rate: 2e-5\n"
                + "per_device_train_batch_size: 8\nlr_scheduler_type: cosine\nnum_train_epochs: 3\n"))).isFalse();
        assertThat(f.recognizes(doc("s.yaml", "steps: 10\nschedules: [{type: cosine, lr: 1, total: 10}]\n")))
                .isFalse();
        assertThat(f.recognizes(doc("s.yaml", "type: hf.cosine\nbase_model: x\nmicro_batch_size: 2\n"))).isFalse();
        assertThat(Formats.standard().choose(doc("a.yaml", HEAD + "micro_batch_size: 2\n"), Optional.empty())
                .name()).isEqualTo("axolotl");
    }

    // ---- refused inputs ----

    @Test
    void samplePackingIsRefusedWithTheReason() {
        refused("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\nsample_packing: true\n",
                List.of("dataset_size=100"), ":9:17: sample_packing: true is not supported");
    }

    @Test
    void anUnknownSchedulerNamesWhatIsSupported() {
        refused("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\nlr_scheduler: cosin\n",
                List.of("dataset_size=100"), "lr_scheduler: 'cosin' is not a scheduler axolotl builds; did you "
                        + "mean 'cosine'? (supported: linear, cosine,");
        refused("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n"
                + "jagged_restart_steps: 100\n", List.of("dataset_size=100"), "jagged_restart_steps (ReLoRA's");
        refused("rl: grpo\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n",
                List.of("dataset_size=100"), "rl: grpo is not supported");
    }

    @Test
    void aMissingDatasetSizeSaysWhichFlagToAdd() {
        refused("micro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n", List.of(),
                "needs the dataset size: add --run dataset_size=N");
    }

    @Test
    void valuesAxolotlRejectsAreRefusedWithItsReason() {
        String mb = "micro_batch_size: 1\n";
        refused(mb + "gradient_accumulation_steps: 1\n", List.of("dataset_size=100"), "learning_rate is required");
        refused(mb + "learning_rate: 1e-4\n", List.of("dataset_size=100"), "at least two of micro_batch_size");
        refused(mb + "gradient_accumulation_steps: 2\nbatch_size: 8\nlearning_rate: 1e-4\n",
                List.of("dataset_size=100"), "please set only one of gradient_accumulation_steps or batch_size");
        refused(mb + "gradient_accumulation_steps: 1\nlearning_rate: 1e-4\nwarmup_steps: 10\nwarmup_ratio: 0.1\n",
                List.of("dataset_size=100"), "mutually exclusive");
        refused(mb + "gradient_accumulation_steps: 1\nlearning_rate: 1e-4\ncosine_min_lr_ratio: 1.5\n",
                List.of("dataset_size=100"), ":9:22: cosine_min_lr_ratio must be between 0.0 and 1.0");
        refused(mb + "gradient_accumulation_steps: 1\nlearning_rate: fast\n", List.of("dataset_size=100"),
                ":8:16: learning_rate must be a finite number, not the text 'fast'");
        refused(mb + "gradient_accumulation_steps: 1\nlearning_rate: 1e-4\nlr_scheduler: rex\nwarmup_steps: 200\n",
                List.of("dataset_size=100"), "num_warmup_steps (200) must be less than or equal to total_steps (100)");
        refused(mb + "gradient_accumulation_steps: 1\nlearning_rate: 1e-4\nstreaming: true\n", List.of(),
                "needs max_steps");
        refused(mb + "gradient_accumulation_steps: 1\nlearning_rate: 1e-4\nsample_packing: true\nmax_steps: 10\n",
                List.of(), "sample_packing: true is not supported without max_steps and warmup_steps");
        refused(mb + "gradient_accumulation_steps: 1\nlearning_rate: 1e-4\nlr_scheduler: one_cycle\n"
                + "lr_scheduler_kwargs:\n  max_lr: 1.0\n", List.of("dataset_size=100"), "lr_scheduler_kwargs.max_lr");
        refused(mb + "gradient_accumulation_steps: 1\nlearning_rate: 1e-4\ndeepspeed:\n  scheduler:\n"
                + "    type: WarmupLR\n", List.of("dataset_size=100"), "has a scheduler section");
    }

    @Test
    void aMalformedConfigIsOneLocatedLine() {
        Path c = dir.resolve("bad.yaml");
        write(c, HEAD + "micro_batch_size: [1\n");
        assertThatThrownBy(() -> load(c, List.of())).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.yaml");
    }

    // ---- helpers ----

    private void refused(String body, List<String> facts, String message) {
        Path c = config(body);
        assertThatThrownBy(() -> load(c, facts)).isInstanceOf(InputException.class)
                .hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    private Path config(String body) {
        Path c = dir.resolve("train-" + Integer.toHexString(body.hashCode()) + ".yaml");
        write(c, HEAD + body);
        return c;
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Spec load(Path config, List<String> facts) {
        return new SpecLoader(REGISTRY, new ByteArrayInputStream(new byte[0]), config.getParent())
                .load(List.of(config), Optional.empty(), facts, List.of(), List.of());
    }

    private static double at(Path config, long step, String... facts) {
        Spec spec = load(config, List.of(facts));
        return REGISTRY.build(spec.schedules().get(0).mapping(), "axolotl", Optional.empty()).at(step);
    }

    private static String fact(Path config, String name, String... facts) {
        List<Imported.Fact> all = load(config, List.of(facts)).files().get(0).imported().facts();
        return all.stream().filter(f -> f.name().equals(name)).reduce((a, b) -> b).orElseThrow().value();
    }

    private static Document doc(String source, String text) {
        return new Document(source, Optional.empty(), text, TreeReader.read(source, text, source.endsWith(".json")));
    }
}
