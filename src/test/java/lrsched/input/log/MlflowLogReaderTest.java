package lrsched.input.log;

import static lrsched.input.log.GoldenLogs.expected;
import static lrsched.input.log.LogTesting.assertOnUpdates;
import static lrsched.input.log.LogTesting.error;
import static lrsched.input.log.LogTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import lrsched.core.LoggedCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLflow file-store runs, metrics folders and metric files, read through {@link LogReaders}. */
class MlflowLogReaderTest {
    private static final String HF_RUN = "mlflow/mlruns/0/0a1b2c3d4e5f40718293a4b5c6d7e8f9";
    private static final String TWICE_RUN = "mlflow/mlruns/0/1b2c3d4e5f6a40718293a4b5c6d7e8f9";
    private static final String LIGHTNING_RUN = "mlflow/mlruns/1/2c3d4e5f6a7b40718293a4b5c6d7e8f9";
    private static final String HF_READING = "transformers' Trainer logs at step g the LR update g-1 used (since 4.51; "
            + "for an older run give --versions transformers=VERSION): shown at update g-1";
    private static final String LIGHTNING_READING = "Lightning's LearningRateMonitor logs at step s (the updates "
            + "before the batch) the LR the batch's update uses: shown at update s";

    @TempDir
    Path dir;

    private static LoggedCurve read(LogRequest r) {
        return LogReaders.read(r);
    }

    /** A run folder with meta.yaml and the metric files given as key, text pairs. */
    private Path run(String... keysAndTexts) throws IOException {
        Path run = Files.createDirectories(dir.resolve("mlruns/0/abc"));
        Files.writeString(run.resolve("meta.yaml"), "run_id: abc\n");
        Files.createDirectories(run.resolve("metrics"));
        for (int i = 0; i < keysAndTexts.length; i += 2) {
            Path f = run.resolve("metrics/" + keysAndTexts[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, keysAndTexts[i + 1], StandardCharsets.UTF_8);
        }
        return run;
    }

    @Test
    void goldenTrainerRunPutsEveryLoggedValueAtTheUpdateThatUsedIt() {
        LoggedCurve c = read(request(GoldenLogs.path(HF_RUN), null));
        assertThat(c.firstStep()).isEqualTo(4);
        assertThat(c.lastStep()).isEqualTo(99);
        assertThat(c.size()).isEqualTo(20);
        assertOnUpdates(c, expected("mlflow/hf-4.51.csv"), false);
        assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT64);
        assertThat(c.reading()).isEqualTo(HF_READING);
        assertThat(c.source()).isEqualTo("0a1b2c3d4e5f40718293a4b5c6d7e8f9/metrics/learning_rate");
    }

    @Test
    void theRunsMetricsFolderAndOneMetricFileReadTheSame() {
        LoggedCurve run = read(request(GoldenLogs.path(HF_RUN), null));
        LoggedCurve metrics = read(request(GoldenLogs.path(HF_RUN + "/metrics"), null));
        LoggedCurve file = read(request(GoldenLogs.path(HF_RUN + "/metrics/learning_rate"), null));
        assertThat(metrics.steps()).isEqualTo(run.steps());
        assertThat(file.values()).isEqualTo(run.values());
        assertThat(file.reading()).isEqualTo(HF_READING);
        assertThat(metrics.source()).isEqualTo("metrics/learning_rate");
    }

    @Test
    void goldenSchedulerSteppedTwicePerUpdateShowsWhatEachUpdateUsed() {
        LoggedCurve c = read(request(GoldenLogs.path(TWICE_RUN), null));
        assertThat(c.lastStep()).isEqualTo(49);
        assertOnUpdates(c, expected("mlflow/hf-4.51.stepped-twice.csv"), false);
    }

    @Test
    void lightningsNestedKeysAreTheirPathsUnderMetricsAndTheLaterTimestampWinsOnAStepLoggedTwice() {
        LoggedCurve c = read(request(GoldenLogs.path(LIGHTNING_RUN), "lr-AdamW/pg1"));
        assertThat(c.size()).isEqualTo(100);
        assertOnUpdates(c, expected("mlflow/lightning.restarted.csv"), false);
        assertThat(c.reading()).isEqualTo(LIGHTNING_READING);
        LoggedCurve file = read(request(GoldenLogs.path(LIGHTNING_RUN + "/metrics/lr-AdamW/pg1"), null));
        assertThat(file.values()).isEqualTo(c.values());
        assertThat(file.reading()).isEqualTo(LIGHTNING_READING);
    }

    @Test
    void twoLearningRateKeysNeedAChoice() {
        assertThat(error(request(GoldenLogs.path(LIGHTNING_RUN), null))).isEqualTo("2c3d4e5f6a7b40718293a4b5c6d7e8f9: 2 "
                + "metrics could be the learning rate ('lr-AdamW/pg1', 'lr-AdamW/pg2'); pick one with --overlay-value "
                + "NAME");
    }

    @Test
    void withoutAKeyNamedLikeALearningRateTheKeysAreListed() throws IOException {
        Path run = run("loss", "1700000000000 0.5 1\n", "eval/accuracy", "1700000000000 0.9 1\n");
        assertThat(error(request(run, null))).isEqualTo("abc: no metric is named like a learning rate; the metrics "
                + "are 'eval/accuracy', 'loss'; pick one with --overlay-value NAME");
    }

