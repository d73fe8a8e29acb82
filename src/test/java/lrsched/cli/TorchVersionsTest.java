package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torch.* follow torch 2.x unless --versions torch=1.13 or a spec's versions: {torch: "1.13"} says otherwise. */
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

    @Test
    void multiplicativeLrAtItsMilestoneMultipliesByLambdaZeroInTorch2AndKeepsTheLrIn113() throws IOException {
        Files.writeString(dir.resolve("run.yaml"), SCHEDULE);
        Files.writeString(dir.resolve("old.yaml"), "versions:\n  torch: \"1.13\"\n" + SCHEDULE);
        String torch2 = "step,seq\n0,0.5\n1,0.5\n2,0.25\n3,0.125\n";
        String torch113 = "step,seq\n0,0.5\n1,0.5\n2,0.5\n3,0.25\n";
        assertThat(CliRun.run(dir, "csv", "--spec", "run.yaml", "--steps", "4").out()).isEqualTo(torch2);
        assertThat(CliRun.run(dir, "csv", "--spec", "run.yaml", "--steps", "4", "--versions", "torch=1.13").out())
                .isEqualTo(torch113);
        assertThat(CliRun.run(dir, "csv", "--spec", "old.yaml", "--steps", "4").out()).isEqualTo(torch113);
        assertThat(CliRun.run(dir, "csv", "--spec", "old.yaml", "--steps", "4", "--versions", "torch=2.5").out())
                .as("the command line overrides the spec").isEqualTo(torch2);
    }

    @Test
    void linearLrStartFactorZeroIsRefusedInTorch2Only() throws IOException {
        Files.writeString(dir.resolve("lin.yaml"), "schedules:\n  - {type: torch.LinearLR, lr: 0.1, start_factor: 0}\n");
        CliRun torch2 = CliRun.run(dir, "csv", "--spec", "lin.yaml", "--steps", "1");
        assertThat(torch2.exitCode()).isEqualTo(2);
        assertThat(torch2.err()).contains("Starting multiplicative factor expected to be greater than 0 and less or "
                + "equal to 1.");
        CliRun torch113 = CliRun.run(dir, "csv", "--spec", "lin.yaml", "--steps", "1", "--versions", "torch=1.13");
        assertThat(torch113.exitCode()).as(torch113.err()).isZero();
        assertThat(torch113.out()).isEqualTo("step,torch.LinearLR\n0,0.0\n");
    }
}
