package lrsched.input.log;

import static lrsched.input.log.GoldenLogs.assertOnCurve;
import static lrsched.input.log.GoldenLogs.curve;
import static lrsched.input.log.GoldenLogs.dir;
import static lrsched.input.log.LogTesting.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import lrsched.core.LoggedCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ultralytics' results.csv: one row per epoch, lr/pg0..pg2 after the epoch's last batch. */
class UltralyticsResultsReaderTest {
    @TempDir
    Path dir;

    private static LogRequest request(Path path) {
        return new LogRequest(path, "results.csv", Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Path write(String text) throws IOException {
        Path p = dir.resolve("results.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void eachEpochLandsAtItsLastUpdate() {
        Path run = dir("ultralytics", "linear-warmup");
        LoggedCurve c = LogReaders.read(request(run.resolve("results.csv")).withUpdatesPerEpoch(8));
        assertThat(c.steps()).containsExactly(7, 15, 23, 31, 39);
        assertThat(c.resolution()).isEqualTo(LoggedCurve.SIX_DIGITS);
        assertThat(c.reading()).isEqualTo("ultralytics logs each epoch's lr/pg1 after its last batch: epoch e "
                + "(counted from 1) shown at its last update, e x 8 - 1");
        assertOnCurve(c, curve(run.resolve("expected.csv")));
    }

    @Test
    void theBiasGroupIsReadWhenNamed() {
        Path run = dir("ultralytics", "linear-warmup");
        LoggedCurve c = LogReaders.read(request(run.resolve("results.csv")).withUpdatesPerEpoch(8)
                .withValueColumn("lr/pg2"));
        assertOnCurve(c, curve(run.resolve("expected.lr-pg2.csv")));
    }

    @Test
    void thePaddedZeroBasedWriterIsReadWithFiveDigits() {
        Path run = dir("ultralytics", "padded-0-based");
        LoggedCurve c = LogReaders.read(request(run.resolve("results.csv")).withUpdatesPerEpoch(25));
        assertThat(c.steps()).containsExactly(24, 49, 74, 99, 124, 149);
        assertThat(c.resolution()).isEqualTo(UltralyticsResultsReader.FIVE_DIGITS);
        assertOnCurve(c, curve(run.resolve("expected.csv")));
        LoggedCurve bias = LogReaders.read(request(run.resolve("results.csv")).withUpdatesPerEpoch(25)
                .withValueColumn("lr/pg2"));
        assertOnCurve(bias, curve(run.resolve("expected.lr-pg2.csv")));
    }

    @Test
    void withoutUpdatesPerEpochTheLogIsRefused() {
        Path run = dir("ultralytics", "linear-warmup");
        assertThat(error(request(run.resolve("results.csv")))).isEqualTo(
                "results.csv: logs one value per epoch; give the updates per epoch with --steps-per-epoch N");
    }

    @Test
    void recognisesResultsCsvByItsHeader() throws IOException {
        assertThat(LogReaders.readerFor(request(dir("ultralytics", "linear-warmup").resolve("results.csv"))))
                .isInstanceOf(UltralyticsResultsReader.class);
        assertThat(LogReaders.readerFor(request(dir("ultralytics", "padded-0-based").resolve("results.csv"))))
                .isInstanceOf(UltralyticsResultsReader.class);
        assertThat(LogReaders.readerFor(request(write("step,lr\n0,0.1\n")))).isInstanceOf(CsvLogReader.class);
    }

    @Test
    void aPaddedHeaderLongerThanTheHeadIsClaimed() throws IOException {
        StringBuilder header = new StringBuilder(String.format("%23s", "epoch"));
        for (int i = 0; i < 24; i++) {
            header.append(',').append(String.format("%23s", "train/loss" + i));
        }
        header.append(',').append(String.format("%23s", "lr/pg0"));
        Path f = write(header + "\n");
        byte[] head = Files.readAllBytes(f);
        assertThat(new UltralyticsResultsReader().reads(f, java.util.Arrays.copyOf(head, LogReaders.HEAD_BYTES)))
                .isTrue();
    }

    @Test
    void aNonNumericLearningRateIsReportedWithItsLineAndColumn() throws IOException {
        Path f = write("epoch,time,lr/pg0,lr/pg1,lr/pg2\n1,2.5,0.01,0.01,0.01\n2,5,0.01,n/a,0.01\n");
        assertThat(error(request(f).withUpdatesPerEpoch(4))).isEqualTo(
                "results.csv:3:10: 'n/a' in column 'lr/pg1' is not a number");
    }

    @Test
    void noLearningRateColumnListsTheColumns() throws IOException {
        Path f = write("epoch,time,lr/pg0,loss\n1,2.5,0.01,3\n");
        LogRequest r = request(f).withUpdatesPerEpoch(4).withValueColumn("lr/pg7");
        assertThat(error(r)).isEqualTo("results.csv:1:1: no column 'lr/pg7' (--overlay-value); did you mean "
                + "'lr/pg0'?");
    }

    @Test
    void theExampleIsClaimedByThisReader() {
        Path example = Path.of("examples/logs/ultralytics/results.csv");
        assertThat(LogReaders.readerFor(new LogRequest(example, example.toString(), Optional.empty(),
                Optional.empty(), Optional.empty()))).isInstanceOf(UltralyticsResultsReader.class);
    }
}
