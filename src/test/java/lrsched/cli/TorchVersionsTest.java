package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * torch.* follow the newest torch unless --versions torch=X or a spec's versions: {torch: "X"} names an older release;
 * each difference switches at its own release (compat/torch/TorchChange).
 */
class TorchVersionsTest {
    @TempDir
    Path dir;

    private static final String SCHEDULE = """
            schedules:
              - name: seq
                type: torch.SequentialLR
                lr: 1.0
                milestones: [2]
                schedulers:
                  - {type: torch.ConstantLR, factor: 0.5, total_iters: 4}
                  - {type: torch.MultiplicativeLR, lr_lambda: "0.5"}
            """;

    private static final String MULTIPLIED = "step,seq\n0,0.5\n1,0.5\n2,0.25\n3,0.125\n";
    private static final String KEPT = "step,seq\n0,0.5\n1,0.5\n2,0.5\n3,0.25\n";

    private String csv(String spec, String... more) {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"csv", "--spec", spec, "--steps", "4"}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return CliRun.run(dir, args).out();
    }

    @Test
    void multiplicativeLrAtItsMilestoneKeepsTheLrBeforeTorch29AndMultipliesByLambdaZeroFromIt() throws IOException {
        Files.writeString(dir.resolve("run.yaml"), SCHEDULE);
        Files.writeString(dir.resolve("old.yaml"), "versions:\n  torch: \"2.7\"\n" + SCHEDULE);
        assertThat(csv("run.yaml")).as("the newest torch").isEqualTo(MULTIPLIED);
        assertThat(csv("run.yaml", "--versions", "torch=2.9")).isEqualTo(MULTIPLIED);
        assertThat(csv("run.yaml", "--versions", "torch=2.8")).isEqualTo(KEPT);
        assertThat(csv("run.yaml", "--versions", "torch=1.13")).isEqualTo(KEPT);
        assertThat(csv("old.yaml")).isEqualTo(KEPT);
        assertThat(csv("old.yaml", "--versions", "torch=2.10")).as("the command line overrides the spec")
                .isEqualTo(MULTIPLIED);
    }

    @Test
    void linearLrStartFactorZeroIsRefusedFromTorch20() throws IOException {
        Files.writeString(dir.resolve("lin.yaml"), "schedules:\n  - {type: torch.LinearLR, lr: 0.1, start_factor: 0}\n");
        for (String refusing : new String[] {"2.0", "2.7"}) {
            CliRun run = CliRun.run(dir, "csv", "--spec", "lin.yaml", "--steps", "1", "--versions",
                    "torch=" + refusing);
            assertThat(run.exitCode()).as(refusing).isEqualTo(2);
            assertThat(run.err()).contains("Starting multiplicative factor expected to be greater than 0 and less or "
                    + "equal to 1.");
        }
        assertThat(CliRun.run(dir, "csv", "--spec", "lin.yaml", "--steps", "1").exitCode()).isEqualTo(2);
        CliRun torch113 = CliRun.run(dir, "csv", "--spec", "lin.yaml", "--steps", "1", "--versions", "torch=1.13");
        assertThat(torch113.exitCode()).as(torch113.err()).isZero();
        assertThat(torch113.out()).isEqualTo("step,torch.LinearLR\n0,0.0\n");
    }

    @Test
    void aSchedulesOwnVersionWinsOverTheSpecsAndTheCommandLineForItAndItsChildren() throws IOException {
        String both = SCHEDULE + """
                  - name: old
                    type: torch.SequentialLR
                    version: "2.8"
                    lr: 1.0
                    milestones: [2]
                    schedulers:
                      - {type: torch.ConstantLR, factor: 0.5, total_iters: 4}
                      - {type: torch.MultiplicativeLR, lr_lambda: "0.5"}
                """;
        Files.writeString(dir.resolve("both.yaml"), both);
        Files.writeString(dir.resolve("both-old.yaml"), "versions:\n  torch: \"1.13\"\n" + both);
        String sideBySide = "step,seq,old\n0,0.5,0.5\n1,0.5,0.5\n2,0.25,0.5\n3,0.125,0.25\n";
        assertThat(csv("both.yaml")).isEqualTo(sideBySide);
        assertThat(csv("both.yaml", "--versions", "torch=2.14")).isEqualTo(sideBySide);
        assertThat(csv("both-old.yaml", "--versions", "torch=2.14")).isEqualTo(sideBySide);
        assertThat(csv("both-old.yaml")).as("the spec's 1.13 for seq, its own 2.8 for old")
                .isEqualTo("step,seq,old\n0,0.5,0.5\n1,0.5,0.5\n2,0.5,0.5\n3,0.25,0.25\n");
    }

    @Test
    void aScheduleVersionThatIsNoReleaseOrOnATypeWithoutReleasesIsRefusedWithItsPlace() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"),
                "schedules:\n  - {name: a, type: torch.StepLR, lr: 0.1, step_size: 1, version: banana}\n");
        Files.writeString(dir.resolve("empty.yaml"),
                "schedules:\n  - {name: a, type: torch.StepLR, lr: 0.1, step_size: 1, version: }\n");
        Files.writeString(dir.resolve("hf.yaml"),
                "schedules:\n  - {name: a, type: hf.cosine, lr: 0.1, num_training_steps: 3, version: \"4.45\"}\n");
        assertThat(refusal("bad.yaml")).isEqualTo("lrsched: bad.yaml:2:67: schedule 'a' "
                + "(torch.StepLR): 'banana' is not a version number; write the torch release as numbers, like "
                + "version: \"2.7\"");
        assertThat(refusal("empty.yaml")).isEqualTo("lrsched: empty.yaml:2:66: schedule 'a' "
                + "(torch.StepLR): 'version' is empty; write the torch release as numbers, like version: \"2.7\"");
        assertThat(refusal("hf.yaml")).isEqualTo("lrsched: hf.yaml:2:64: schedule 'a' "
                + "(hf.cosine): 'version' picks the release of torch, ultralytics, deepspeed a schedule follows; "
                + "hf.cosine computes alike in every release, so remove it");
    }

    @Test
    void aBadVersionOnTheCommandLineOrInASpecIsAnsweredWithAReleaseOfThatLibrary() throws IOException {
        Files.writeString(dir.resolve("ok.yaml"), "schedules:\n  - {type: torch.StepLR, lr: 0.1, step_size: 1}\n");
        Files.writeString(dir.resolve("bad.yaml"), "versions: {deepspeed: soon}\n"
                + "schedules:\n  - {type: torch.StepLR, lr: 0.1, step_size: 1}\n");
        assertThat(CliRun.run(dir, "csv", "--spec", "ok.yaml", "--versions", "torch=abc").err())
                .isEqualTo("lrsched: --versions[1]:1:7: 'abc' is not a version number; write e.g. torch=2.7\n");
        assertThat(CliRun.run(dir, "csv", "--spec", "ok.yaml", "--versions", "ultralytics").err())
                .isEqualTo("lrsched: --versions[1]:1:1: 'ultralytics' is not LIB=VERSION; write e.g. --versions "
                        + "ultralytics=8.3\n");
        assertThat(CliRun.run(dir, "csv", "--spec", "ok.yaml", "--versions", "2.7").err())
                .isEqualTo("lrsched: --versions[1]:1:1: '2.7' is not LIB=VERSION; write e.g. --versions "
                        + "transformers=4.45\n");
        assertThat(CliRun.run(dir, "csv", "--spec", "bad.yaml").err())
                .isEqualTo("lrsched: bad.yaml:1:23: 'soon' is not a version number; write e.g. deepspeed: "
                        + "\"0.19.3\"\n");
    }

    private String refusal(String spec) {
        CliRun run = CliRun.run(dir, "csv", "--spec", spec, "--steps", "3");
        assertThat(run.exitCode()).as(spec).isEqualTo(2);
        return run.err().strip();
    }
}
