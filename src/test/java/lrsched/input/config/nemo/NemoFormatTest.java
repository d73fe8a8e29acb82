package lrsched.input.config.nemo;

import static lrsched.input.config.ConfigGolden.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.input.config.ConfigGolden;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.DocumentReader;
import lrsched.input.formats.Formats;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.registry.RunFacts;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** NeMo configs against the golden data of src/tools/golden/nemo_configs.py (NeMo's prepare_lr_scheduler). */
class NemoFormatTest {

    @TestFactory
    Stream<DynamicTest> everyUpdateOfTheRunMatchesNemo() {
        return ConfigGolden.of("nemo");
    }

    /**
     * The example configs give NeMo's LR at every 250th update and around the warmup's end and max_steps
     * (golden/configs/nemo-examples/, from the same generator), and NeMo's max_steps as the run's length.
     */
    @TestFactory
    Stream<DynamicTest> theExampleConfigsGiveNemosCurve() {
        Path golden = ConfigGolden.directory("nemo").resolveSibling("nemo-examples");
        return Stream.of("nemo-megatron-gpt", "nemo-asr-conformer").map(name -> DynamicTest.dynamicTest(name, () -> {
            Path run = golden.resolve(name + ".run");
            List<String> facts = Files.exists(run) ? Files.readAllLines(run) : List.of();
            Path example = Path.of("examples/configs/" + name + ".yaml").toAbsolutePath();
            Spec spec = new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]),
                    example.getParent()).load(List.of(example), Optional.empty(), facts, List.of(), List.of(),
                    List.of());
            assertThat(spec.files().get(0).format().name()).isEqualTo("nemo");
            Spec.Entry e = spec.schedules().get(0);
            lrsched.core.Schedule schedule = Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
            List<String> rows = new ArrayList<>(Files.readAllLines(golden.resolve(name + ".csv"),
                    StandardCharsets.UTF_8));
            rows.remove(0);
            for (String row : rows) {
                String[] cells = row.split(",");
                double expected = Double.parseDouble(cells[1]);
                assertThat(schedule.at(Long.parseLong(cells[0]))).as(name + " update " + cells[0])
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(Math.max(GoldenCases.ABSOLUTE,
                                GoldenCases.RELATIVE * Math.abs(expected))));
            }
            long last = Long.parseLong(rows.get(rows.size() - 1).split(",")[0]);
            assertThat(spec.steps()).hasValue(last + 1);
        }));
    }

    @Test
    void claimsConfigsWithModelOptim() {
        NemoFormat nemo = new NemoFormat();
        String config = "trainer: {max_steps: 10}\nmodel:\n  optim:\n    lr: 0.1\n    sched: {name: CosineAnnealing}\n";
        assertThat(nemo.recognizes(yaml("c.yaml", config))).isTrue();
        assertThat(nemo.recognizes(yaml("c.yaml", "model: {optim: {lr: 0.1, sched: {name: WarmupPolicy}}}\n")))
                .isTrue();
        // an optim without sched needs the trainer beside it; LightningCLI's model has no optim
        assertThat(nemo.recognizes(yaml("c.yaml", "model: {optim: {lr: 0.1}}\n"))).isFalse();
        assertThat(nemo.recognizes(yaml("c.yaml", "trainer: {max_epochs: 3}\nmodel: {class_path: a.B}\n")))
                .isFalse();
        assertThat(nemo.recognizes(yaml("c.yaml", config + "schedules: []\n"))).isFalse();
        assertThat(nemo.recognizes(yaml("c.toml", config))).isFalse();
        assertThat(Formats.standard().choose(yaml("c.yaml", config), Optional.empty()).name()).isEqualTo("nemo");
    }

    @Test
    void epochsBecomeMaxStepsAsNemoComputesThem() throws IOException {
        assertThat(ConfigGolden.imported("nemo", "asr_epochs_drop_last_accumulate_limit").facts()).contains(
                new Imported.Fact("t_num_workers", "4", "trainer.devices x trainer.num_nodes = 2 x 2"),
                new Imported.Fact("steps per epoch", "62", "floor(ceil(2003 / 4) / 8) (drop_last)"),
                new Imported.Fact("steps per epoch", "31", "int(62 x 0.5) (limit_train_batches is a float: a "
                        + "share)"),
                new Imported.Fact("updates per epoch", "11", "ceil(31 / 3) (accumulate_grad_batches 3)"),
                new Imported.Fact("max_steps", "55", "11 x 5 (max_epochs; NeMo's compute_max_steps, as "
                        + "trainer.max_steps is -1)"));
        assertThat(ConfigGolden.imported("nemo", "asr_epochs_drop_last_accumulate_limit").updatesPerEpoch())
                .hasValue(11);
    }

    @Test
    void anIntegerLimitTrainBatchesIsANumberOfBatches() throws IOException {
        assertThat(ConfigGolden.imported("nemo", "asr_limit_train_batches_int").facts()).contains(
                new Imported.Fact("steps per epoch", "7", "min(125, 7) (limit_train_batches is an int: a number "
                        + "of batches)"));
    }

    @Test
    void interpolationsAreResolvedAndShown() throws IOException {
        assertThat(ConfigGolden.imported("nemo", "asr_noam_epochs").facts()).contains(
                new Imported.Fact("model.optim.sched.d_model", "${model.encoder.d_model}", "OmegaConf "
                        + "interpolation, resolved against the whole config"));
        assertThat(ConfigGolden.value("nemo", "asr_noam_epochs", "d_model")).isEqualTo("176");
        assertThat(ConfigGolden.value("nemo", "relative_interpolation_hold", "hold_steps")).isEqualTo("12");
        assertThat(ConfigGolden.value("nemo", "relative_interpolation_hold", "min_lr")).isEqualTo("2e-4");
    }

    @Test
    void trainerMaxStepsWinsOverTheSchedulersOwn() throws IOException {
        assertThat(ConfigGolden.value("nemo", "trainer_max_steps_overrides_sched", "max_steps")).isEqualTo("90");
    }

    // ---- refusals: one line FILE:LINE:COL: what is wrong; what to do

    private static Imported read(String text, String... facts) {
        Map<String, Node.Entry> given = new LinkedHashMap<>();
        for (String f : facts) {
            String[] kv = f.split("=");
            Location at = Location.of("--run");
            given.put(kv[0], new Node.Entry(kv[0], at, new Node.ScalarNode(at, kv[1], Node.ScalarKind.NUMBER)));
        }
        RunFacts runFacts = RunFacts.of(new Node.MapNode(Location.of("--run"), given));
        return new NemoFormat().read(yaml("c.yaml", text), new ImportContext(Libraries.registry(), runFacts,
                new DocumentReader(InputStream.nullInputStream(), Path.of("."))));
    }

    private static void refused(String text, String message, String... facts) {
        assertThatThrownBy(() -> read(text, facts)).isInstanceOf(InputException.class).hasMessage(message);
    }

    private static final String TRAINER = "trainer: {max_steps: 100}\n";

    @Test
    void refusesAnUnknownSchedulerName() {
        refused(TRAINER + "model:\n  optim:\n    lr: 0.1\n    sched: {name: CosineAnealing}\n", "c.yaml:5:19: "
                + "'CosineAnealing' is not in NeMo's AVAILABLE_SCHEDULERS; did you mean 'CosineAnnealing'? (ValueError: "
                + "Cannot resolve scheduler); lrsched reads WarmupPolicy, WarmupHoldPolicy, SquareAnnealing, "
                + "CosineAnnealing, NoamAnnealing, NoamHoldAnnealing, WarmupHoldAnnealOneMinusSquareRoot, "
                + "WarmupHoldAnnealLinear, WarmupAnnealing, InverseSquareRootAnnealing, T5InverseSquareRootAnnealing, "
                + "SquareRootAnnealing, PolynomialDecayAnnealing, PolynomialHoldDecayAnnealing, StepLR, CyclicLR");
    }

    @Test
    void refusesAKeyTheSchedulerDoesNotTake() {
        refused(TRAINER + "model:\n  optim:\n    lr: 0.1\n    sched: {name: CosineAnnealing, warmup_step: 5}\n",
                "c.yaml:5:36: NeMo's CosineAnnealing takes no 'warmup_step'; did you mean 'warmup_steps'? (TypeError: "
                        + "__init__() got an unexpected keyword argument 'warmup_step'); its keys are warmup_steps, "
                        + "warmup_ratio, constant_steps, constant_ratio, min_lr");
    }

    @Test
    void refusesAnInterpolationItCannotResolve() {
        refused(TRAINER + "model:\n  optim:\n    lr: 0.1\n    sched: {name: NoamAnnealing, d_model: "
                + "'${model.d_model}'}\n", "c.yaml:5:43: '${model.d_model}' names 'model.d_model', which the file "
                + "does not set (OmegaConf's InterpolationKeyError); set it or write the value");
        refused(TRAINER + "model:\n  optim:\n    lr: '${oc.env:LR}'\n    sched: {name: WarmupPolicy}\n",
                "c.yaml:4:9: '${oc.env:LR}' calls an OmegaConf resolver, which reads the machine NeMo runs on; "
                        + "write the value it gives there");
    }

    @Test
    void epochsNeedTheDatasetSizeAndTheDevices() {
        String asr = "trainer: {devices: -1, max_epochs: 3, max_steps: -1}\nmodel:\n  train_ds: {batch_size: 8}\n"
                + "  optim:\n    lr: 0.1\n    sched: {name: CosineAnnealing}\n";
        assertThatThrownBy(() -> read(asr, "dataset_size=100")).isInstanceOf(InputException.class)
                .hasMessageContaining("num_devices");
        assertThatThrownBy(() -> read(asr, "num_devices=2")).isInstanceOf(InputException.class)
                .hasMessageContaining("dataset_size");
        assertThat(read(asr, "num_devices=2", "dataset_size=100").steps()).hasValue(21); // ceil(50 / 8) x 3
    }

    @Test
    void aSchedulerMaxStepsOfMinusOneBuildsNoScheduler() {
        refused("trainer: {max_steps: -1}\nmodel:\n  optim:\n    lr: 0.1\n    sched: {name: WarmupPolicy, "
                + "max_steps: -1}\n", "c.yaml:5:44: model.optim.sched.max_steps is -1 and trainer.max_steps is -1: "
                + "NeMo then builds no scheduler and trains at the constant lr; set trainer.max_steps (or the "
                + "scheduler's max_steps) to the run's length");
    }

    @Test
    void withoutTrainerMaxStepsTheSchedulersOwnMaxStepsIsUsed() {
        Imported imported = read("trainer: {max_epochs: 3}\nmodel:\n  optim:\n    lr: 0.1\n    sched: {name: "
                + "WarmupAnnealing, max_steps: 50, warmup_steps: 5}\n");
        assertThat(imported.steps()).hasValue(50);
        assertThat(imported.facts()).contains(new Imported.Fact("max_steps", "50", "model.optim.sched.max_steps "
                + "(trainer.max_steps is -1); also taken as the run's length, though Lightning runs "
                + "trainer.max_epochs epochs: --steps N sets another"));
    }

    @Test
    void refusesAKeyNemoDoesNotPopSuchAsItersPerBatch() {
        // NeMo passes it on: TypeError: WarmupPolicy.__init__() got an unexpected keyword argument 'iters_per_batch'
        assertThatThrownBy(() -> read(TRAINER + "model:\n  optim:\n    lr: 0.1\n    sched: {name: WarmupAnnealing, "
                + "iters_per_batch: null}\n")).isInstanceOf(InputException.class)
                .hasMessageContaining("unexpected keyword argument 'iters_per_batch'");
    }

    @Test
    void refusesTheArgsForm() {
        refused(TRAINER + "model:\n  optim:\n    lr: 0.1\n    sched:\n      name: CosineAnnealing\n      args: "
                + "{name: auto}\n", "c.yaml:7:13: model.optim.sched.args: lrsched reads the flat form (name: plus "
                + "the scheduler's arguments beside it, as NeMo's example configs write it); move the arguments up "
                + "into sched:");
    }

    @Test
    void nemosArgumentChecksComeThrough() {
        Imported both = read(TRAINER + "model:\n  optim:\n    lr: 0.1\n    sched: {name: CosineAnnealing, "
                + "warmup_steps: 5, warmup_ratio: 0.1}\n");
        assertThatThrownBy(() -> Libraries.registry().build(both.schedules().get(0), "c", Optional.empty()))
                .isInstanceOf(InputException.class).hasMessageStartingWith("c.yaml:5:67:")
                .hasMessageEndingWith("AssertionError: Either use particular number of step or ratio (give "
                        + "warmup_steps or warmup_ratio, not both)");
    }
}