    @Test
    void aLineWithAnOlderTimestampLosesToTheLaterOneOfItsStepWhereverItIs() throws IOException {
        Path run = run("lr", "1700000000000 0.1 0\n1700000005000 0.2 1\n1700000002000 0.9 1\n"
                + "1700000006000 0.3 2\n1700000006000 0.4 2\n");
        LoggedCurve c = read(request(run, null));
        assertThat(c.steps()).containsExactly(0, 1, 2);
        assertThat(c.values()).containsExactly(0.1, 0.2, 0.4);
        assertThat(c.reading()).isEqualTo("'lr' names no writer lrsched knows: its steps are taken as updates");
    }

    @Test
    void aLineOfTwoFieldsHasStepZeroAndPythonsNanIsAGap() throws IOException {
        Path run = run("lr", "1700000000000 0.5\n1700000001000 nan 1\n");
        LoggedCurve c = read(request(run, null));
        assertThat(c.steps()).containsExactly(0, 1);
        assertThat(c.values()).containsExactly(0.5, Double.NaN);
    }

    @Test
    void badLinesAreErrorsAtTheirLineAndColumn() throws IOException {
        assertThat(error(request(run("lr", "1700000000000 0.5 1\n1 2 3 4\n"), null))).isEqualTo("abc/metrics/lr:2:1: "
                + "'1 2 3 4' is not an MLflow metric line (\"timestamp value step\": three fields separated by single "
                + "spaces)");
        Files.writeString(dir.resolve("mlruns/0/abc/metrics/lr"), "1700000000000 fast 1\n");
        assertThat(error(request(dir.resolve("mlruns/0/abc"), null))).isEqualTo("abc/metrics/lr:1:15: the value "
                + "'fast' is not a number");
        Files.writeString(dir.resolve("mlruns/0/abc/metrics/lr"), "1700000000000 0.5 -1\n");
        assertThat(error(request(dir.resolve("mlruns/0/abc"), null))).isEqualTo("abc/metrics/lr:1:19: the step '-1' "
                + "is not a whole number, 0 or more");
        Files.writeString(dir.resolve("mlruns/0/abc/metrics/lr"), "later 0.5 1\n");
        assertThat(error(request(dir.resolve("mlruns/0/abc"), null))).isEqualTo("abc/metrics/lr:1:1: the timestamp "
                + "'later' is not a whole number");
    }

    @Test
    void anEmptyMetricFileIsAnError() throws IOException {
        assertThat(error(request(run("lr", ""), null))).isEqualTo("abc/metrics/lr: is empty: no logged value");
    }

    @Test
    void anEmptyMetricsFolderIsAnError() throws IOException {
        assertThat(error(request(run(), null))).isEqualTo("abc: holds no metrics (its metrics folder is empty)");
    }

    @Test
    void runsMetricsFoldersAndMetricFilesAreClaimedOtherFoldersAndFilesNot() throws IOException {
        LogReader mlflow = new MlflowLogReader();
        assertThat(mlflow.reads(GoldenLogs.path(HF_RUN), new byte[0])).isTrue();
        assertThat(mlflow.reads(GoldenLogs.path(HF_RUN + "/metrics"), new byte[0])).isTrue();
        assertThat(mlflow.reads(GoldenLogs.path(LIGHTNING_RUN + "/metrics/lr-AdamW/pg1"), new byte[0])).isTrue();
        assertThat(mlflow.reads(GoldenLogs.path("mlflow/mlruns/0"), new byte[0])).isFalse();
        assertThat(mlflow.reads(GoldenLogs.path("tensorboard/lightning"), new byte[0])).isFalse();
        Path loose = Files.writeString(dir.resolve("lr"), "1700000000000 0.001 10\n");
        assertThat(mlflow.reads(loose, Files.readAllBytes(loose))).isTrue();
        assertThat(LogReaders.readerFor(request(loose, null))).isInstanceOf(MlflowLogReader.class);
        assertThat(read(request(loose, null)).values()).containsExactly(0.001);
        Path csv = Files.writeString(dir.resolve("lr.csv"), "step lr\n10 0.001\n");
        assertThat(mlflow.reads(csv, Files.readAllBytes(csv))).isFalse();
        Path table = Files.writeString(dir.resolve("lr.txt"), "100 0.001 1\n"); // no timestamp: not MLflow's
        assertThat(mlflow.reads(table, Files.readAllBytes(table))).isFalse();
        assertThat(mlflow.reads(dir.resolve("missing"), new byte[0])).isFalse();
    }

    @Test
    void aLongMetricFileIsStreamed() throws IOException {
        StringBuilder text = new StringBuilder();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            text.append(1700000000000L + i).append(' ').append(i * 1e-9).append(' ').append(i).append('\n');
        }
        LoggedCurve c = read(request(run("lr-AdamW", text.toString()), null));
        assertThat(c.size()).isEqualTo(n);
        assertThat(c.value(n - 1)).isEqualTo((n - 1) * 1e-9);
    }
}
