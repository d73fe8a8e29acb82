package lrsched.input.config.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.input.config.ConfigGolden;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.input.document.DocumentReader;
import lrsched.input.document.TreeReader;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.registry.Registry;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The LightningCLI config reader against golden data made by Lightning's own loop code on the real torch 1.13
 * schedulers (src/tools/golden/lightning_configs.py), one case per trap, and its refusals.
 */
class LightningFormatTest {
    private static final Registry REGISTRY = Libraries.registry();

    private static Spec load(Path config, List<String> facts) {
        return new SpecLoader(REGISTRY, InputStream.nullInputStream(), config.getParent())
                .load(List.of(config), Optional.empty(), facts, List.of(), List.of());
    }

    private static Spec loadText(String text, String... facts) throws IOException {
        Path dir = Files.createTempDirectory("lightning");
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, text);
        return load(file, List.of(facts));
    }

    /** Every row of every golden case, at 1e-9 relative, and the run's length. */
    @TestFactory
    Stream<DynamicTest> theGoldenCasesMatchLightningsOwnLoop() {
        return ConfigGolden.of("lightning");
    }

    private static Imported read(String text, String... facts) {
        Document d = new Document("train.yaml", Optional.empty(), text, TreeReader.read("train.yaml", text, false));
        assertThat(new LightningFormat().recognizes(d)).as("recognized").isTrue();
        java.util.Map<String, lrsched.core.Node.Entry> given = new java.util.LinkedHashMap<>();
        for (String f : facts) {
            String[] kv = f.split("=");
            lrsched.core.Location at = lrsched.core.Location.of("--run");
            given.put(kv[0], new lrsched.core.Node.Entry(kv[0], at, new lrsched.core.Node.ScalarNode(at, kv[1],
                    lrsched.core.Node.ScalarKind.NUMBER)));
        }
        lrsched.registry.RunFacts runFacts = lrsched.registry.RunFacts.of(new lrsched.core.Node.MapNode(
                lrsched.core.Location.of("--run"), given));
        return new LightningFormat().read(d, new ImportContext(REGISTRY, runFacts,
                new DocumentReader(InputStream.nullInputStream(), Path.of("."))));
    }

    private static final String OPT = "optimizer:\n  class_path: torch.optim.AdamW\n  init_args:\n    lr: 0.001\n";

    @Test
    void theEpochIntervalStepsTheSchedulerOnceAfterEachEpochsLastBatch() {
        Imported imported = read("trainer:\n  max_epochs: 3\n  accumulate_grad_batches: 8\n" + OPT
                + "lr_scheduler:\n  class_path: StepLR\n  init_args: {step_size: 1}\n", "batches_per_epoch=1625");
        assertThat(imported.facts()).contains(
                new Imported.Fact("updates per epoch", "204", "ceil(1625 / 8): the epoch's last batch steps the "
                        + "optimizer even when fewer than 8 batches were accumulated"),
                new Imported.Fact("updates in the run", "612", "3 x 204"));
        assertThat(imported.steps()).hasValue(612);
        assertThat(imported.schedules().get(0).get("stepping").map(n -> ((lrsched.core.Node.ScalarNode) n).text()))
                .hasValue("epoch");
        assertThat(imported.defaults()).anyMatch(d -> d.startsWith("interval: epoch"));
    }

    @Test
    void maxEpochsDefaultsTo1000WhenNeitherLimitIsSet() {
        Imported imported = read("trainer: {}\n" + OPT, "batches_per_epoch=10");
        assertThat(imported.steps()).hasValue(10_000);
        assertThat(imported.defaults()).anyMatch(d -> d.startsWith("max_epochs: 1000"));
    }

    @Test
    void maxStepsCutsTheLastEpoch() {
        Imported imported = read("trainer: {max_epochs: 10, max_steps: 230, limit_train_batches: 50}\n" + OPT
                + "lr_scheduler: {class_path: MultiStepLR, init_args: {milestones: [2, 4]}}\n",
                "batches_per_epoch=120");
        assertThat(imported.steps()).hasValue(230);
        assertThat(imported.facts()).contains(new Imported.Fact("training batches per epoch", "50",
                "min(120, 50) (limit_train_batches: 50)"));
    }

    @Test
    void aFractionalLimitTruncatesAndOneIsOneBatchButOnePointZeroIsAll() {
        assertThat(read("trainer: {max_epochs: 1, limit_train_batches: 0.33}\n" + OPT, "batches_per_epoch=100")
                .steps()).hasValue(33);
        assertThat(read("trainer: {max_epochs: 1, limit_train_batches: 1}\n" + OPT, "batches_per_epoch=100")
                .steps()).hasValue(1);
        assertThat(read("trainer: {max_epochs: 1, limit_train_batches: 1.0}\n" + OPT, "batches_per_epoch=100")
                .steps()).hasValue(100);
    }

    @Test
    void withoutASchedulerTheLrIsConstantAndMaxStepsAloneNeedsNoBatchCount() {
        Imported imported = read("trainer: {max_steps: 20}\n" + OPT);
        assertThat(imported.steps()).hasValue(20);
        assertThat(imported.schedules().get(0).get("type").map(n -> ((lrsched.core.Node.ScalarNode) n).text()))
                .hasValue("constant");
    }

    @Test
    void theOptimizersDefaultLrIsTakenFromTorch() {
        Imported imported = read("trainer: {max_steps: 5}\noptimizer: Adam\nmodel: {class_path: a.B}\n");
        assertThat(imported.defaults()).contains("optimizer.init_args.lr: 0.001 (torch.optim.Adam's default)");
    }

    @Test
    void explainNamesTheConfigValuesTheScheduleCameFrom() throws IOException {
        Spec spec = loadText("trainer:\n  max_epochs: 2\n" + OPT + "lr_scheduler:\n  class_path: StepLR\n"
                + "  init_args:\n    step_size: 1\n", "batches_per_epoch=4");
        lrsched.core.Node.MapNode m = spec.schedules().get(0).mapping();
        assertThat(m.get("lr").get().location().toString()).endsWith("config.yaml:6:9");
        assertThat(m.get("step_size").get().location().toString()).endsWith("config.yaml:10:16");
    }

    // ---- recognition

    private static boolean recognizes(String text) {
        Document d = new Document("a.yaml", Optional.empty(), text, TreeReader.read("a.yaml", text, false));
        return new LightningFormat().recognizes(d);
    }

    @Test
    void recognizesATrainerSectionWithAClassOrModelOrSeed() {
        assertThat(recognizes("trainer: {max_epochs: 1}\n" + OPT)).isTrue();
        assertThat(recognizes("trainer: {max_epochs: 1}\nmodel: {class_path: a.B}\n")).isTrue();
        assertThat(recognizes("trainer: {max_epochs: 1}\nmodel: {init_args: {x: 1}}\n")).isTrue();
        assertThat(recognizes("seed_everything: 1\ntrainer:\n")).isTrue();
        assertThat(recognizes("fit:\n  trainer: {}\n  lr_scheduler: StepLR\n")).isTrue();
        assertThat(recognizes("trainer: {max_epochs: 1}\n")).isFalse();
        assertThat(recognizes("trainer: {devices: 2}\nmodel: {optim: {name: adamw}}\n")).isFalse();
        // a Hydra config (lightning-hydra-template): the model's own configure_optimizers builds what it names
        assertThat(recognizes("seed: 12345\ntrainer: {_target_: lightning.pytorch.trainer.Trainer}\nmodel:\n"
                + "  _target_: src.models.MNISTLitModule\n  optimizer: {_target_: torch.optim.Adam, _partial_: true}\n"))
                .isFalse();
        assertThat(recognizes("steps: 10\nschedules: []\ntrainer: {}\nmodel: {class_path: a}\n")).isFalse();
        assertThat(recognizes("optimizer: {type: Adam, params: {lr: 0.001}}\nscheduler: {type: WarmupLR}\n"))
                .isFalse();
    }

    // ---- refusals: one line FILE:LINE:COL: what is wrong; what to do

    private static void refused(String text, String message, String... facts) {
        assertThatThrownBy(() -> read(text, facts)).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    void refusesReduceLROnPlateau() {
        refused("trainer: {max_epochs: 1}\n" + OPT + "lr_scheduler:\n  class_path: lightning.pytorch.cli."
                + "ReduceLROnPlateau\n  init_args: {monitor: val_loss}\n", "train.yaml:7:15: ReduceLROnPlateau "
                + "lowers the lr when the monitored metric stops improving, so its curve depends on the metric "
                + "values of the run, which a config does not have; lrsched cannot compute it (plot the logged lr "
                + "with lrsched plot --overlay instead)", "batches_per_epoch=3");
    }

    @Test
    void refusesTheModelsOwnConfigureOptimizers() {
        refused("trainer: {max_epochs: 1}\nmodel:\n  class_path: a.B\n", "train.yaml:2:1: no optimizer: "
                + "section, so the learning rate schedule is whatever the model's own configure_optimizers() "
                + "returns, and lrsched cannot read Python code; add optimizer: and lr_scheduler: sections "
                + "(class_path + init_args) as LightningCLI accepts them, or write the schedule as an lrsched spec");
        refused("trainer: {max_epochs: 1}\nlr_scheduler: {class_path: StepLR, init_args: {step_size: 1}}\n",
                "train.yaml:2:1: lr_scheduler: without optimizer: is ignored by LightningCLI (it overrides "
                        + "configure_optimizers only when an optimizer is configured), so the model's own "
                        + "configure_optimizers() decides the schedule; add an optimizer: section with class_path "
                        + "and init_args.lr");
    }

    @Test
    void refusesAnUnknownSchedulerNamingTheSupportedOnes() {
        assertThatThrownBy(() -> read("trainer: {max_epochs: 1}\n" + OPT + "lr_scheduler: {class_path: "
                + "torch.optim.lr_scheduler.CosineAnealingLR}\n", "batches_per_epoch=3"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("train.yaml:6:28: unknown scheduler class 'CosineAnealingLR'; did you mean "
                        + "'CosineAnnealingLR'?; lrsched reads the torch.optim.lr_scheduler classes StepLR, ");
        assertThatThrownBy(() -> read("trainer: {max_epochs: 1}\n" + OPT + "lr_scheduler: {class_path: "
                + "transformers.get_cosine_schedule_with_warmup}\n", "batches_per_epoch=3"))
                .hasMessageContaining("is not one of torch's");
        assertThatThrownBy(() -> read("trainer: {max_epochs: 1}\n" + OPT + "lr_scheduler: {class_path: LambdaLR, "
                + "init_args: {lr_lambda: a.f}}\n", "batches_per_epoch=3"))
                .hasMessageContaining("LambdaLR takes a Python callable");
    }

    @Test
    void aMissingBatchCountNamesTheFact() {
        refused("trainer:\n  max_epochs: 2\n" + OPT, "train.yaml:2:3: the updates per epoch needs the number of "
                + "batches per epoch: add --run batches_per_epoch=N");
    }

    @Test
    void anEndlessRunNeedsTheNumberOfUpdates() {
        refused("trainer: {max_epochs: -1}\n" + OPT, "train.yaml:1:10: a run with no max_epochs and no max_steps "
                + "limit needs the number of updates: add --run num_updates=N");
        assertThat(read("trainer: {max_epochs: -1}\n" + OPT, "num_updates=7").steps()).hasValue(7);
    }

    @Test
    void refusesValuesLightningRefuses() {
        refused("trainer: {max_steps: -2}\n" + OPT, "train.yaml:1:22: `max_steps` must be a non-negative integer "
                + "or -1 (infinite steps). You passed in -2.");
        refused("trainer: {max_epochs: 1, limit_train_batches: 1.5}\n" + OPT, "train.yaml:1:47: You have passed "
                + "invalid value 1.5 for limit_train_batches, it has to be in [0.0, 1.0] or an int.",
                "batches_per_epoch=10");
        refused("trainer: {max_epochs: 1, limit_train_batches: 0.05}\n" + OPT, "train.yaml:1:47: You requested to "
                + "check 0.05 of the `train_dataloader` but 0.05 * 10 < 1. Please increase the `limit_train_batches`"
                + " argument. Try at least `limit_train_batches=0.1`", "batches_per_epoch=10");
        refused("trainer: {max_epochs: 1, accumulate_grad_batches: 0}\n" + OPT, "train.yaml:1:51: "
                + "accumulate_grad_batches must be a whole number >= 1 (batches per optimizer update), not 0",
                "batches_per_epoch=10");
        refused("trainer: {max_epochs: 2.5}\n" + OPT, "train.yaml:1:23: trainer.max_epochs takes a whole number, "
                + "not the number 2.5");
    }

    @Test
    void refusesCallbacksAndStrategiesThatChangeTheLr() {
        assertThatThrownBy(() -> read("trainer:\n  max_epochs: 2\n  callbacks:\n    - class_path: lightning.pytorch"
                + ".callbacks.StochasticWeightAveraging\n      init_args: {swa_lrs: 0.01}\n" + OPT))
                .hasMessageStartingWith("train.yaml:4:7: the callback StochasticWeightAveraging replaces");
        assertThatThrownBy(() -> read("trainer:\n  max_epochs: 2\n  strategy: deepspeed_stage_2\n" + OPT))
                .hasMessageStartingWith("train.yaml:3:13: the DeepSpeed strategy");
    }

    @Test
    void aMalformedSectionIsOneLocatedLine() {
        refused("trainer: {max_epochs: 1}\noptimizer: {class_path: torch.optim.SGD, lr: 0.1}\nmodel: {class_path: "
                + "a.B}\n", "train.yaml:2:42: unknown key 'lr' in optimizer; write the class as class_path and its "
                + "arguments under init_args");
        refused("trainer: {max_epochs: 1}\noptimizer: {class_path: my.Opt}\nmodel: {class_path: a.B}\n",
                "train.yaml:2:25: the optimizer my.Opt has no init_args.lr, and its default lr is not one lrsched "
                        + "knows (it knows torch.optim's: Adam, AdamW, SGD, Adamax, NAdam, RAdam, RMSprop, Adagrad, "
                        + "Adadelta, ASGD, Rprop, SparseAdam, LBFGS); add init_args: {lr: ...}");
    }

    @Test
    void schedulerArgumentsTorchRejectsAreRejectedAtTheirLine() throws IOException {
        assertThatThrownBy(() -> {
            Spec spec = loadText("trainer: {max_epochs: 2}\n" + OPT + "lr_scheduler:\n  class_path: OneCycleLR\n"
                    + "  init_args: {max_lr: 0.1, pct_start: 1.5, total_steps: 10}\n", "batches_per_epoch=4");
            Spec.Entry e = spec.schedules().get(0);
            REGISTRY.build(e.mapping(), e.name(), Optional.empty());
        }).isInstanceOf(InputException.class).hasMessageContaining("config.yaml:8:39:")
                .hasMessageContaining("Expected float between 0 and 1 pct_start, but got 1.5");
    }
}
