package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import lrsched.core.InputException;
import lrsched.output.chart.ChartSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggedCurveSamplerTest {
    @TempDir
    Path dir;

    private static final long ALL = Long.MAX_VALUE;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static LoggedCurve curve(Path file) {
        return new LoggedCurve(file, file.getFileName().toString(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static LoggedCurve curve(Path file, String step, String value) {
        return new LoggedCurve(file, file.getFileName().toString(), Optional.ofNullable(step),
                Optional.ofNullable(value), Optional.empty());
    }

    private static ChartSeries sample(LoggedCurve c) {
        return LoggedCurveSampler.sample(c, 0, ALL, 800);
    }

    private static String error(LoggedCurve c) {
        try {
            sample(c);
        } catch (InputException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void tensorBoardExportIsReadWithoutNamingColumns() throws IOException {
        // TensorBoard's scalars plugin writes csv.writer rows under 'Wall time,Step,Value', lines ending in \r\n
        Path f = write("run-.-tag-lr.csv", "Wall time,Step,Value\r\n1700000000.5,0,0.0\r\n"
                + "1700000035.25,100,1.0000000474974513e-05\r\n1700000070.0,200,2.0000000949949026e-05\r\n");
        ChartSeries s = sample(curve(f));
        assertThat(s.label()).isEqualTo("run-.-tag-lr");
        assertThat(s.isLogged()).isTrue();
        assertThat(s.x()).containsExactly(0, 100, 200);
        assertThat(s.y()).containsExactly(0.0, 1.0000000474974513e-05, 2.0000000949949026e-05);
    }

    @Test
    void wandbExportSkipsMinMaxColumnsAndEmptyCells() throws IOException {
        Path f = write("wandb_export.csv", "\"Step\",\"run-a - train/learning_rate\","
                + "\"run-a - train/learning_rate__MIN\",\"run-a - train/learning_rate__MAX\"\n"
                + "0,0.1,0.1,0.1\n1,,,\n2,0.3,0.3,0.3\n");
        ChartSeries s = sample(curve(f));
        assertThat(s.x()).containsExactly(0, 2);
        assertThat(s.y()).containsExactly(0.1, 0.3);
    }

    @Test
    void wandbExportOfSeveralRunsNeedsTheRunOrTheMetricNamed() throws IOException {
        Path f = write("two.csv", "\"Step\",\"a - lr\",\"a - lr__MIN\",\"a - lr__MAX\",\"b - lr\",\"b - lr__MIN\","
                + "\"b - lr__MAX\"\n0,1,1,1,2,2,2\n");
        assertThat(error(curve(f))).isEqualTo("two.csv:1:1: 2 columns could be the learning rate ('a - lr', "
                + "'b - lr'); pick one with --overlay-value COLUMN");
        assertThat(sample(curve(f, null, "b - lr")).y()).containsExactly(2.0);
        assertThat(error(curve(f, null, "lr"))).isEqualTo("two.csv:1:1: --overlay-value lr matches 'a - lr', "
                + "'b - lr'; write one in full");
    }

    @Test
    void aTrainingLogPrefersTheColumnNamedLikeALearningRate() throws IOException {
        Path f = write("log.csv", "epoch,global_step,loss,lr,phase\n0,1,2.5,0.001,train\n0,2,2.4,0.002,train\n");
        ChartSeries s = sample(curve(f));
        assertThat(s.x()).containsExactly(1, 2);
        assertThat(s.y()).containsExactly(0.001, 0.002);
    }

    @Test
    void theOnlyNumericColumnBesidesStepAndTimeIsTheValue() throws IOException {
        Path f = write("plain.csv", "iteration,timestamp,rate,note\n5,1.5,0.25,warm\n6,2.5,0.5,\n");
        assertThat(sample(curve(f)).y()).containsExactly(0.25, 0.5);
    }

    @Test
    void namesMatchIgnoringCaseAndAsWandbMetrics() throws IOException {
        Path f = write("n.csv", "ITER,\"run - train/lr\",other\n3,0.5,1\n");
        ChartSeries s = sample(curve(f, "iter", "train/lr"));
        assertThat(s.x()).containsExactly(3);
        assertThat(s.y()).containsExactly(0.5);
    }

    @Test
    void unsortedLogWithRepeatedStepsIsSortedAndTheLastValueWins() throws IOException {
        Path f = write("restart.csv", "step,lr\n0,0\n10,1\n20,2\n30,3\n20,20\n30,30\n40,40\n5,0.5\n");
        ChartSeries s = sample(curve(f));
        assertThat(s.x()).containsExactly(0, 5, 10, 20, 30, 40);
        assertThat(s.y()).containsExactly(0, 0.5, 1, 20, 30, 40);
    }

    @Test
    void sortedLogWithAdjacentRepeatsKeepsTheLast() throws IOException {
        Path f = write("dup.csv", "step,lr\n0,1\n0,2\n1,3\n1,4\n1,5\n");
        ChartSeries s = sample(curve(f));
        assertThat(s.x()).containsExactly(0, 1);
        assertThat(s.y()).containsExactly(2, 5);
    }

    @Test
    void aSmallSortBudgetGivesTheSameCurveInSeveralPasses() throws IOException {
        Random random = new Random(11);
        List<Long> steps = new ArrayList<>();
        for (long s = 0; s < 5_000; s++) {
            steps.add(s);
            if (random.nextInt(10) == 0) {
                steps.add(s); // repeated, logged again later with another value
            }
        }
        Collections.shuffle(steps, random);
        StringBuilder text = new StringBuilder("step,lr\n");
        for (int i = 0; i < steps.size(); i++) {
            text.append(steps.get(i)).append(',').append(i).append('\n');
        }
        LoggedCurve c = curve(write("shuffled.csv", text.toString()));
        ChartSeries whole = LoggedCurveSampler.sample(c, 0, ALL, 5_000);
        // a merge that may hold every point, and one that gives up at once for sorting windows of 64 points
        assertThat(LoggedCurveSampler.sample(c, 0, ALL, 5_000, Integer.MAX_VALUE, 64)).isEqualTo(whole);
        assertThat(LoggedCurveSampler.sample(c, 0, ALL, 5_000, 8, 64)).isEqualTo(whole);
        // 5000 columns for 5000 steps: every step is kept, with its last value
        assertThat(whole.size()).isEqualTo(5_000);
        double[] y = whole.y();
        for (int i = 0; i < steps.size(); i++) {
            long s = steps.get(i);
            if (steps.lastIndexOf(s) == i) {
                assertThat(y[(int) s]).isEqualTo(i);
            }
        }
    }

    @Test
    void theStepWindowCutsTheLog() throws IOException {
        Path f = write("w.csv", "step,lr\n0,0\n100,1\n200,2\n300,3\n");
        ChartSeries s = LoggedCurveSampler.sample(curve(f), 100, 250, 800);
        assertThat(s.x()).containsExactly(100, 200);
    }

    @Test
    void aLongLogIsReducedToAFewPointsPerColumn() throws IOException {
        Path f = dir.resolve("long.csv");
        int rows = 300_000;
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            w.write("Wall time,Step,Value\n");
            for (int s = 0; s < rows; s++) {
                w.write("1700000000.0," + s + "," + (1e-3 * Math.cos(s / 5000.0) * Math.cos(s / 7.0)) + "\n");
            }
        }
        ChartSeries s = LoggedCurveSampler.sample(curve(f), 0, ALL, 400);
        assertThat(s.size()).isBetween(400, 4 * 400);
        assertThat(s.x()[0]).isZero();
        assertThat(s.x()[s.size() - 1]).isEqualTo(rows - 1);
    }

    @Test
    void nonFiniteValuesAreGapsAndDecimalStepsAreRead() throws IOException {
        Path f = write("gaps.csv", "\uFEFFstep,lr\n1.0,0.5\n2,nan\n3e0,inf\n4,0.25\n");
        ChartSeries s = sample(curve(f));
        assertThat(s.x()).containsExactly(1, 2, 4);
        assertThat(s.y()[1]).isNaN();
    }

    @Test
    void badFilesAreOneLineErrorsWithTheirPlace() throws IOException {
        write("empty.csv", "");
        write("header.csv", "Wall time,Step,Value\n");
        write("text.csv", "Wall time,Step,Value\n1,0,0.1\n2,1,abc\n");
        write("badstep.csv", "step,lr\n0,1\n1.5,2\n");
        write("negative.csv", "step,lr\n-1,1\n");
        write("short.csv", "step,lr\n0,1\n1\n");
        write("nostep.csv", "when,lr\n0,1\n");
        write("novalue.csv", "step,phase\n0,warmup\n");
        write("blank.csv", "step,lr\n0,\n");
        Files.write(dir.resolve("latin1.csv"), "step,lr\n0,1 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(error(curve(dir.resolve("latin1.csv")))).isEqualTo("latin1.csv: is not UTF-8 text; save it as "
                + "UTF-8");
        assertThat(error(curve(dir.resolve("missing.csv")))).isEqualTo("missing.csv: no such file");
        assertThat(error(new LoggedCurve(dir, "d", Optional.empty(), Optional.empty(), Optional.empty())))
                .isEqualTo("d: is a directory, not a CSV file");
        assertThat(error(curve(dir.resolve("empty.csv")))).startsWith("empty.csv: is empty; a logged curve needs");
        assertThat(error(curve(dir.resolve("header.csv")))).isEqualTo("header.csv: has a header but no rows");
        assertThat(error(curve(dir.resolve("text.csv")))).isEqualTo("text.csv:3:5: 'abc' in column 'Value' is not "
                + "a number");
        assertThat(error(curve(dir.resolve("badstep.csv")))).isEqualTo("badstep.csv:3:1: '1.5' in column 'step' is "
                + "not a step: steps are whole numbers");
        assertThat(error(curve(dir.resolve("negative.csv")))).isEqualTo("negative.csv:2:1: '-1' in column 'step' "
                + "is not a step: steps are 0 or more");
        assertThat(error(curve(dir.resolve("short.csv")))).isEqualTo("short.csv:3:1: the row has 1 cells; column "
                + "'lr' is cell 2");
        assertThat(error(curve(dir.resolve("nostep.csv")))).isEqualTo("nostep.csv:1:1: no step column (looked for "
                + "step, Step, global_step, _step, iteration); name it with --overlay-step COLUMN; the columns are "
                + "'when', 'lr'");
        assertThat(error(curve(dir.resolve("novalue.csv")))).isEqualTo("novalue.csv:1:1: no column besides the "
                + "step 'step' holds numbers; name the learning-rate column with --overlay-value COLUMN");
        assertThat(error(curve(dir.resolve("blank.csv")))).isEqualTo("blank.csv: no row has both a step (column "
                + "'step') and a value (column 'lr')");
        assertThat(error(curve(dir.resolve("text.csv"), "Step", "Valeu"))).isEqualTo("text.csv:1:1: no column "
                + "'Valeu' (--overlay-value); did you mean 'Value'?");
        assertThat(error(curve(dir.resolve("text.csv"), "Step", "loss"))).isEqualTo("text.csv:1:1: no column "
                + "'loss' (--overlay-value); the columns are 'Wall time', 'Step', 'Value'");
        assertThatThrownBy(() -> LoggedCurveSampler.sample(curve(dir.resolve("text.csv"), "Step", "Step"), 0, ALL,
                10)).hasMessage("text.csv:1:1: column 'Step' cannot be both the step and the learning rate");
    }

    @Test
    void aWindowWithoutLoggedStepsIsAnError() throws IOException {
        Path f = write("w.csv", "step,lr\n0,0\n100,1\n");
        assertThatThrownBy(() -> LoggedCurveSampler.sample(curve(f), 200, 300, 10))
                .hasMessage("w.csv: no logged step between 200 and 300 (the log has steps 0 to 100)");
    }

    @Test
    void theLabelIsTheBaseNameUnlessGiven() {
        assertThat(LoggedCurve.of(Path.of("logs/run 1.csv")).displayLabel()).isEqualTo("run 1");
        assertThat(LoggedCurve.of(Path.of("lr.tsv")).displayLabel()).isEqualTo("lr.tsv");
        assertThat(new LoggedCurve(Path.of("a.csv"), "a.csv", Optional.empty(), Optional.empty(),
                Optional.of("actual")).displayLabel()).isEqualTo("actual");
    }
}
