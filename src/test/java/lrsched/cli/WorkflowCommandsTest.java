package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stats, check and lint through the real command line, with hand-computed expectations. */
class WorkflowCommandsTest {
    @TempDir
    Path dir;

    @Test
    void statsOfALinearRampAreExact() {
        // linear from 1 at step 0 to 0 at step 4, steps 0..4: 1, .75, .5, .25, 0 -> sum 2.5, mean 0.5
        CliRun r = CliRun.run(dir, "stats", "-s", "type=linear,lr=1,total=4", "--steps", "5", "--format", "csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("schedule,peak,peak_step,first,last,min,min_step,mean,sum,warmup_end,restarts,"
                + "steps\nlinear,1.0,0,1.0,0.0,0.0,4,0.5,2.5,,0,5\n");
    }

    @Test
    void statsCountRestartsAndWarmupEndAsJson() {
        // cosine restarts with period 10 over 35 steps: rises at 10, 20, 30 -> 3 restarts; warmup 5
        CliRun r = CliRun.run(dir, "stats", "-s", "type=cosine_restarts,lr=1,period=10,warmup=5", "--steps", "40",
                "--format", "json");
        assertThat(r.out()).contains("\"warmup_end\":5").contains("\"restarts\":3").contains("\"peak\":1.0")
                .contains("\"peak_step\":5").startsWith("[{").endsWith("}]\n");
    }

    @Test
    void statsTableIsAlignedForTerminals() {
        CliRun r = CliRun.run(dir, "stats", "-s", "name=a,type=constant,lr=0.5", "-s",
                "name=longer name,type=constant,lr=2", "--steps", "3");
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("schedule     peak");
        // one format per column: 0.5 and 2.0, right-aligned
        assertThat(lines[1].indexOf("0.5")).isEqualTo(lines[2].indexOf("2.0"));
    }

