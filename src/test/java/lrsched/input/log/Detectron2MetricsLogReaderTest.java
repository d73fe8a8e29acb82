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

/** detectron2's metrics.json read through {@link LogReaders}, against logs written by its own JSONWriter and hooks. */
class Detectron2MetricsLogReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return GoldenLogs.write(dir, name, text);
    }

    @Test
    void everyIterationLiesOnTheUpdateThatUsedItsLearningRate() {
        for (String run : new String[] {"steplr", "cosine"}) {
            LoggedCurve c = LogReaders.read(LogRequest.of(path("detectron2/" + run)));
            assertOnExpected(c, expected("detectron2/" + run + ".expected.csv"));
            assertThat(c.steps()).containsExactly(4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59); // evaluation skipped
            assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT64);
            assertThat(c.source()).endsWith(run + "/metrics.json");
            assertThat(c.reading()).isEqualTo("detectron2's LRScheduler hook puts 'lr' at iteration i (from 0) before "
                    + "scheduler.step(): the LR iteration i used, shown at update i");
        }
    }

    @Test
    void aResumedRunReplacesAllTheKilledRunLoggedFromItsFirstIterationOn() {
        LoggedCurve c = LogReaders.read(LogRequest.of(path("detectron2/steplr.restarted/metrics.json")));
        double[] used = expected("detectron2/steplr.restarted.expected.csv");
        // killed in iteration 37, resumed from the checkpoint after 29 with the scheduler restarted: the resumed run
        // rewrote 34; 36, written as the killed run stopped and never written again, is the killed run's and goes
        assertOnExpected(c, used);
        assertThat(c.steps()).doesNotContain(36L).contains(34L);
        assertThat(c.between(34, 34).value(0)).isEqualTo(0.02);
        assertThat(c.reading()).endsWith("; the log starts over once (a resumed run): the resumed run's values replace "
                + "all the earlier run logged from there on");
    }

    @Test
    void aLastLineCutOffByAKilledRunIsSkippedAndTheReadingSaysSo() throws IOException {
        String whole = Files.readString(path("detectron2/cosine/metrics.json"));
        int last = whole.lastIndexOf("{\"data_time\"");
        Path f = write("metrics.json", whole.substring(0, last + 30));
        LoggedCurve c = LogReaders.read(LogRequest.of(f));
        assertOnExpected(c, expected("detectron2/cosine.expected.csv"));
        assertThat(c.lastStep()).isEqualTo(54);
        assertThat(c.reading()).endsWith("; line 12 is cut off (the run was stopped while writing it): read the "
                + "lines before it");
    }

    @Test
    void itsFilesAndFoldersAreClaimedAndOthersAreNot() throws IOException {
        Detectron2MetricsLogReader reader = new Detectron2MetricsLogReader();
        byte[] line = "{\"iteration\": 4, \"lr\": 0.02}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.reads(write("metrics.json", "{}"), line)).isTrue();
        assertThat(reader.reads(write("a/metrics.json", "[]"), "[1]".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(reader.reads(write("b/scalars.json", "{}"), line)).isFalse();
        assertThat(reader.reads(path("detectron2/steplr"), new byte[0])).isTrue();
        assertThat(reader.reads(path("hf/new"), new byte[0])).isFalse();
        assertThat(LogReaders.readerFor(LogRequest.of(path("detectron2/steplr"))))
                .isInstanceOf(Detectron2MetricsLogReader.class);
    }

    @Test
    void badFilesGetOneLineNamingTheProblem() throws IOException {
        assertThat(error(named(write("a/metrics.json", ""), "metrics.json"))).isEqualTo(
                "metrics.json: is empty; detectron2 writes a line to it every 20 iterations");
        assertThat(error(named(write("b/metrics.json", "{\"iteration\": 4, \"lr\": 0.02}\n{\"iteration\": 9, "
                + "\"lr\": 0.02}}\n{\"iteration\": 14, \"lr\": 0.02}\n"), "metrics.json"))).isEqualTo(
                "metrics.json:2:29: not JSON: Unexpected close marker '}': no open Object to close");
        assertThat(error(named(write("b2/metrics.json", "{\"iteration\": 4, \"lr\": 0.02}\n{\"iteration\": 9, "
                + "\"lr\": 0.02} 7\n"), "metrics.json"))).isEqualTo(
                "metrics.json:2:30: more after the object's closing '}'; each line of this log holds one {...}");
        assertThat(error(named(write("c/metrics.json", "{\"iteration\": 4, \"total_loss\": 0.5, \"data_time\": "
                + "0.01}\n"), "metrics.json"))).isEqualTo("metrics.json: no key is named like a learning rate; the "
                + "keys are 'total_loss', 'data_time'; pick one with --overlay-value NAME");
        assertThat(error(named(write("d/metrics.json", "{\"iteration\": 4, \"lr\": \"0.02\"}\n"), "metrics.json")))
                .isEqualTo("metrics.json:1:24: 'lr' is \"0.02\", not a number");
        assertThat(error(named(write("e/metrics.json", "{\"bbox/AP\": 12.5}\n"), "metrics.json"))).isEqualTo(
                "metrics.json: no entry of the file has the step key 'iteration'; the run logged nothing yet, or "
                        + "this is not the log it seems to be");
    }
}
