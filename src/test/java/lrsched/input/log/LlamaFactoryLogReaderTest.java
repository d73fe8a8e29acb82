package lrsched.input.log;

import static lrsched.input.log.GoldenLogs.assertOnExpected;
import static lrsched.input.log.GoldenLogs.expected;
import static lrsched.input.log.GoldenLogs.named;
import static lrsched.input.log.GoldenLogs.path;
import static lrsched.input.log.LogTesting.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import lrsched.core.LoggedCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LLaMA-Factory's trainer_log.jsonl read through {@link LogReaders}, against logs written by its own LogCallback. */
class LlamaFactoryLogReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return GoldenLogs.write(dir, name, text);
    }

    @Test
    void aResumedRunTakesItsTransformersVersionFromTheNewestCheckpointAndLiesOnTheUpdatesThatUsedEachRate() {
        LoggedCurve c = LogReaders.read(LogRequest.of(path("llamafactory/resumed")));
        double[] used = expected("llamafactory/resumed.expected.csv");
        assertThat(c.size()).isEqualTo(20); // steps 2..40; 22..26 logged by both runs
        assertThat(c.lastStep()).isEqualTo(40); // transformers 4.45 logs after the last update the next one's LR
        assertOnExpected(c.between(0, used.length - 1), used);
        assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT64);
        assertThat(c.source()).endsWith("resumed/trainer_log.jsonl");
        assertThat(c.reading()).isEqualTo("transformers 4.45.2 (from the log's config.json) logs at step g the LR "
                + "of the next update, g: shown at update g; the log starts over once (a resumed run): the resumed "
                + "run's values replace all the earlier run logged from there on");
    }

    @Test
    void aLastLineCutOffByAKilledRunIsSkippedAndTheReadingSaysSo() {
        LoggedCurve c = LogReaders.read(LogRequest.of(path("llamafactory/killed/trainer_log.jsonl")));
        assertOnExpected(c, expected("llamafactory/killed.expected.csv"));
        assertThat(c.lastStep()).isEqualTo(39);
        assertThat(c.reading()).isEqualTo("transformers' Trainer logs at step g the LR update g-1 used (since 4.51; "
                + "for an older run give --versions transformers=VERSION): shown at update g-1; line 24 is cut off "
                + "(the run was stopped while writing it): read the lines before it");
    }

    @Test
    void theLaterLineOfAStepWinsAndEvalLinesAreSkipped() throws IOException {
        Path f = write("trainer_log.jsonl", """
                {"current_steps": 1, "total_steps": 4, "loss": 2.0, "lr": 0.5, "epoch": 0.25}
                {"current_steps": 2, "total_steps": 4, "loss": 2.0, "lr": 0.25, "epoch": 0.5}
                {"current_steps": 2, "total_steps": 4, "eval_loss": 1.5, "epoch": 0.5}

                {"current_steps": 2, "total_steps": 4, "loss": 2.0, "lr": 0.125, "epoch": 0.5}
                """);
        LoggedCurve c = LogReaders.read(LogRequest.of(f));
        assertThat(c.steps()).containsExactly(0, 1);
        assertThat(c.values()).containsExactly(0.5, 0.125);
    }

    @Test
    void itsFilesAndFoldersAreClaimedAndOthersAreNot() throws IOException {
        LlamaFactoryLogReader reader = new LlamaFactoryLogReader();
        String line = "{\"current_steps\": 1, \"lr\": 0.5}\n";
        assertThat(reader.reads(write("trainer_log.jsonl", line), new byte[0])).isTrue();
        Path renamed = write("run3.jsonl", line);
        assertThat(reader.reads(renamed, Files.readAllBytes(renamed))).isTrue();
        assertThat(reader.reads(write("other.jsonl", "{\"step\": 1}\n"), "{\"step\": 1}\n".getBytes(
                StandardCharsets.UTF_8))).isFalse();
        assertThat(reader.reads(path("llamafactory/resumed"), new byte[0])).isTrue();
        assertThat(reader.reads(path("hf/new"), new byte[0])).isFalse();
        assertThat(LogReaders.readerFor(LogRequest.of(path("llamafactory/resumed"))))
                .isInstanceOf(LlamaFactoryLogReader.class);
        write("done/trainer_log.jsonl", line);
        write("done/trainer_state.json", "{\"log_history\": []}");
        assertThat(LogReaders.readerFor(LogRequest.of(dir.resolve("done")))).isInstanceOf(TrainerStateLogReader.class);
    }

    @Test
    void badFilesGetOneLineNamingTheProblem() throws IOException {
        assertThat(error(named(write("a/trainer_log.jsonl", "\n"), "trainer_log.jsonl"))).isEqualTo(
                "trainer_log.jsonl: is empty; LLaMA-Factory writes a line to it at every logging step");
        assertThat(error(named(write("b/trainer_log.jsonl", "{\"current_steps\": 1, \"lr\": 0.5}\n{\"current_steps\""
                + ": 2, \"lr\": 0.5\n{\"current_steps\": 3, \"lr\": 0.5}\n"), "trainer_log.jsonl"))).isEqualTo(
                "trainer_log.jsonl:2:31: not JSON: Unexpected end-of-input: expected close marker for Object");
        assertThat(error(named(write("c/trainer_log.jsonl", "[1, 2]\n"), "trainer_log.jsonl"))).isEqualTo(
                "trainer_log.jsonl:1:1: not a JSON object; each line of this log holds one {...}");
        assertThat(error(named(write("d/trainer_log.jsonl", "{\"current_steps\": 1, \"total_steps\": 4, \"loss\": "
                + "2.0, \"epoch\": 0.25, \"elapsed_time\": \"0:00:01\"}\n"), "trainer_log.jsonl"))).isEqualTo(
                "trainer_log.jsonl: no key is named like a learning rate; the keys are 'total_steps', 'loss', "
                        + "'epoch'; pick one with --overlay-value NAME");
        assertThat(error(named(write("e/trainer_log.jsonl", "{\"current_steps\": 1, \"lr\": true}\n"),
                "trainer_log.jsonl"))).isEqualTo("trainer_log.jsonl:1:28: 'lr' is true, not a number");
    }
}
