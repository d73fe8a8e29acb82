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

/** timm's summary.csv: one row per epoch (from 0), lr after the epoch's last update. */
class TimmSummaryReaderTest {
    @TempDir
    Path dir;

    private static LogRequest request(Path path) {
        return new LogRequest(path, "summary.csv", Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Path write(String text) throws IOException {
        Path p = dir.resolve("summary.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void eachEpochLandsAtItsLastUpdate() {
        Path run = dir("timm", "cosine");
        LoggedCurve c = LogReaders.read(request(run.resolve("summary.csv")).withUpdatesPerEpoch(5));
        assertThat(c.steps()).containsExactly(4, 9, 14, 19, 24, 29);
        assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT64);
        assertThat(c.reading()).isEqualTo("timm's train.py logs each epoch's lr after its last update: epoch e "
                + "(counted from 0) shown at its last update, (e + 1) x 5 - 1 (with --sched-on-updates it is the "
                + "next update's LR)");
        assertOnCurve(c, curve(run.resolve("expected.csv")));
    }

    @Test
    void aResumedRunsRepeatedHeaderIsSkippedAndItsLaterRowWins() {
        Path run = dir("timm", "resumed");
        LoggedCurve c = LogReaders.read(request(run.resolve("summary.csv")).withUpdatesPerEpoch(5));
        assertThat(c.steps()).containsExactly(4, 9, 14, 19, 24, 29);
        assertOnCurve(c, curve(run.resolve("expected.csv")));
    }

    @Test
    void aLaterRowForTheSameEpochWins() throws IOException {
        Path f = write("epoch,train_loss,lr\n0,2,0.1\n1,1.5,0.05\nepoch,train_loss,lr\n1,1.5,0.07\n");
        assertThat(LogReaders.read(request(f).withUpdatesPerEpoch(10)).values()).containsExactly(0.1, 0.07);
    }

    @Test
    void withoutUpdatesPerEpochTheLogIsRefused() {
        assertThat(error(request(dir("timm", "cosine").resolve("summary.csv")))).isEqualTo(
                "summary.csv: logs one value per epoch; give the updates per epoch with --steps-per-epoch N");
    }

    @Test
    void recognisesSummaryCsvByItsHeaderAndLeavesOthersToTheCsvReader() throws IOException {
        assertThat(LogReaders.readerFor(request(dir("timm", "cosine").resolve("summary.csv"))))
                .isInstanceOf(TimmSummaryReader.class);
        assertThat(LogReaders.readerFor(request(write("epoch,train_loss,eval_loss\n0,2,3\n"))))
                .isInstanceOf(CsvLogReader.class);
    }

    @Test
    void aNonNumericLearningRateIsReportedWithItsLineAndColumn() throws IOException {
        Path f = write("epoch,train_loss,lr\n0,2,0.1\n1,1.5,-\n");
        assertThat(error(request(f).withUpdatesPerEpoch(10))).isEqualTo(
                "summary.csv:3:7: '-' in column 'lr' is not a number");
    }

    @Test
    void aRepeatedHeaderWithoutTheLearningRateIsRefused() throws IOException {
        Path f = write("epoch,train_loss,lr\n0,2,0.1\nepoch,train_loss\n1,1.5\n");
        assertThat(error(request(f).withUpdatesPerEpoch(10))).isEqualTo(
                "summary.csv:3:1: this repeated header has no column 'lr'; the columns are 'epoch', 'train_loss'");
    }

    @Test
    void theExampleIsClaimedByThisReader() {
        Path example = Path.of("examples/logs/timm/summary.csv");
        assertThat(LogReaders.readerFor(new LogRequest(example, example.toString(), Optional.empty(),
                Optional.empty(), Optional.empty()))).isInstanceOf(TimmSummaryReader.class);
    }
}
