package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import lrsched.input.formats.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain, import and the --run / --as options, through the real command line. */
class ExplainImportTest {
    @TempDir
    Path dir;

    private static final String RUN = """
            training:
              dataset_size: 52000
              num_devices: 4
              gradient_accumulation_steps: 8
              warmup_ratio: 0.03
            schedules:
              - type: hf.linear
                lr: 5e-5
              - {type: torch.StepLR, lr: 0.1, step_size: 30, stepping: epoch, steps_per_epoch: 204}
            """;

    @Test
    void explainShowsTheTrainersArithmeticAndWhereEveryParameterCameFrom() throws IOException {
        Files.writeString(dir.resolve("run.yaml"), RUN);
        CliRun r = CliRun.run(dir, "explain", "--spec", "run.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 52000 / 8 per device = 6500 batches, / 4 devices = 1625 per device; / 8 accumulation = 203.1 -> 204
        // updates per epoch; 3 epochs -> 612; warmup ceil(612 x 0.03) = ceil(18.36) = 19
        assertThat(r.out()).isEqualTo("""
                run.yaml: read as lrsched spec (lrsched)
                  batches per device per epoch  1625  ceil(ceil(52000 / 8) / 4)
                  updates per epoch             204   max(ceil(1625 / 8), 1)
                  num_training_steps            612   ceil(3 x 204)
                  num_warmup_steps              19    ceil(612 x 0.03)
                  steps                         612   rows 0..611
                schedule 'hf.linear': linear warmup from 0, then linear decay to 0 at N
                  lr                  5e-05  from run.yaml:8:9
                  num_warmup_steps    19     from run.yaml:2:3
                  num_training_steps  612    from run.yaml:2:3
                schedule 'torch.StepLR': multiply by gamma every step_size steps
                  lr               0.1      from run.yaml:9:30
                  step_size        30       from run.yaml:9:46
                  gamma            0.1      default
                  last_epoch       -1       default
                  verbose          ignored  default
                  stepping         epoch    run option, from run.yaml:9:60
                  steps_per_epoch  204      run option, from run.yaml:9:84
                """);
    }

    @Test
    void theImportedSpecGivesTheSameBytesAsTheFileItCameFrom() throws IOException {
        Files.writeString(dir.resolve("run.yaml"), RUN);
        CliRun imported = CliRun.run(dir, "import", "--spec", "run.yaml", "--set", "torch.StepLR.gamma=0.5");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("# from run.yaml (lrsched spec) by lrsched 0.1.0\nsteps: 612\n")
                .contains("  - name: hf.linear\n    type: hf.linear\n    lr: 5e-5\n")
                .contains("    gamma: 0.5\n");
        Files.writeString(dir.resolve("imported.yaml"), imported.out());
        CliRun fromFile = CliRun.run(dir, "csv", "--spec", "run.yaml", "--set", "torch.StepLR.gamma=0.5");
        CliRun fromImport = CliRun.run(dir, "csv", "--spec", "imported.yaml");
        assertThat(fromImport.exitCode()).as(fromImport.err()).isZero();
        assertThat(fromImport.out()).isEqualTo(fromFile.out()).hasLineCount(613);
    }

    @Test
    void runFactsAreCheckedAndMustBeUsed() {
        CliRun unused = CliRun.run(dir, "csv", "-s", "type=constant,lr=1", "--steps", "2", "--run",
                "dataset_size=52000");
        assertThat(unused.exitCode()).isEqualTo(2);
        assertThat(unused.err()).isEqualTo("lrsched: --run[1]:1:14: dataset_size is not used: no file given here "
                + "needs it (lrsched explain shows what each file reads); remove it\n");
        CliRun typo = CliRun.run(dir, "csv", "-s", "type=constant,lr=1", "--steps", "2", "--run", "datset_size=5");
        assertThat(typo.err()).isEqualTo("lrsched: --run[1]:1:1: unknown run fact 'datset_size'; did you mean "
                + "'dataset_size'? (the facts are dataset_size, num_devices, batches_per_epoch, num_updates)\n");
        CliRun zero = CliRun.run(dir, "csv", "-s", "type=constant,lr=1", "--steps", "2", "--run", "num_devices=0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).startsWith("lrsched: --run[1]:1:13: num_devices takes a whole number > 0");
        CliRun twice = CliRun.run(dir, "csv", "-s", "type=constant,lr=1", "--steps", "2", "--run", "num_devices=2",
                "--run", "num_devices=4");
        assertThat(twice.err()).isEqualTo("lrsched: --run[2]:1:1: 'num_devices' is given twice (also at "
                + "--run[1]:1:1); keep only one\n");
    }

    @Test
    void anUnknownFormatIsRefusedWithTheFormatsThereAre() throws IOException {
        Files.writeString(dir.resolve("run.yaml"), RUN);
        CliRun r = CliRun.run(dir, "csv", "--spec", "run.yaml", "--as", "lrshed");
        assertThat(r.exitCode()).isEqualTo(2);
        // the list grows with every format registered in Formats.standard()
        assertThat(r.err()).startsWith("lrsched: --as: unknown format 'lrshed'; did you mean 'lrsched'? (the formats "
                + "are lrsched").endsWith(")\n");
        assertThat(CliRun.run(dir, "csv", "--spec", "run.yaml", "--as", "lrsched", "--steps", "2").exitCode())
                .isZero();
    }

    @Test
    void versionsSelectAnOlderReleasesArithmetic() throws IOException {
        Files.writeString(dir.resolve("train.yaml"), "per_device_train_batch_size: 8\ngradient_accumulation_steps: 8\n"
                + "warmup_ratio: 0.03\n");
        CliRun newest = CliRun.run(dir, "explain", "--spec", "train.yaml", "--run", "dataset_size=52000,num_devices=4");
        assertThat(newest.out()).contains("updates per epoch             204   max(ceil(1625 / 8), 1)");
        CliRun old = CliRun.run(dir, "explain", "--spec", "train.yaml", "--run", "dataset_size=52000,num_devices=4",
                "--versions", "transformers=4.45");
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.out()).contains("updates per epoch             203    max(floor(1625 / 8), 1)");
        CliRun torch = CliRun.run(dir, "csv", "--spec", "train.yaml", "--run", "dataset_size=52000",
                "--versions", "torch=1.13");
        assertThat(torch.exitCode()).as(torch.err()).isZero();
        CliRun unknown = CliRun.run(dir, "csv", "--spec", "train.yaml", "--run", "dataset_size=52000",
                "--versions", "jax=0.4");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("lrsched: --versions[1]:1:1: no format reads versions of 'jax' (the "
                + "libraries are transformers, torch, ultralytics, deepspeed)\n");
    }
}
