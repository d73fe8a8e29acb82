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

/** The deepspeed format, alone and linked from a TrainingArguments file: golden runs, traps and refusals. */
class DeepSpeedFormatTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> goldenRunsMatchTheEngine() {
        return ConfigGolden.of("deepspeed", "hf"); // a TrainingArguments file linking the config is read by hf
    }

    private Spec load(String file, List<String> run) {
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                .load(List.of(Path.of(file)), Optional.empty(), run, List.of(), List.of(), List.of());
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static final String HF = "learning_rate: 2.0e-5\nper_device_train_batch_size: 4\nnum_train_epochs: 1\n"
            + "deepspeed: ds.json\n";

    @Test
    void autoValuesAreFilledFromTheTrainingArgumentsAndLocatedThere() throws IOException {
        write("train.yaml", HF);
        write("ds.json", "{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": \"auto\"}},\n"
                + " \"scheduler\": {\"type\": \"WarmupDecayLR\", \"params\": {\"warmup_max_lr\": \"auto\", "
                + "\"total_num_steps\": \"auto\", \"warmup_num_steps\": \"auto\"}}}\n");
        Spec spec = load("train.yaml", List.of("dataset_size=400"));
        Node.MapNode m = spec.schedules().get(0).mapping();
        assertThat(((Node.ScalarNode) m.get("type").orElseThrow()).text()).isEqualTo("deepspeed.WarmupDecayLR");
        assertThat(m.get("total_num_steps").orElseThrow().location().toString()).isEqualTo("train.yaml:3:19");
        assertThat(((Node.ScalarNode) m.get("warmup_max_lr").orElseThrow()).text()).isEqualTo("2e-05");
        assertThat(spec.steps()).hasValue(100);
    }

    @Test
    void anExplicitValueThatContradictsTheTrainerIsRefusedWithItsReason() throws IOException {
        write("train.yaml", HF);
        write("ds.json", "{\"scheduler\": {\"type\": \"WarmupLR\",\n \"params\": {\"warmup_max_lr\": 1e-3}}}\n");
        assertThatThrownBy(() -> load("train.yaml", List.of("dataset_size=400"))).isInstanceOf(InputException.class)
                .hasMessage("ds.json:2:30: Please correct the following DeepSpeed config values that mismatch "
                        + "TrainingArguments values: - ds scheduler.params.warmup_max_lr=1e-3 vs hf "
                        + "learning_rate=2e-05 (the Trainer raises this ValueError); set them to \"auto\" or to the "
                        + "Trainer's values");
    }

    @Test
    void theDeepSpeedSchedulerWinsOverLrSchedulerType() throws IOException {
        write("train.yaml", "lr_scheduler_type: cosine\n" + HF);
        write("ds.json", "{\"scheduler\": {\"type\": \"WarmupLR\", \"params\": {\"warmup_num_steps\": \"auto\"}}}\n");
        Imported i = load("train.yaml", List.of("dataset_size=400")).files().get(0).imported();
        assertThat(i.ignored()).contains("lr_scheduler_type (the DeepSpeed config's scheduler is used)");
        assertThat(i.schedules().get(0).get("lr")).isPresent(); // WarmupLR's warmup_max_lr defaults to it
    }

    @Test
    void aloneAutoIsRefusedExceptTheRunsLength() throws IOException {
        write("ds.json", "{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": \"auto\"}},\n"
                + " \"scheduler\": {\"type\": \"WarmupLR\"}}\n");
        assertThatThrownBy(() -> load("ds.json", List.of("num_updates=10"))).isInstanceOf(InputException.class)
                .hasMessage("ds.json:1:50: optimizer.params.lr: \"auto\" is filled in by the Hugging Face Trainer "
                        + "(TrainingArguments' deepspeed); DeepSpeed alone reads the text 'auto'; give a number");
        write("ds2.json", "{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 1e-3}},\n"
                + " \"scheduler\": {\"type\": \"WarmupDecayLR\", \"params\": {\"total_num_steps\": \"auto\"}}}\n");
        assertThatThrownBy(() -> load("ds2.json", List.of())).isInstanceOf(InputException.class)
                .hasMessage("ds2.json: scheduler.params.total_num_steps (absent or \"auto\", which only the Hugging "
                        + "Face Trainer fills in) needs the number of updates: add --run num_updates=N");
    }

    @Test
    void linkedAutoTheTrainerDoesNotFillIsRefusedSayingSo() throws IOException {
        // trainer_config_process / trainer_config_finalize fill four scheduler keys only: not cos_min_ratio
        write("train.yaml", HF);
        write("ds.json", "{\"scheduler\": {\"type\": \"WarmupCosineLR\",\n \"params\": {\"total_num_steps\": "
                + "\"auto\", \"cos_min_ratio\": \"auto\"}}}\n");
        assertThatThrownBy(() -> load("train.yaml", List.of("dataset_size=400"))).isInstanceOf(InputException.class)
                .hasMessage("ds.json:2:57: scheduler.params.cos_min_ratio: the Hugging Face Trainer does not fill "
                        + "this \"auto\" (of the optimizer and scheduler it fills lr, betas, eps, weight_decay, "
                        + "warmup_min_lr, warmup_max_lr, total_num_steps and warmup_num_steps); DeepSpeed would get "
                        + "the text 'auto'; give a number");
    }

    @Test
    void anUnknownSchedulerNamesDeepSpeedsOwn() throws IOException {
        write("ds.json", "{\"scheduler\": {\"type\": \"WarmupDecay\"}}\n");
        assertThatThrownBy(() -> load("ds.json", List.of("num_updates=10"))).isInstanceOf(InputException.class)
                .hasMessage("ds.json:1:24: scheduler.type: DeepSpeed does not recognize LR scheduler WarmupDecay; did "
                        + "you mean 'WarmupDecayLR'?; DeepSpeed's schedulers are WarmupLR, WarmupDecayLR, "
                        + "WarmupCosineLR, OneCycle (or a torch.optim.lr_scheduler class)");
    }

    @Test
    void theExampleIsTheGoldenRun() throws IOException {
        HfFormatTest.assertSameCurve(Path.of("examples/configs/deepspeed-hf.yaml"),
                List.of("dataset_size=3000,num_devices=2"), "hf_auto_values_filled");
        Spec alone = new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), Path.of("."))
                .load(List.of(Path.of("examples/configs/deepspeed-zero2-alone.json")), Optional.empty(),
                        List.of("num_updates=1000"), List.of(), List.of(), List.of());
        assertThat(alone.steps()).hasValue(1000);
        assertThat(alone.schedules().get(0).mapping().get("total_num_steps").map(n -> ((Node.ScalarNode) n).text()))
                .hasValue("1000");
    }
}
