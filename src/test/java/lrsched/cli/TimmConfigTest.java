package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** timm train.py configs through the command line: the examples, explain, and every refusal in one line. */
class TimmConfigTest {
    @TempDir
    Path dir;

    private static final Path EXAMPLES = Path.of("examples/configs").toAbsolutePath();

    private CliRun run(String config, String... args) throws IOException {
        return ConfigCli.csv(dir, "args.yaml", config, args);
    }

    @Test
    void theResNetExampleComputesLrFromLrBaseAndStepsPerEpoch() {
        CliRun r = CliRun.run(EXAMPLES, "csv", "--spec", "timm-resnet50.yaml", "--run",
                "batches_per_epoch=1251,num_devices=8", "--at", "0,6254,6255,118844");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // lr = 0.1 x (128 x 8) / 256 = 0.4; warmup 5 epochs of 1251 updates from 1e-5, held within each epoch
        // (epoch 4: 1e-5 + 4 x (0.4 - 1e-5) / 5); epoch 5 jumps to the cosine at t = 5 of 90 (no warmup_prefix):
        // 1e-6 + 0.5 x (0.4 - 1e-6) x (1 + cos(pi x 5 / 90))
        assertThat(r.out()).isEqualTo("step,timm.CosineLRScheduler\n0,1e-05\n6254,0.320002\n"
                + "6255,0.39696155819856516\n118844,1e-06\n");
    }

    @Test
    void theVitExampleStepsPerUpdateWithThePrefixedWarmup() {
        CliRun r = CliRun.run(EXAMPLES, "csv", "--spec", "timm-vit-on-updates.yaml", "--run",
                "batches_per_epoch=625", "--at", "0,939,10328");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("step,timm.CosineLRScheduler\n0,1e-06\n939,0.001\n10328,1.000");
        CliRun all = CliRun.run(EXAMPLES, "csv", "--spec", "timm-vit-on-updates.yaml", "--run",
                "batches_per_epoch=625");
        assertThat(all.out()).hasLineCount(1 + 33 * 313);
    }

    @Test
    void explainShowsTheDerivedNumbersWithTheirRounding() {
        CliRun r = CliRun.run(EXAMPLES, "explain", "--spec", "timm-resnet50.yaml", "--run",
                "batches_per_epoch=1251,num_devices=8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("read as timm train.py config (args.yaml) (timm)",
                "  lr_base_scale      linear  opt 'sgd' contains neither 'ada' nor 'lamb'\n",
                "  global batch size  1024    128 batch_size x 8 devices x 1 grad_accum_steps\n",
                "  lr                 0.4     0.1 x 1024 / 256\n",
                "  num_epochs         95      90 x 1 cycles + 5 cooldown\n",
                "  num_updates_total  118845  95 epochs x 1251 updates per epoch\n",
                "ignored (no effect on the learning rate): pretrained, num_classes",
                "  cycle_decay      0.5      from train.py's default\n",
                "  lr               0.4      from timm-resnet50.yaml:12:10\n");
    }

    @Test
    void plateauIsRefusedItNeedsTheEvalMetric() throws IOException {
        CliRun r = run("model: r\nsched: plateau\nepochs: 5\nlr: 0.1\n", "--run", "batches_per_epoch=3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: args.yaml:2:8: sched: plateau lowers the LR when the eval metric "
                + "stops improving, which a config cannot know; lrsched supports cosine, tanh, step, multistep, "
                + "poly\n");
    }

    @Test
    void anUnknownSchedulerIsNamedWithTheSupportedOnes() throws IOException {
        CliRun r = run("model: r\nsched: cosin\nepochs: 5\nlr: 0.1\n", "--run", "batches_per_epoch=3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: args.yaml:2:8: sched: unknown scheduler 'cosin'; did you mean "
                + "'cosine'? (timm's create_scheduler_v2 builds none, and train.py fails); lrsched supports cosine, "
                + "tanh, step, multistep, poly\n");
    }

    @Test
    void lrNoiseIsRefusedItNeedsTorchsGenerator() throws IOException {
        CliRun r = run("model: r\nsched: cosine\nepochs: 5\nlr: 0.1\nlr_noise: [0.4, 0.9]\n", "--run",
                "batches_per_epoch=3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("lrsched: args.yaml:5:11: lr_noise: timm draws LR noise from torch's random "
                + "generator");
    }

    @Test
    void theBatchesPerEpochAreAFactTheFileCannotKnow() throws IOException {
        CliRun r = run("model: r\nsched: cosine\nepochs: 5\nlr: 0.1\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: args.yaml: the updates per epoch needs the number of batches per "
                + "epoch: add --run batches_per_epoch=N\n");
    }

