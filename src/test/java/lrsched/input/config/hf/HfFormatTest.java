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
import lrsched.core.Node;
import lrsched.input.config.ConfigGolden;
import lrsched.input.config.Imported;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The hf format: golden runs made by transformers' own code, each trap, and each refusal. */
class HfFormatTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> goldenRunsMatchTheTrainer() {
        return ConfigGolden.of("hf");
    }

    private Spec load(String text, List<String> run, List<String> versions) throws IOException {
        Files.writeString(dir.resolve("train.yaml"), text);
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                .load(List.of(Path.of("train.yaml")), Optional.empty(), run, versions, List.of(), List.of());
    }

    private Imported imported(String text, List<String> run, List<String> versions) throws IOException {
        return load(text, run, versions).files().get(0).imported();
    }

    private static String fact(Imported imported, String name) {
        return imported.facts().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
    }

    private void refused(String text, List<String> run, List<String> versions, String message) {
        assertThatThrownBy(() -> load(text, run, versions)).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    void warmupRatioIsRoundedUpOnTheRunsLength() throws IOException {
        // 1000 / 16 = 62.5 -> 63 batches; / 3 = 21 updates; 2.5 epochs -> 52.5 -> 53; 53 x 0.1 = 5.3 -> 6
        Imported i = imported("output_dir: o\nper_device_train_batch_size: 16\ngradient_accumulation_steps: 3\n"
                + "num_train_epochs: 2.5\nwarmup_steps: 0.1\n", List.of("dataset_size=1000"), List.of());
        assertThat(fact(i, "updates per epoch")).isEqualTo("21");
        assertThat(fact(i, "num_training_steps")).isEqualTo("53");
        assertThat(fact(i, "num_warmup_steps")).isEqualTo("6");
    }

    @Test
    void accumulationThatDoesNotDivideTheBatchesCountsThePartialUpdate() throws IOException {
        assertThat(fact(imported("per_device_train_batch_size: 10\ngradient_accumulation_steps: 4\n",
                List.of("dataset_size=50"), List.of()), "updates per epoch")).isEqualTo("2"); // ceil(5 / 4)
        assertThat(fact(imported("per_device_train_batch_size: 10\ngradient_accumulation_steps: 4\n",
                List.of("dataset_size=50"), List.of("transformers=4.45")), "updates per epoch")).isEqualTo("1");
    }

    @Test
    void dropLastFloorsBothDivisionsAndDevicesShardTheBatches() throws IOException {
        Imported i = imported("per_device_train_batch_size: 16\ndataloader_drop_last: true\n",
                List.of("dataset_size=10001", "num_devices=3"), List.of());
        assertThat(i.facts().get(0)).isEqualTo(new Imported.Fact("batches per device per epoch", "208",
                "floor(floor(10001 / 16) / 3)"));
        Imported kept = imported("per_device_train_batch_size: 16\n", List.of("dataset_size=10001", "num_devices=3"),
                List.of());
        assertThat(fact(kept, "batches per device per epoch")).isEqualTo("209");
    }

    @Test
    void maxStepsWinsAndNeedsNoDatasetSize() throws IOException {
        Imported i = imported("num_train_epochs: 10\nmax_steps: 500\nwarmup_steps: 50\n", List.of(), List.of());
        assertThat(i.steps()).hasValue(500);
        assertThat(fact(i, "num_training_steps")).isEqualTo("500");
    }

    @Test
    void warmupRatioReplacesWarmupStepsInTransformers5ButNotBefore() throws IOException {
        String text = "per_device_train_batch_size: 16\nwarmup_steps: 100\nwarmup_ratio: 0.1\n";
        assertThat(fact(imported(text, List.of("dataset_size=8000"), List.of()), "num_warmup_steps")).isEqualTo("150");
        assertThat(fact(imported(text, List.of("dataset_size=8000"), List.of("transformers=4.50")),
                "num_warmup_steps")).isEqualTo("100");
    }

    @Test
    void aFractionalWarmupOfOneOrMoreIsTruncated() throws IOException {
        Imported i = imported("per_device_train_batch_size: 8\nwarmup_steps: 10.7\n", List.of("dataset_size=100"),
                List.of());
        assertThat(i.facts()).contains(new Imported.Fact("num_warmup_steps", "10", "int(10.7)"));
    }

    @Test
    void kwargsAsJsonTextAreReadAsTrainingArgumentsReadsThem() throws IOException {
        Spec spec = load("lr_scheduler_type: cosine_with_restarts\nmax_steps: 100\n"
                + "lr_scheduler_kwargs: '{\"num_cycles\": \"3\"}'\n", List.of(), List.of());
        Node.MapNode m = spec.schedules().get(0).mapping();
        assertThat(((Node.ScalarNode) m.get("num_cycles").orElseThrow()).kind()).isEqualTo(Node.ScalarKind.NUMBER);
        assertThat(m.get("num_cycles").orElseThrow().location().toString()).isEqualTo("train.yaml:3:22");
    }

    @Test
    void schedulersGetSchedulerBuildsWithoutKwargsIgnoreThem() throws IOException {
        Imported i = imported("lr_scheduler_type: inverse_sqrt\nlr_scheduler_kwargs: {timescale: 50}\nmax_steps: 10\n"
                + "output_dir: o\n", List.of(), List.of());
        assertThat(i.schedules().get(0).get("timescale")).isEmpty();
        assertThat(i.ignored()).containsExactly("lr_scheduler_kwargs.timescale (get_scheduler does not pass it to "
                + "inverse_sqrt)", "output_dir");
        Imported constant = imported("lr_scheduler_type: constant\nwarmup_steps: 10\nmax_steps: 10\n", List.of(),
                List.of());
        assertThat(constant.schedules().get(0).get("num_warmup_steps")).isEmpty();
        assertThat(constant.ignored()).first().asString().startsWith("warmup_steps (get_scheduler builds constant");
    }

    @Test
    void theFileIsRecognisedByTrainingArgumentsOwnKeys() throws IOException {
        Spec spec = load("output_dir: o\nnum_train_epochs: 1\n", List.of("dataset_size=80"), List.of());
        assertThat(spec.files().get(0).format().name()).isEqualTo("hf");
        HfFormat hf = new HfFormat();
        assertThat(hf.recognizes(doc("output_dir: o\nlearning_rate: 1.0e-4\n"))).isFalse();
        assertThat(hf.recognizes(doc("schedules: []\nnum_train_epochs: 1\n"))).isFalse();
        assertThat(hf.recognizes(doc("type: hf.linear\nlr_scheduler_type: linear\n"))).isFalse();
        assertThat(hf.recognizes(doc("lr_scheduler_type: linear\n"))).isTrue();
    }

    private static lrsched.input.document.Document doc(String text) {
        return new lrsched.input.document.Document("a.yaml", Optional.empty(), text,
                lrsched.input.document.TreeReader.read("a.yaml", text, false));
    }

    @Test
    void aMissingDatasetSizeIsOneLine() {
        refused("num_train_epochs: 2\n", List.of(), List.of(), "train.yaml: the number of updates (num_train_epochs x "
                + "updates per epoch) needs the dataset size: add --run dataset_size=N");
    }

    @Test
    void anUnknownSchedulerNamesTheSupportedOnes() {
        refused("lr_scheduler_type: cosin\n", List.of("dataset_size=10"), List.of(), "train.yaml:1:20: "
                + "lr_scheduler_type: 'cosin' is not a valid SchedulerType; did you mean 'cosine'?; the Trainer's "
                + "schedulers are linear, cosine, cosine_with_restarts, polynomial, constant, constant_with_warmup, "
                + "inverse_sqrt, reduce_lr_on_plateau, cosine_with_min_lr, cosine_warmup_with_min_lr, "
                + "warmup_stable_decay");
    }

    @Test
    void aNumberPyYamlReadsAsTextIsRefusedAsTheTrainingWouldFail() {
        refused("learning_rate: 5e-5\nnum_train_epochs: 1\n", List.of("dataset_size=10"), List.of(),
                "train.yaml:1:16: learning_rate: PyYAML, which the training reads this file with, takes 5e-5 for the "
                        + "text '5e-5' (a YAML 1.1 float needs a dot and a signed exponent) and the training fails on "
                        + "it; write 5.0e-5");
    }

    @Test
    void valuesTheTrainingRefusesAreRefusedWithItsReason() {
        refused("num_train_epochs: 1\nwarmup_steps: -1\n", List.of("dataset_size=10"), List.of(),
                "train.yaml:2:15: warmup_steps: TrainingArguments refuses a negative warmup (warmup_steps must be an "
                        + "integer or a float); give a number of steps, or a ratio below 1");
        refused("num_train_epochs: 1\nper_device_train_batch_size: 0\n", List.of("dataset_size=10"), List.of(),
                "train.yaml:2:30: per_device_train_batch_size: the DataLoader refuses it (batch_size should be a "
                        + "positive integer value, but got batch_size=0); give a whole number > 0");
        refused("num_train_epochs: 1\nwarmup_ratio: 1.5\n", List.of("dataset_size=10"), List.of("transformers=4.45"),
                "train.yaml:2:15: warmup_ratio must lie in range [0,1] (TrainingArguments' check); give a fraction of "
                        + "the run");
        refused("max_steps: 0\nnum_train_epochs: 1\n", List.of(), List.of(), "train.yaml:1:12: max_steps: 0 makes a run "
                + "of no updates (the Trainer counts epochs only when max_steps < 0); remove it or give the number of "
                + "updates");
        refused("num_train_epochs: 1\nper_device_train_batch_size: 64\ndataloader_drop_last: true\n",
                List.of("dataset_size=10"), List.of(), "train.yaml: dataset_size 10 gives no complete batch per "
                        + "device (64 per batch, 1 device, dataloader_drop_last); the Trainer would train on "
                        + "nothing; check --run dataset_size");
        refused("num_train_epochs: 1\nlr_scheduler_kwargs: num_cycles=3\n", List.of("dataset_size=10"), List.of(),
                "train.yaml:2:22: lr_scheduler_kwargs takes a mapping of the scheduler's arguments (or a JSON dict as "
                        + "text, starting with '{'), not the text 'num_cycles=3'");
    }

    @Test
    void versionsAreCheckedAgainstTheLibrariesFormatsRead() {
        refused("num_train_epochs: 1\n", List.of("dataset_size=10"), List.of("transformer=4.45"),
                "--versions[1]:1:1: no format reads versions of 'transformer'; did you mean 'transformers'? (the "
                        + "libraries are transformers, torch, ultralytics, deepspeed)");
        refused("num_train_epochs: 1\n", List.of("dataset_size=10"), List.of("transformers=four"),
                "--versions[1]:1:14: 'four' is not a version number; write e.g. transformers=4.45");
    }

    @Test
    void theExamplesGiveTheTrainersCurves() throws IOException {
        assertSameCurve(Path.of("examples/configs/hf-sft.yaml"), List.of("dataset_size=10001,num_devices=3"),
                "min_lr_drop_last_three_devices");
        assertSameCurve(Path.of("examples/configs/hf-glue.json"), List.of("dataset_size=52000,num_devices=4"),
                "linear_warmup_ratio_four_devices");
    }

    /** The example's curve is the golden case's, row for row. */
    static void assertSameCurve(Path example, List<String> run, String goldenCase) throws IOException {
        Spec spec = new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), Path.of("."))
                .load(List.of(example), Optional.empty(), run, List.of(), List.of(), List.of());
        Path dir = ConfigGolden.directory(example.getFileName().toString().startsWith("hf") ? "hf"
                : example.getFileName().toString().replaceFirst("-.*", ""));
        ConfigGolden.assertMatchesCsv(spec, dir.resolve(goldenCase + ".csv"), example.toString());
    }

    @Test
    void aMalformedFileIsOneLine() {
        assertThatThrownBy(() -> load("num_train_epochs: [1\n", List.of(), List.of()))
                .isInstanceOf(InputException.class).hasMessageStartingWith("train.yaml:1:21: invalid YAML");
    }
}
