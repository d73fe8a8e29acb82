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

/** mmengine's vis_data/scalars.json read through {@link LogReaders}, against logs its own hooks and backend wrote. */
class MmengineScalarsLogReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return GoldenLogs.write(dir, name, text);
    }

    private static final String READING = "mmengine's LoggerHook writes at step n (runner.iter + 1) the 'lr' read "
            + "before iteration n-1 ran: shown at update n-1";

    @Test
    void anIterationBasedRunFromItsRunFolderLiesOnTheUpdatesThatUsedEachRate() {
        LoggedCurve c = LogReaders.read(LogRequest.of(path("mmengine/iter-cosine/20250101_120000")));
        assertOnExpected(c, expected("mmengine/iter-cosine.expected.csv"));
        assertThat(c.steps()).containsExactly(4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59);
        assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT64);
        assertThat(c.source()).endsWith("20250101_120000/vis_data/scalars.json");
        assertThat(c.reading()).isEqualTo(READING);
    }

    @Test
    void anEpochBasedRunSkipsItsValidationLinesLoggedAtTheEpoch() {
        LoggedCurve c = LogReaders.read(LogRequest.of(path("mmengine/epoch-multistep/20250101_120000/vis_data")));
        double[] used = expected("mmengine/epoch-multistep.expected.csv");
        assertOnExpected(c, used);
        assertThat(c.size()).isEqualTo(12); // 4 epochs of 15 iterations, every 5th; the 4 validation lines skipped
        assertThat(c.between(29, 29).value(0)).isEqualTo(0.1); // the last iteration of epoch 2, before the milestone
        assertThat(c.between(34, 34).value(0)).isEqualTo(used[34]).isLessThan(0.1);
    }

    @Test
    void aLastLineCutOffByAKilledRunIsSkippedAndTheReadingSaysSo() throws IOException {
        String whole = Files.readString(path("mmengine/iter-cosine/20250101_120000/vis_data/scalars.json"));
        Path f = write("vis_data/scalars.json", whole.substring(0, whole.length() - 12));
        LoggedCurve c = LogReaders.read(LogRequest.of(f));
        assertOnExpected(c, expected("mmengine/iter-cosine.expected.csv"));
        assertThat(c.lastStep()).isEqualTo(54);
        assertThat(c.reading()).isEqualTo(READING + "; line 12 is cut off (the run was stopped while writing it): "
                + "read the lines before it");
    }

    @Test
    void itsFilesAndFoldersAreClaimedAndOthersAreNot() throws IOException {
        MmengineScalarsLogReader reader = new MmengineScalarsLogReader();
        byte[] line = "{\"lr\": 0.1, \"step\": 5}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.reads(write("scalars.json", "{}"), line)).isTrue();
        assertThat(reader.reads(write("a/metrics.json", "{}"), line)).isFalse();
        assertThat(reader.reads(path("mmengine/iter-cosine/20250101_120000"), new byte[0])).isTrue();
        assertThat(reader.reads(path("mmengine/iter-cosine/20250101_120000/vis_data"), new byte[0])).isTrue();
        assertThat(reader.reads(path("mmengine/iter-cosine"), new byte[0])).isFalse();
        assertThat(reader.reads(path("detectron2/steplr"), new byte[0])).isFalse();
        assertThat(LogReaders.readerFor(LogRequest.of(path("mmengine/iter-cosine/20250101_120000"))))
                .isInstanceOf(MmengineScalarsLogReader.class);
        Files.createDirectories(dir.resolve("work_dir/20250101_120000/vis_data"));
        assertThat(error(named(dir.resolve("work_dir/20250101_120000"), "20250101_120000")))
                .startsWith("20250101_120000: is a folder with no log lrsched reads (it reads ")
                .contains("; vis_data/scalars.json (mmengine; the file, vis_data, or its timestamped run folder)");
    }

    @Test
    void badFilesGetOneLineNamingTheProblem() throws IOException {
        assertThat(error(named(write("a/scalars.json", " \n"), "scalars.json"))).isEqualTo(
                "scalars.json: is empty; mmengine's LoggerHook writes a line to it every logging interval");
        assertThat(error(named(write("b/scalars.json", "{\"lr\": 0.1, \"step\": 5}\n{\"lr\": 0.1 \"step\": 10}\n"
                + "{\"lr\": 0.1, \"step\": 15}\n"), "scalars.json"))).isEqualTo("scalars.json:2:12: not JSON: "
                + "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries");
        assertThat(error(named(write("c/scalars.json", "{\"loss\": 0.5, \"iter\": 5, \"step\": 5}\n"),
                "scalars.json"))).isEqualTo("scalars.json: no key is named like a learning rate; the keys are "
                + "'loss', 'iter'; pick one with --overlay-value NAME");
        assertThat(error(named(write("d/scalars.json", "{\"lr\": null, \"step\": 5}\n{\"lr\": [0.1], \"step\": "
                + "10}\n"), "scalars.json"))).isEqualTo("scalars.json: no entry of the file has both 'step' and a number in "
                + "'lr'");
        assertThat(error(named(write("e/scalars.json", "{\"generator.lr\": 0.1, \"discriminator.lr\": 0.2, "
                + "\"step\": 5}\n"), "scalars.json"))).isEqualTo("scalars.json: 2 keys could be the learning rate "
                + "('generator.lr', 'discriminator.lr'); pick one with --overlay-value NAME");
    }
}
