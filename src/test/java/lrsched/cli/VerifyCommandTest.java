package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lrsched verify} on logs of real torch schedulers stepped correctly and in each known faulty way
 * (src/tools/golden/verify_faults.py wrote them; the fault of each is in its name), and on bad input.
 */
class VerifyCommandTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/verify").toAbsolutePath();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource(delimiter = '|', value = {
        "warmup_cosine | ok      | 0 | follows the plan: all 48 logged values match",
        "warmup_cosine | k2      | 1 | explained by: stepped 2 times per update: the LR of update u is the plan's at 2u",
        "warmup_cosine | k4      | 1 | explained by: stepped 4 times per update",
        "warmup_cosine | epoch7  | 1 | explained by: stepped once per epoch (every 7 updates)",
        "warmup_cosine | restart | 1 | explained by: restarted at update 97",
        "warmup_cosine | ahead   | 1 | explained by: one update ahead",
        "warmup_cosine | behind  | 1 | explained by: one update behind",
        "warmup_cosine | other   | 1 | no known fault explains it",
        "step          | ok      | 0 | follows the plan",
        "step          | k2      | 1 | explained by: stepped 2 times per update",
        "step          | k4      | 1 | explained by: stepped 4 times per update",
        "step          | epoch7  | 1 | explained by: stepped once per epoch (every 7 updates)",
        "step          | restart | 1 | explained by: restarted at update 97",
        "step          | ahead   | 1 | explained by: one update ahead",
        "step          | behind  | 1 | explained by: one update behind",
        "step          | other   | 1 | no known fault explains it",
    })
    void namesTheFaultThatExplainsTheWholeLog(String plan, String fault, int exit, String expected) {
        CliRun r = CliRun.run(GOLDEN, "verify", "--spec", plan + ".yaml", "--log", plan + "." + fault + ".csv");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).as(r.out()).isEqualTo(exit);
        assertThat(r.out()).contains(expected);
    }

    @Test
    void aFailedCheckShowsTheFirstDifferenceWithBothValues() {
        CliRun r = CliRun.run(GOLDEN, "verify", "--spec", "step.yaml", "--log", "step.k2.csv");
        // StepLR(lr=0.1, step_size=30, gamma=0.5) stepped twice per update halves at update 15, logged every 5:
        // at update 225 it is 0.1 * 0.5^15 against the plan's 0.1 * 0.5^7
        assertThat(r.out()).isEqualTo("""
                log step.k2.csv: 48 values at updates 0 to 235
                schedule 'step': does NOT follow the plan: 45 of 48 logged values differ (within 5e-06 relative)
                  first difference: update 15: logged 0.05, planned 0.1 (-50.0%)
                  largest difference: update 225: logged 3.051758e-06, planned 0.00078125 (-99.6%)
                  explained by: stepped 2 times per update: the LR of update u is the plan's at 2u
                  likely cause: the scheduler was stepped once per process with 2 processes (accelerate prepares \
                schedulers that way unless the step counts are multiplied by the number of processes), or once per \
                micro-batch with 2 gradient-accumulation steps
                """);
    }

    @Test
    void eachScheduleOfAPlanIsCheckedAgainstItsOwnColumn() throws IOException {
        write("plan.yaml", """
                steps: 10
                schedules:
                  - {name: body, type: constant, lr: 0.1}
                  - {name: head, type: constant, lr: 0.5}
                """);
        write("log.csv", "step,lr-SGD/pg1,lr-SGD/pg2\n0,0.1,0.5\n5,0.1,0.25\n");
        CliRun r = CliRun.run(dir, "verify", "--spec", "plan.yaml", "--log", "log.csv", "--log-column",
                "body=lr-SGD/pg1", "--log-column", "head=lr-SGD/pg2");
        assertThat(r.exitCode()).isEqualTo(Cli.FAILURE);
        assertThat(r.out()).contains("schedule 'body': follows the plan")
                .contains("schedule 'head': does NOT follow the plan: 1 of 2 logged values differ");
    }

    @Test
    void aLogWithSeveralLearningRatesIsAnsweredWithVerifysOwnOption() {
        // kohya logs one tag per parameter group; the log reader's message names plot's --overlay-value
        Path logs = Path.of("src/test/resources/golden/logs/tensorboard").toAbsolutePath();
        CliRun r = CliRun.run(logs, "verify", "-s", "type=torch.CosineAnnealingLR,lr=1e-4,T_max=100", "--log",
                "kohya");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).isEqualTo("lrsched: kohya: 2 tags could be the learning rate ('lr/textencoder', "
                + "'lr/unet'); pick one with --log-column NAME\n");
        assertThat(CliRun.run(logs, "verify", "-s", "type=torch.CosineAnnealingLR,lr=1e-4,T_max=100", "--log",
                "kohya", "--log-column", "lr/unet").exitCode()).isEqualTo(Cli.OK);
    }

    @Test
    void theSpecsVersionsReachTheLogReaders() throws IOException {
        write("plan.yaml", "versions: {transformers: \"4.45\"}\nsteps: 10\nschedules:\n  - {type: constant, lr: 1}\n");
        write("bad.yaml", "versions: {transformer: \"4.45\"}\nschedules:\n  - {type: constant, lr: 1}\n");
        write("log.csv", "step,lr\n0,1\n");
        assertThat(CliRun.run(dir, "verify", "--spec", "plan.yaml", "--log", "log.csv").exitCode()).isZero();
        CliRun r = CliRun.run(dir, "verify", "--spec", "bad.yaml", "--log", "log.csv");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).startsWith("lrsched: bad.yaml:1:12: no format reads versions of 'transformer'; did "
                + "you mean 'transformers'?");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "--log log.csv --log-column a=lr --log-column b=lr | lrsched: --log-column[1]:1:1: the plan has no schedule 'a' (its schedules are one, two)",
        "--log log.csv                                     | lrsched: the plan has 2 schedules (one, two); map each one to check to its log column with --log-column NAME=COLUMN",
        "--log log.csv --log-column lr                     | lrsched: --log-column[1]:1:1: the plan has 2 schedules (one, two); say which one this column is for: --log-column NAME=lr",
        "--log log.csv --log-column one=                   | lrsched: --log-column[1]:1:1: 'one=' names no column; write [NAME=]COLUMN, e.g. --log-column learning_rate",
        "--log log.csv --log-column one=lr --log-column one=lr | lrsched: --log-column[2]:1:1: schedule 'one' is given a column twice; keep one",
        "--log log.csv --log-column one=rate               | lrsched: log.csv:1:1: no column 'rate' (--log-column); the columns are 'step', 'lr'",
        "--log log.csv --log-column one=lr --log-step stp  | lrsched: log.csv:1:1: no column 'stp' (--log-step); did you mean 'step'?",
        "--log nope.csv --log-column one=lr                | lrsched: nope.csv: no such file",
        "--log log.csv --log-column one=lr --steps-per-epoch 0 | lrsched: --steps-per-epoch must be 1 or more, got 0",
    })
    void badInputIsOneLineAndExitsTwo(String args, String message) throws IOException {
        write("plan.yaml", "steps: 10\nschedules:\n  - {name: one, type: constant, lr: 1}\n"
                + "  - {name: two, type: constant, lr: 2}\n");
        write("log.csv", "step,lr\n0,1\n");
        List<String> argv = new ArrayList<>(List.of("verify", "--spec", "plan.yaml"));
        argv.addAll(List.of(args.strip().split(" +")));
        CliRun r = CliRun.run(dir, argv.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).isEqualTo(message + "\n");
        assertThat(r.out()).isEmpty();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