    @Test
    void checkPassesDriftsAndUpdates() throws IOException {
        String spec = "type=step,lr=1,step_size=2,gamma=0.5";
        CliRun missing = CliRun.run(dir, "check", "-s", spec, "--steps", "4", "--against", "snap.csv");
        assertThat(missing.exitCode()).isEqualTo(2);
        CliRun update = CliRun.run(dir, "check", "-s", spec, "--steps", "4", "--against", "snap.csv", "--update");
        assertThat(update.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("snap.csv"))).isEqualTo("step,step\n0,1.0\n1,1.0\n2,0.5\n3,0.5\n");
        CliRun same = CliRun.run(dir, "check", "-s", spec, "--steps", "4", "--against", "snap.csv");
        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).isEqualTo("snap.csv: 1 curve matches over 4 steps\n");
        CliRun drift = CliRun.run(dir, "check", "-s", spec, "--set", "gamma=0.25", "--steps", "4", "--against",
                "snap.csv");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.err()).isEqualTo("lrsched: snap.csv: schedule 'step' drifted: first at step 2: expected 0.5, "
                + "actual 0.25; largest deviation 0.25 at step 2; 2 of 4 steps differ\n");
        CliRun tolerant = CliRun.run(dir, "check", "-s", spec, "--set", "gamma=0.25", "--steps", "4", "--against",
                "snap.csv", "--atol", "0.3");
        assertThat(tolerant.exitCode()).isZero();
        CliRun renamed = CliRun.run(dir, "check", "-s", "name=other," + spec, "--steps", "4", "--against", "snap.csv");
        assertThat(renamed.exitCode()).isEqualTo(1);
        assertThat(renamed.err()).contains("schedule 'other' is new").contains("column 'step' of the snapshot has no "
                + "schedule");
        CliRun shorter = CliRun.run(dir, "check", "-s", spec, "--steps", "3", "--against", "snap.csv");
        assertThat(shorter.err()).contains("the snapshot has 4 rows, the spec selects 3 steps");
    }

    @Test
    void checkRefusesSomethingThatIsNotASnapshot() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "time,x\n0,1\n");
        CliRun r = CliRun.run(dir, "check", "-s", "type=constant,lr=1", "--steps", "1", "--against", "bad.csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: bad.csv:1:1: not an lrsched CSV: the header must start with 'step'\n");
    }

    @Test
    void lintIsQuietForACleanScheduleAndExitsZero() {
        CliRun r = CliRun.run(dir, "lint", "-s", "type=cosine,lr=1,total=100,warmup=10,warmup_from=0.1", "--steps",
                "100");
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void lintWarnsAboutACutDecayAndRisingAfterTheEndAndNotesAZeroFirstStep() {
        CliRun cut = CliRun.run(dir, "lint", "-s", "type=cosine,lr=1,total=100,warmup=10", "--steps", "50");
        assertThat(cut.exitCode()).isEqualTo(1);
        assertThat(cut.out()).isEqualTo("cosine: step 0: note [zero-start]: the learning rate is 0, so the first "
                + "update does nothing (a warmup that starts at 0, as the library does); start the warmup above 0 "
                + "if that update should count\n"
                + "cosine: step 49: warning [decay-cut]: the selection ends before the schedule does (at step 100): "
                + "the decay is cut short; select steps up to 99\n");
        CliRun rises = CliRun.run(dir, "lint", "-s",
                "type=hf.cosine,lr=1,num_warmup_steps=0,num_training_steps=10", "--steps", "15");
        assertThat(rises.out()).contains("hf.cosine: step 11: warning [rises-after-end]: the learning rate rises "
                + "again after the schedule's end (step 10, LR 0.0)");
    }

    @Test
    void notesAloneExitZeroUnlessStrict() {
        String[] warmupFromZero = {"lint", "-s", "type=hf.linear,lr=1,num_warmup_steps=10,num_training_steps=100",
            "--steps", "100"};
        CliRun notes = CliRun.run(dir, warmupFromZero);
        assertThat(notes.out()).startsWith("hf.linear: step 0: note [zero-start]: ").hasLineCount(1);
        assertThat(notes.exitCode()).isZero();
        String[] strict = java.util.Arrays.copyOf(warmupFromZero, warmupFromZero.length + 1);
        strict[warmupFromZero.length] = "--strict";
        assertThat(CliRun.run(dir, strict).exitCode()).isEqualTo(1);
    }

    @Test
    void ignoreAndSelectPickRulesById() {
        String spec = "type=cosine,lr=1,total=100,warmup=10";
        CliRun ignored = CliRun.run(dir, "lint", "-s", spec, "--steps", "50", "--ignore", "decay-cut");
        assertThat(ignored.exitCode()).isZero();
        assertThat(ignored.out()).contains("[zero-start]").doesNotContain("[decay-cut]");
        CliRun selected = CliRun.run(dir, "lint", "-s", spec, "--steps", "50", "--select", "zero-start,decay-cut",
                "--ignore", "zero-start");
        assertThat(selected.out()).contains("[decay-cut]").hasLineCount(1);
        CliRun typo = CliRun.run(dir, "lint", "-s", spec, "--ignore", "decay_cut");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("lrsched: --ignore: no rule 'decay_cut'; did you mean 'decay-cut'?; the "
                + "rules are refused-steps, zero-start, warmup-as-long-as-run, warmup-past-selection, decay-cut, "
                + "rises-after-end, warmup-jump\n");
    }

    @Test
    void aRunOfZeroStepsIsOneFindingNamingThemAll() {
        // DeepSpeed's WarmupDecayLR sets update 0 to warmup_min_lr and the engine steps after each update: rows 0
        // and 1 are both warmup_min_lr = 0
        CliRun r = CliRun.run(dir, "lint", "-s", "type=deepspeed.WarmupDecayLR,total_num_steps=100,warmup_max_lr=1,"
                + "warmup_num_steps=10", "--steps", "100");
        assertThat(r.out()).isEqualTo("deepspeed.WarmupDecayLR: step 0: note [zero-start]: the learning rate is 0, "
                + "so the first 2 updates (steps 0 to 1) do nothing (a warmup that starts at 0, as the library does); "
                + "start the warmup above 0 if they should count\n");
    }

    @Test
    void lintFindsTimmsJumpAtWarmupEnd() {
        // timm warmup_prefix=False: warmup at t=49 is 0.001 + 49 * (0.1 - 0.001) / 50 = 0.09802; at t=50 the cosine
        // runs on the raw t: 0.5 * 0.1 * (1 + cos(pi * 50 / 100)) = 0.05
        CliRun r = CliRun.run(dir, "lint", "-s", "type=timm.CosineLRScheduler,lr=0.1,t_initial=100,warmup_t=50,"
                + "warmup_lr_init=0.001", "--steps", "100");
        assertThat(r.out()).contains("timm.CosineLRScheduler: step 50: note [warmup-jump]: the learning rate jumps "
                + "at the end of the warmup, from 0.09802 to 0.05");
    }

    @Test
    void statsShowsTheRunArithmeticAboveItsTable() throws IOException {
        Files.writeString(dir.resolve("t.yaml"), "training: {dataset_size: 52000, per_device_batch_size: 8, "
                + "num_devices: 4, num_train_epochs: 3, gradient_accumulation_steps: 2, warmup_ratio: 0.03}\n"
                + "schedules:\n  - {type: hf.cosine, lr: 3e-4}\n");
        CliRun r = CliRun.run(dir, "stats", "--spec", "t.yaml");
        // 52000 / 8 = 6500 batches, / 4 devices = 1625 each; 813 updates of 2 batches; 3 epochs = 2439; 3% = 74
        assertThat(r.out()).startsWith("""
                t.yaml:
                  batches per device per epoch  1625  ceil(ceil(52000 / 8) / 4)
                  updates per epoch             813   max(ceil(1625 / 2), 1)
                  num_training_steps            2439  ceil(3 x 813)
                  num_warmup_steps              74    ceil(2439 x 0.03)
                  steps                         2439  rows 0..2438

                schedule """);
        assertThat(CliRun.run(dir, "stats", "--spec", "t.yaml", "--format", "csv").out()).startsWith("schedule,");
    }

    @Test
    void trainingBlockFillsHfLengthsAndTheStepCount() throws IOException {
        Files.writeString(dir.resolve("t.yaml"), "training: {dataset_size: 100, warmup_ratio: 0.1}\n"
                + "schedules:\n  - {type: hf.linear, lr: 1.0}\n  - {type: constant, lr: 1.0}\n");
        // 39 updates (see TrainingRunTest), warmup ceil(3.9) = 4: step 2 is 2/4, step 4 is (39-4)/(39-4)
        CliRun r = CliRun.run(dir, "csv", "--spec", "t.yaml", "--at", "2,4,38");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("step,hf.linear,constant\n2,0.5,1.0\n4,1.0,1.0\n38,0.02857142857142857,1.0\n");
        assertThat(CliRun.run(dir, "csv", "--spec", "t.yaml").out().lines().count()).isEqualTo(40);
    }

    @Test
    void epochSteppingAndProcessCountMapUpdatesToTheSchedulersCounter() throws IOException {
        // StepLR stepped per epoch of 3 updates: epochs 0,0,0,1,1,1,2 -> decays (step_size 2) at update 6
        CliRun epochs = CliRun.run(dir, "csv", "-s", "type=torch.StepLR,lr=1,step_size=2,gamma=0.5,stepping=epoch,"
                + "steps_per_epoch=3", "--at", "5,6");
        assertThat(epochs.out()).isEqualTo("step,torch.StepLR\n5,1.0\n6,0.5\n");
        Files.writeString(dir.resolve("p.yaml"), "num_processes: 4\nschedules: [{type: linear, lr: 1, total: 100}]\n");
        CliRun processes = CliRun.run(dir, "csv", "--spec", "p.yaml", "--at", "5,25");
        assertThat(processes.out()).isEqualTo("step,linear\n5,0.8\n25,0.0\n");
        CliRun missing = CliRun.run(dir, "csv", "-s", "type=constant,lr=1,stepping=epoch", "--steps", "2");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("steps_per_epoch: is needed with stepping: epoch");
    }

    @Test
    void hugeRangesAreRefusedBeforeAnyWorkInCommandsThatEvaluateEveryStep() {
        for (String command : new String[] {"plot", "stats", "lint"}) {
            // a formula names no monotone pieces, so even plot would evaluate every step
            String spec = command.equals("plot") ? "type=expr,formula=1/(1+step)"
                    : "type=cosine,lr=1,total=1000000000000";
            CliRun r = CliRun.run(dir, command, "-s", spec, "--steps", "1000000000000");
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err()).isEqualTo("lrsched: " + command + " evaluates every selected step, and "
                    + "1,000,000,000,000 steps is more than its 100,000,000; thin them out with --every 10000 (or a "
                    + "larger K)\n");
        }
        CliRun thinned = CliRun.run(dir, "stats", "-s", "type=cosine,lr=1,total=1000000000000", "--steps",
                "1000000000000", "--every", "100000");
        assertThat(thinned.exitCode()).isZero();
    }

    @Test
    void plotTakesAHugeRangeOfASchedulesWithMonotonePiecesWithoutEvaluatingEveryStep() {
        CliRun r = CliRun.run(dir, "plot", "-s", "type=cosine,lr=1,warmup=1000,total=1000000000000", "--steps",
                "1000000000000", "-o", "huge.png");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("huge.png")).exists();
    }

    @Test
    void plotRefusesAHugeRangeOfACurveThatTurnsAtEveryStepAfterBoundedWorkAndWritesNothing() throws Exception {
        // a rising factor times a falling one: a piece per step, so the pieces save nothing over 10^12 steps
        java.nio.file.Files.writeString(dir.resolve("mixed.yaml"), String.join("\n",
                "schedules:",
                "  - {name: fine, type: cosine, lr: 1, total: 1000000000000}",
                "  - name: mixed",
                "    type: product",
                "    schedules:",
                "      - {type: cosine, lr: 1, total: 1000000000000}",
                "      - {type: linear, lr: 0.001, min_lr: 1, total: 1000000000000}",
                ""));
        CliRun r = CliRun.run(dir, "plot", "--spec", "mixed.yaml", "--steps", "1000000000000", "-o", "mixed.png");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: schedule 'mixed': its monotone pieces are too short to chart "
                + "1,000,000,000,000 steps (it turns at nearly every step there), and plot evaluates at most "
                + "100,000,000 steps one by one; thin them out with --every 10000 (or a larger K)\n");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("mixed.yaml");
        }
    }

    @Test
    void statsOfHugeValuesHaveAFiniteMeanAndAnInfiniteSumNeverNaN() {
        // 1000 x 1e308 is beyond the largest double: the sum is infinite, the mean is 1e308
        CliRun r = CliRun.run(dir, "stats", "-s", "type=constant,lr=1e308", "--steps", "1000", "--format", "json");
        assertThat(r.out()).contains("\"mean\":1e+308,\"sum\":\"Infinity\"").doesNotContain("NaN");
        CliRun table = CliRun.run(dir, "stats", "-s", "type=constant,lr=1e308", "--steps", "1000");
        assertThat(table.out()).doesNotContain("NaN");
    }

    @Test
    void aSnapshotHoldingInfinityOrNaNNeverPasses() throws IOException {
        for (String bad : new String[] {"Infinity", "-Infinity", "NaN"}) {
            Files.writeString(dir.resolve("snap.csv"), "step,constant\n0," + bad + "\n");
            CliRun r = CliRun.run(dir, "check", "-s", "type=constant,lr=1", "--steps", "1", "--against", "snap.csv",
                    "--rtol", "1e300");
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err()).isEqualTo("lrsched: snap.csv:2:1: '" + bad + "' is not a finite number, and lrsched "
                    + "writes none: the snapshot was edited or damaged; rewrite it with lrsched check --update\n");
        }
    }
}
