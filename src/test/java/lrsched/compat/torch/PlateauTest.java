package lrsched.compat.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric trace of the plateau types (a list, or a log the spec names) and their refusals; the values themselves
 * are checked against the libraries by {@link PlateauGoldenTest}.
 */
class PlateauTest {
    @TempDir
    Path dir;

    /** Builds the one schedule of {@code runs/spec.yaml}, read from the working directory {@code dir}. */
    private Schedule build(String body) throws IOException {
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("runs/spec.yaml"), "schedules:\n  - name: s\n" + body.indent(4));
        Registry registry = Libraries.registry();
        Spec spec = new SpecLoader(registry, InputStream.nullInputStream(), dir)
                .load(List.of(Path.of("runs/spec.yaml")), List.of(), List.of());
        return registry.build(spec.schedules().get(0).mapping(), "s", Optional.empty());
    }

    private void log(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("runs").resolve(name), text);
    }

    @Test
    void rowKIsTheLrAfterKCallsAndTheLastRowHoldsBeyondTheTrace() throws IOException {
        Schedule s = build("type: torch.ReduceLROnPlateau\nlr: 1.0\npatience: 0\nfactor: 0.5\n"
                + "metrics: [1.0, 1.0, 0.5, 0.6]");
        assertThat(new double[] {s.at(0), s.at(1), s.at(2), s.at(3), s.at(4), s.at(5), s.at(Long.MAX_VALUE)})
                .containsExactly(1.0, 1.0, 0.5, 0.5, 0.25, 0.25, 0.25);
    }

    @Test
    void steppingPerEpochPlacesEachRowOnItsEpochsUpdates() throws IOException {
        Schedule s = build("type: torch.ReduceLROnPlateau\nlr: 1.0\npatience: 0\nfactor: 0.5\n"
                + "metrics: [1.0, 1.0]\nstepping: epoch\nsteps_per_epoch: 4");
        assertThat(new double[] {s.at(0), s.at(7), s.at(8), s.at(11), s.at(12), s.at(1000)})
                .containsExactly(1.0, 1.0, 0.5, 0.5, 0.5, 0.5);
    }

    @Test
    void aLoggedTraceIsReadRelativeToTheSpecsFolderInStepOrder() throws IOException {
        log("metrics.csv", "epoch,val_loss\n2,1.0\n0,1.0\n1,1.0\n");
        Schedule s = build("type: torch.ReduceLROnPlateau\nlr: 1.0\npatience: 1\nfactor: 0.5\n"
                + "metrics: {log: metrics.csv, column: val_loss, step: epoch}");
        assertThat(new double[] {s.at(0), s.at(1), s.at(2), s.at(3)}).containsExactly(1.0, 1.0, 1.0, 0.5);
    }

    @Test
    void aSparseLogGivesOnlyTheRowsThatHoldTheMetric() throws IOException {
        log("metrics.csv", "step,train_loss,val_loss\n5,0.9,\n9,,1.0\n15,0.8,\n19,,1.0\n");
        Schedule s = build("type: hf.reduce_lr_on_plateau\nlr: 1.0\npatience: 0\nfactor: 0.5\n"
                + "metrics: {log: metrics.csv, column: val_loss}");
        assertThat(new double[] {s.at(0), s.at(1), s.at(2), s.at(3)}).containsExactly(1.0, 1.0, 0.5, 0.5);
    }

    @Test
    void aNanMetricIsNeverAnImprovement() throws IOException {
        Schedule s = build("type: torch.ReduceLROnPlateau\nlr: 1.0\npatience: 0\nfactor: 0.5\n"
                + "metrics: [1.0, nan, .NaN]");
        assertThat(new double[] {s.at(1), s.at(2), s.at(3)}).containsExactly(1.0, 0.5, 0.25);
    }

    @Test
    void missingTraceSaysHowToGiveIt() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1")).isInstanceOf(InputException.class)
                .hasMessage("runs/spec.yaml:2:5: schedule 's' (torch.ReduceLROnPlateau): missing required parameter "
                        + "'metrics' (the metric passed to each step(metric) call, in order: [0.91, 0.85, ...] or "
                        + "{log: FILE, column: val_loss})");
    }

    @Test
    void nonNumericMetricIsLocated() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\nmetrics: [0.9, high, 0.7]"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/spec.yaml:5:20: schedule 's' (torch.ReduceLROnPlateau): metrics[1] takes a "
                        + "number, not the text 'high'");
    }

    @Test
    void emptyTraceIsRefused() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\nmetrics: []"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/spec.yaml:5:14: schedule 's' (torch.ReduceLROnPlateau): metrics is empty; give "
                        + "one value per call of the scheduler's step(metric), e.g. [0.91, 0.85, 0.86]");
    }

    @Test
    void missingColumnGetsTheLogReadersMessageInSpecTerms() throws IOException {
        log("metrics.csv", "epoch,val_loss\n0,1.0\n");
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\n"
                + "metrics: {log: metrics.csv, column: val_los, step: epoch}"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/metrics.csv:1:1: no column 'val_los' (metrics' column:); did you mean 'val_loss'?");
    }

    @Test
    void missingStepColumnNamesTheTraceKey() throws IOException {
        log("metrics.csv", "epoch,val_loss\n0,1.0\n");
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\n"
                + "metrics: {log: metrics.csv, column: val_loss}"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/metrics.csv:1:1: no step column (looked for step, Step, global_step, _step, "
                        + "iteration); name it with metrics' step: COLUMN; the columns are 'epoch', 'val_loss'");
    }

    @Test
    void nonNumericLoggedMetricIsLocatedInTheLog() throws IOException {
        log("metrics.csv", "epoch,val_loss\n0,1.0\n1,oops\n");
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\n"
                + "metrics: {log: metrics.csv, column: val_loss, step: epoch}"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/metrics.csv:3:3: 'oops' in column 'val_loss' is not a number");
    }

    @Test
    void missingLogFileIsNamedAsTheSpecSeesIt() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\n"
                + "metrics: {log: nowhere.csv, column: val_loss}"))
                .isInstanceOf(InputException.class).hasMessage("runs/nowhere.csv: no such file");
    }

    @Test
    void unknownKeyOfTheTraceMappingGetsASuggestion() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\n"
                + "metrics: {log: metrics.csv, colum: val_loss}"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/spec.yaml:5:33: schedule 's' (trace log): unknown parameter 'colum'; did you "
                        + "mean 'column'?");
    }

    @Test
    void modeMustBeMinOrMax() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\nmode: mean\nmetrics: [1]"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/spec.yaml:5:11: schedule 's' (torch.ReduceLROnPlateau): mode must be one of min, "
                        + "max, not 'mean'; did you mean 'max'?");
    }

    @Test
    void thresholdModeMustBeRelOrAbs() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\nthreshold_mode: relative\n"
                + "metrics: [1]"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/spec.yaml:5:21: schedule 's' (torch.ReduceLROnPlateau): threshold_mode must be "
                        + "one of rel, abs, not 'relative'; did you mean 'rel'?");
    }

    @Test
    void factorMustBeBelowOne() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\nfactor: 1.0\nmetrics: [1]"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/spec.yaml:5:13: schedule 's' (torch.ReduceLROnPlateau): factor: Factor should be "
                        + "< 1.0.");
    }

    @Test
    void kerasAutoModeNeedsTheDirectionOfAMetricOtherThanLoss() {
        assertThatThrownBy(() -> build("type: keras.ReduceLROnPlateau\nlearning_rate: 0.1\n"
                + "monitor: val_accuracy\nmetrics: [0.5]"))
                .isInstanceOf(InputException.class)
                .hasMessage("runs/spec.yaml:2:5: schedule 's' (keras.ReduceLROnPlateau): mode: auto: Keras infers "
                        + "whether 'val_accuracy' should rise or fall from the compiled model's metrics, which "
                        + "lrsched does not see; write mode: max or mode: min");
    }

    @Test
    void timmNoiseIsRefused() {
        assertThatThrownBy(() -> build("type: timm.PlateauLRScheduler\nlr: 0.1\nnoise_range_t: 5\nmetrics: [0.5]"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("noise_range_t: timm LR noise is drawn from torch.Generator");
    }

    @Test
    void aPlateauCannotBeAChildOfSequentialLr() {
        assertThatThrownBy(() -> build("type: torch.SequentialLR\nlr: 0.1\nmilestones: [2]\nschedulers:\n"
                + "  - {type: torch.ExponentialLR, gamma: 0.9}\n  - {type: torch.ReduceLROnPlateau, metrics: [1]}"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("schedulers: schedulers[1]: a ReduceLROnPlateau cannot be combined: torch 1.13 "
                        + "fails when stepping it inside torch.SequentialLR (SequentialLR: no get_last_lr; "
                        + "ChainedScheduler: step() without the metric)");
    }

    @Test
    void aLogPathThatIsNoPathIsRefused() {
        assertThatThrownBy(() -> build("type: torch.ReduceLROnPlateau\nlr: 0.1\n"
                + "metrics: {log: \"a\\u0000b\", column: val_loss}"))
                .isInstanceOf(InputException.class).hasMessageContaining("is not a file name");
    }
}
