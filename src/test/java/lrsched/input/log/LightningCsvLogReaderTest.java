package lrsched.input.log;

import static lrsched.input.log.GoldenLogs.assertOnCurve;
import static lrsched.input.log.GoldenLogs.curve;
import static lrsched.input.log.GoldenLogs.dir;
import static lrsched.input.log.GoldenLogs.offCurve;
import static lrsched.input.log.LogTesting.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import lrsched.core.LoggedCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lightning's CSVLogger metrics.csv, with the LearningRateMonitor's lr- columns. */
class LightningCsvLogReaderTest {
    @TempDir
    Path dir;

    private static LogRequest request(Path path, String source) {
        return new LogRequest(path, source, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyLoggedValueSitsAtTheUpdateThatUsedIt() {
        Path run = dir("lightning", "onecycle");
        LoggedCurve c = LogReaders.read(request(run.resolve("lightning_logs/version_0/metrics.csv"), "metrics.csv"));
        assertThat(c.size()).isEqualTo(15); // every 2nd of 30 updates: steps 1, 3, ..., 29
        assertThat(c.firstStep()).isEqualTo(1);
        assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT64);
        assertThat(c.reading()).isEqualTo("Lightning's LearningRateMonitor logs at step s (the updates done) the LR "
                + "update s uses: shown at update s");
        assertOnCurve(c, curve(run.resolve("expected.csv")));
    }

    @Test
    void theLoggerFolderAndAVersionFolderReadLikeTheFile() {
        Path run = dir("lightning", "onecycle");
        LoggedCurve file = LogReaders.read(request(run.resolve("lightning_logs/version_0/metrics.csv"), "m"));
        LoggedCurve version = LogReaders.read(request(run.resolve("lightning_logs/version_0"), "m"));
        LoggedCurve logger = LogReaders.read(request(run.resolve("lightning_logs"), "m"));
        assertThat(version.values()).containsExactly(file.values());
        assertThat(logger.steps()).containsExactly(file.steps());
        assertThat(logger.values()).containsExactly(file.values());
    }

    @Test
    void anEpochIntervalSchedulerIsLoggedAtEachEpochsFirstUpdate() {
        Path run = dir("lightning", "halving-two-groups");
        LogRequest r = request(run.resolve("lightning_logs"), "lightning_logs").withValueColumn("lr-SGD/pg1");
        LoggedCurve c = LogReaders.read(r);
        assertThat(c.steps()).containsExactly(0, 10, 20);
        assertOnCurve(c, curve(run.resolve("expected.csv")));
    }

    @Test
    void twoParamGroupsNeedAChoice() {
        Path run = dir("lightning", "halving-two-groups");
        assertThat(error(request(run.resolve("lightning_logs"), "lightning_logs"))).isEqualTo(
                "lightning_logs/version_0/metrics.csv:1:1: 2 columns could be the learning rate ('lr-SGD/pg1', "
                        + "'lr-SGD/pg2'); pick one with --overlay-value NAME");
    }

    @Test
    void aResumedRunsVersionsCombineIntoOneCurve() {
        Path run = dir("lightning", "resumed");
        LoggedCurve c = LogReaders.read(request(run.resolve("lightning_logs"), "lightning_logs"));
        assertThat(c.size()).isEqualTo(30);
        assertThat(c.reading()).contains("; 2 versions read in order, a later one winning on a step both logged");
        assertOnCurve(c, curve(run.resolve("expected.csv")));
    }

    @Test
    void aSchedulerRestartedAtTheResumeShowsFromTheNewerVersion() {
        Path run = dir("lightning", "resumed.restarted-at-resume");
        LoggedCurve c = LogReaders.read(request(run.resolve("lightning_logs"), "lightning_logs"));
        assertOnCurve(c, curve(run.resolve("used.csv")));
        assertThat(offCurve(c, curve(run.resolve("expected.csv")))).isEqualTo(10); // updates 20-29
    }

    @Test
    void aPlanPerUpdateSteppedPerEpochIsOffThePlan() {
        // Lightning's default interval is 'epoch': a OneCycleLR meant per update moves three times in 30 updates
        Path run = dir("lightning", "onecycle.stepped-per-epoch");
        LoggedCurve c = LogReaders.read(request(run.resolve("lightning_logs"), "lightning_logs"));
        assertThat(c.size()).isEqualTo(30);
        assertOnCurve(c, curve(run.resolve("used.csv")));
        assertThat(offCurve(c, curve(run.resolve("expected.csv")))).isEqualTo(29); // all but update 0
    }

    @Test
    void aNewerVersionWinsOnAStepBothLogged() throws IOException {
        write("lightning_logs/version_0/metrics.csv", "epoch,lr-AdamW,step\n,0.1,0\n,0.2,1\n,0.3,2\n");
        write("lightning_logs/version_1/metrics.csv", "epoch,lr-AdamW,step,train_loss\n,0.25,1\n0,,1,3.5\n,0.35,2\n");
        write("lightning_logs/version_10/metrics.csv", "lr-AdamW,step\n0.45,3\n");
        LoggedCurve c = LogReaders.read(request(dir.resolve("lightning_logs"), "lightning_logs"));
        assertThat(c.steps()).containsExactly(0, 1, 2, 3);
        assertThat(c.values()).containsExactly(0.1, 0.25, 0.35, 0.45);
    }

    @Test
    void momentumAndWeightDecayColumnsAreNotLearningRates() throws IOException {
        Path f = write("metrics.csv", "lr-SGD,lr-SGD-momentum,lr-SGD-weight_decay,step\n0.1,0.9,0.0001,0\n");
        assertThat(LogReaders.read(request(f, "metrics.csv")).values()).containsExactly(0.1);
    }

    @Test
    void recognisesTheFileByNameAndHeaderAndItsFolders() throws IOException {
        Path f = write("lightning_logs/version_0/metrics.csv", "epoch,lr-Adam,step,train_loss\n,0.1,0,\n");
        assertThat(LogReaders.readerFor(request(f, "m"))).isInstanceOf(LightningCsvLogReader.class);
        assertThat(LogReaders.readerFor(request(f.getParent(), "m"))).isInstanceOf(LightningCsvLogReader.class);
        assertThat(LogReaders.readerFor(request(dir.resolve("lightning_logs"), "m")))
                .isInstanceOf(LightningCsvLogReader.class);
        Files.createDirectories(dir.resolve("tb/version_0"));
        Files.writeString(dir.resolve("tb/version_0/events.out.tfevents.1.host"), "");
        assertThat(new LightningCsvLogReader().reads(dir.resolve("tb/version_0"), new byte[0])).isFalse();
        assertThat(new LightningCsvLogReader().reads(dir.resolve("tb"), new byte[0])).isFalse();
    }

    @Test
    void aMetricsCsvWithoutAnLrColumnIsReadAsPlainCsv() throws IOException {
        Path f = write("other/metrics.csv", "step,loss\n0,2.5\n1,2.25\n");
        assertThat(LogReaders.readerFor(request(f, "metrics.csv"))).isInstanceOf(CsvLogReader.class);
        Path g = write("named/steps.csv", "step,lr-SGD\n0,0.1\n");
        assertThat(LogReaders.readerFor(request(g, "steps.csv"))).isInstanceOf(CsvLogReader.class);
    }

    @Test
    void aNonNumericLearningRateIsReportedWithItsLineAndColumn() throws IOException {
        Path f = write("metrics.csv", "epoch,lr-SGD,step\n,0.1,0\n,fast,1\n");
        assertThat(error(request(f, "metrics.csv"))).isEqualTo(
                "metrics.csv:3:2: 'fast' in column 'lr-SGD' is not a number");
    }

    @Test
    void aVersionFolderWithoutMetricsCsvIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("lightning_logs/version_3"));
        Files.writeString(dir.resolve("lightning_logs/version_3/hparams.yaml"), "lr: 0.1\n");
        assertThat(error(request(dir.resolve("lightning_logs/version_3"), "lightning_logs/version_3"))).isEqualTo(
                "lightning_logs/version_3: has no metrics.csv; point at a version_N folder that Lightning's "
                        + "CSVLogger wrote, or at its metrics.csv");
    }

    @Test
    void aFolderWhoseMetricsCsvHasNoLearningRateListsTheColumns() throws IOException {
        write("version_0/metrics.csv", "epoch,step,train_loss,val_loss\n0,0,2.5,\n");
        assertThat(error(request(dir.resolve("version_0"), "version_0"))).isEqualTo(
                "version_0/metrics.csv:1:1: no column is named like a learning rate; the columns are 'train_loss', "
                        + "'val_loss'; pick one with --overlay-value NAME");
    }

    @Test
    void anotherStepColumnIsRefused() throws IOException {
        Path f = write("metrics.csv", "epoch,lr-SGD,step\n,0.1,0\n");
        LogRequest r = new LogRequest(f, "metrics.csv", Optional.of("epoch"), Optional.empty(), Optional.empty());
        assertThat(error(r)).isEqualTo("metrics.csv:1:1: --overlay-step epoch: a Lightning metrics.csv places its "
                + "values by its 'step' column; drop --overlay-step");
    }

    @Test
    void expectedCurvesCoverTheRun() {
        Map<Long, Double> plan = curve(dir("lightning", "onecycle").resolve("expected.csv"));
        assertThat(plan).hasSize(30);
    }

    @Test
    void theExampleIsClaimedByThisReader() {
        Path example = Path.of("examples/logs/lightning/lightning_logs");
        assertThat(LogReaders.readerFor(new LogRequest(example, example.toString(), Optional.empty(),
                Optional.empty(), Optional.empty()))).isInstanceOf(LightningCsvLogReader.class);
        Path faulty = Path.of("examples/logs/lightning/stepped-per-epoch/metrics.csv");
        assertThat(LogReaders.readerFor(new LogRequest(faulty, "metrics.csv", Optional.empty(), Optional.empty(),
                Optional.empty()))).isInstanceOf(LightningCsvLogReader.class);
    }
}