    @Test
    void lrFromLrBaseNeedsTheNumberOfDevices() throws IOException {
        CliRun r = run("model: r\nsched: cosine\nepochs: 5\nlr: null\n", "--run", "batches_per_epoch=3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: args.yaml:4:5: lr: null (computed from lr_base with the global "
                + "batch size) needs the number of devices: add --run num_devices=N\n");
        // with lr given, the number of devices changes nothing and is refused as unused
        CliRun unused = run("model: r\nsched: cosine\nepochs: 5\nlr: 0.1\n", "--run",
                "batches_per_epoch=3,num_devices=2");
        assertThat(unused.exitCode()).isEqualTo(2);
        assertThat(unused.err()).contains("num_devices is not used");
    }

    @Test
    void malformedValuesAreRefusedWhereTheyStand() throws IOException {
        CliRun r = run("model: r\nsched: step\nepochs: ten\nlr: 0.1\n", "--run", "batches_per_epoch=3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: args.yaml:3:9: epochs takes a whole number, not the text 'ten'\n");
        CliRun list = run("model: r\nsched: multistep\nepochs: 5\nlr: 0.1\ndecay_milestones: 3\n", "--run",
                "batches_per_epoch=3");
        assertThat(list.err()).isEqualTo("lrsched: args.yaml:5:19: decay_milestones takes a list of whole numbers, "
                + "not the number 3\n");
    }

    @Test
    void valuesTimmRejectsAreRefusedWithTimmsReason() throws IOException {
        CliRun tanh = run("model: r\nsched: tanh\nepochs: 5\nlr: 0.1\nwarmup_lr: -1\n", "--run",
                "batches_per_epoch=3");
        assertThat(tanh.exitCode()).isEqualTo(2);
        assertThat(tanh.err()).isEqualTo("lrsched: args.yaml:5:12: schedule 'timm.TanhLRScheduler': "
                + "warmup_lr_init: AssertionError (timm asserts warmup_lr_init >= 0)\n");
        CliRun minLr = run("model: r\nsched: cosine\nepochs: 5\nlr: 0.1\nmin_lr: -0.1\n", "--run",
                "batches_per_epoch=3");
        assertThat(minLr.exitCode()).isEqualTo(2);
        assertThat(minLr.err()).startsWith("lrsched: args.yaml:5:9: schedule 'timm.CosineLRScheduler': "
                + "lr_min");
        CliRun none = run("model: r\nsched: cosine\nepochs: 0\nlr: 0.1\n", "--run", "batches_per_epoch=3");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("lrsched: args.yaml:3:9: epochs:");
    }

    @Test
    void theImportedSpecGivesTheSameCurve() throws IOException {
        Files.copy(EXAMPLES.resolve("timm-resnet50.yaml"), dir.resolve("r50.yaml"));
        CliRun imported = CliRun.run(dir, "import", "--spec", "r50.yaml", "--run",
                "batches_per_epoch=40,num_devices=2");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        Files.writeString(dir.resolve("spec.yaml"), imported.out());
        CliRun fromSpec = CliRun.run(dir, "csv", "--spec", "spec.yaml");
        CliRun fromConfig = CliRun.run(dir, "csv", "--spec", "r50.yaml", "--run", "batches_per_epoch=40,"
                + "num_devices=2");
        assertThat(fromSpec.exitCode()).as(fromSpec.err()).isZero();
        assertThat(fromSpec.out()).isEqualTo(fromConfig.out()).hasLineCount(1 + 95 * 40);
    }

    @Test
    void yamlOneOneBooleansAreReadAsPyYamlReadsThem() throws IOException {
        // sched_on_updates: yes is True for train.py's yaml.safe_load: 2 epochs x 2 updates, stepped per update
        CliRun r = run("model: r\nsched: cosine\nepochs: 2\nlr: 0.1\nsched_on_updates: yes\nwarmup_epochs: 0\n",
                "--run", "batches_per_epoch=2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 0.5 (1 + cos(pi t / 4)) x 0.1 for t = 0..3
        assertThat(r.out()).isEqualTo("step,timm.CosineLRScheduler\n0,0.1\n1,0.08535533905932738\n2,0.05\n"
                + "3,0.014644660940672627\n");
    }

    @Test
    void lrFromLrBaseWithScheduledBatchSizesIsRefused() throws IOException {
        CliRun r = run("model: r\nsched: cosine\nepochs: 2\nlr: null\ntrain_img_sizes: [160, 224]\n", "--run",
                "batches_per_epoch=2,num_devices=1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("lrsched: args.yaml:5:18: train_img_sizes: train.py scales lr_base by the "
                + "scheduled loader's policy-average batch size");
        // with lr given, the scheduled sizes only change the loader's length: batches_per_epoch
        assertThat(run("model: r\nsched: cosine\nepochs: 2\nlr: 0.1\ntrain_img_sizes: [160, 224]\n", "--run",
                "batches_per_epoch=2").exitCode()).isZero();
    }
}
