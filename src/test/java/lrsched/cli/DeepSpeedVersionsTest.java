package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deepspeed.OneCycle follows the newest DeepSpeed (stair counts quantise the cycle, empty or negative halves are
 * refused with DeepSpeed's messages) unless --versions deepspeed=X or a spec's versions: names a release before 0.19.4.
 */
class DeepSpeedVersionsTest {
    @TempDir
    Path dir;

    private static final String STAIRS = """
            schedules:
              - name: c
                type: deepspeed.OneCycle
                cycle_min_lr: 0.0
                cycle_max_lr: 1.0
                cycle_first_step_size: 4
                cycle_first_stair_count: 2
            """;

    @Test
    void stairCountsQuantiseTheCycleFrom0194AndAreIgnoredBefore() throws IOException {
        Files.writeString(dir.resolve("run.yaml"), STAIRS);
        Files.writeString(dir.resolve("old.yaml"), "versions:\n  deepspeed: \"0.19.3\"\n" + STAIRS);
        String stairs = "step,c\n0,0.0\n1,0.0\n2,0.5\n3,0.5\n4,1.0\n5,0.5\n";
        String continuous = "step,c\n0,0.0\n1,0.25\n2,0.5\n3,0.75\n4,1.0\n5,0.75\n";
        assertThat(CliRun.run(dir, "csv", "--spec", "run.yaml", "--steps", "6").out()).isEqualTo(stairs);
        assertThat(CliRun.run(dir, "csv", "--spec", "old.yaml", "--steps", "6").out()).isEqualTo(continuous);
        assertThat(CliRun.run(dir, "csv", "--spec", "run.yaml", "--steps", "6", "--versions", "deepspeed=0.18.9")
                .out()).isEqualTo(continuous);
        assertThat(CliRun.run(dir, "csv", "--spec", "old.yaml", "--steps", "6", "--versions", "deepspeed=0.19.4")
                .out()).as("the command line overrides the spec").isEqualTo(stairs);
    }

    @Test
    void aNegativeHalfIsRefusedWithDeepSpeedsMessageFrom0194AndWithLrschedsBefore() throws IOException {
        Files.writeString(dir.resolve("neg.yaml"), "schedules:\n  - {type: deepspeed.OneCycle, cycle_min_lr: 0.1, "
                + "cycle_max_lr: 1, cycle_first_step_size: -4, cycle_second_step_size: 8}\n");
        CliRun newest = CliRun.run(dir, "csv", "--spec", "neg.yaml", "--steps", "2");
        assertThat(newest.exitCode()).isEqualTo(2);
        assertThat(newest.err()).contains("cycle_first_step_size must be positive, got -4.0");
        CliRun old = CliRun.run(dir, "csv", "--spec", "neg.yaml", "--steps", "2", "--versions", "deepspeed=0.19.3");
        assertThat(old.exitCode()).isEqualTo(2);
        assertThat(old.err()).contains("cycle_first_step_size must be >= 0, not -4 (DeepSpeed before 0.19.4 computes "
                + "a distorted cycle)");
    }
}
