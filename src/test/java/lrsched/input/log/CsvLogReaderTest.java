package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.LoggedCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV logs (TensorBoard and W&B exports, training scripts' own) read through {@link LogReaders}. */
class CsvLogReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static LogRequest request(Path file) {
        return request(file, null, null);
    }

    private static LogRequest request(Path file, String step, String value) {
        return new LogRequest(file, file.getFileName().toString(), Optional.ofNullable(step),
                Optional.ofNullable(value), Optional.empty());
    }

    private static LoggedCurve read(LogRequest r) {
        return LogReaders.read(r);
    }

    private static void assertPoints(LoggedCurve c, long[] steps, double... values) {
        assertThat(c.steps()).containsExactly(steps);
        assertThat(c.values()).containsExactly(values);
    }

    private static String error(LogRequest r) {
        try {
            read(r);
        } catch (InputException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void theCsvReaderIsRegisteredLastAndTakesEveryFileNoOtherReaderClaims() throws IOException {
        List<LogReader> readers = LogReaders.all();
        assertThat(readers.get(readers.size() - 1)).isInstanceOf(CsvLogReader.class);
        assertThat(LogReaders.readerFor(request(write("notes.txt", "step,lr\n0,1\n"))))
                .isInstanceOf(CsvLogReader.class);
        assertThat(new CsvLogReader().reads(dir, new byte[0])).isFalse();
    }

    @Test
    void tensorBoardExportIsReadWithoutNamingColumns() throws IOException {
        // TensorBoard's scalars plugin writes csv.writer rows under 'Wall time,Step,Value', lines ending in \r\n
        Path f = write("run-.-tag-lr.csv", "Wall time,Step,Value\r\n1700000000.5,0,0.0\r\n"
                + "1700000035.25,100,1.0000000474974513e-05\r\n1700000070.0,200,2.0000000949949026e-05\r\n");
        LoggedCurve c = read(request(f));
        assertThat(c.label()).isEqualTo("run-.-tag-lr");
        assertThat(c.source()).isEqualTo("run-.-tag-lr.csv");
        assertThat(c.steps()).containsExactly(0, 100, 200);
        assertThat(c.values()).containsExactly(0.0, 1.0000000474974513e-05, 2.0000000949949026e-05);
    }

    @Test
    void wandbExportSkipsMinMaxColumnsAndEmptyCells() throws IOException {
        Path f = write("wandb_export.csv", "\"Step\",\"run-a - train/learning_rate\","
                + "\"run-a - train/learning_rate__MIN\",\"run-a - train/learning_rate__MAX\"\n"
                + "0,0.1,0.1,0.1\n1,,,\n2,0.3,0.3,0.3\n");
        assertPoints(read(request(f)), new long[] {0, 2}, 0.1, 0.3);
    }

    @Test
    void wandbExportOfSeveralRunsNeedsTheRunOrTheMetricNamed() throws IOException {
        Path f = write("two.csv", "\"Step\",\"a - lr\",\"a - lr__MIN\",\"a - lr__MAX\",\"b - lr\",\"b - lr__MIN\","
                + "\"b - lr__MAX\"\n0,1,1,1,2,2,2\n");
        assertThat(error(request(f))).isEqualTo("two.csv:1:1: 2 columns could be the learning rate ('a - lr', "
                + "'b - lr'); pick one with --overlay-value COLUMN");
        assertThat(read(request(f, null, "b - lr")).values()).containsExactly(2.0);
        assertThat(error(request(f, null, "lr"))).isEqualTo("two.csv:1:1: --overlay-value lr matches 'a - lr', "
                + "'b - lr'; write one in full");
    }

    @Test
    void aTrainingLogPrefersTheColumnNamedLikeALearningRate() throws IOException {
        Path f = write("log.csv", "epoch,global_step,loss,lr,phase\n0,1,2.5,0.001,train\n0,2,2.4,0.002,train\n");
        assertPoints(read(request(f)), new long[] {1, 2}, 0.001, 0.002);
    }

    @Test
    void theOnlyNumericColumnBesidesStepAndTimeIsTheValue() throws IOException {
        Path f = write("plain.csv", "iteration,timestamp,rate,note\n5,1.5,0.25,warm\n6,2.5,0.5,\n");
        assertThat(read(request(f)).values()).containsExactly(0.25, 0.5);
    }

    @Test
    void namesMatchIgnoringCaseAndAsWandbMetrics() throws IOException {
        Path f = write("n.csv", "ITER,\"run - train/lr\",other\n3,0.5,1\n");
        assertPoints(read(request(f, "iter", "train/lr")), new long[] {3}, 0.5);
    }

    @Test
    void unsortedLogWithRepeatedStepsIsSortedAndTheLastValueWins() throws IOException {
        Path f = write("restart.csv", "step,lr\n0,0\n10,1\n20,2\n30,3\n20,20\n30,30\n40,40\n5,0.5\n");
        assertPoints(read(request(f)), new long[] {0, 5, 10, 20, 30, 40}, 0, 0.5, 1, 20, 30, 40);
    }

    @Test
    void sortedLogWithAdjacentRepeatsKeepsTheLast() throws IOException {
        Path f = write("dup.csv", "step,lr\n0,1\n0,2\n1,3\n1,4\n1,5\n");
        assertPoints(read(request(f)), new long[] {0, 1}, 2, 5);
    }

    @Test
    void nonFiniteValuesAreKeptAndDecimalStepsAreRead() throws IOException {
        Path f = write("gaps.csv", "\uFEFFstep,lr\n1.0,0.5\n2,nan\n3e0,-inf\n4,0.25\n");
        LoggedCurve c = read(request(f));
        assertThat(c.steps()).containsExactly(1, 2, 3, 4);
        assertThat(c.value(1)).isNaN();
        assertThat(c.value(2)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aLogAboveTheCapIsRefusedInOneLine() throws IOException {
        Path f = write("long.csv", "step,lr\n0,1\n1,1\n2,1\n1,2\n");
        LogRequest r = request(f);
        // the cap counts the rows read, repeated steps included: they all take memory until sorted
        assertThat(new CsvLogReader(4).read(r).size()).isEqualTo(3);
        assertThatThrownBy(() -> new CsvLogReader(3).read(r)).isInstanceOf(InputException.class)
                .hasMessage("long.csv: has more than 3 logged points, the most lrsched reads from one log; thin it "
                        + "out first (every 10th point still shows the schedule's shape)");
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
        assertThat(error(request(dir.resolve("latin1.csv")))).isEqualTo("latin1.csv: is not UTF-8 text; save it "
                + "as UTF-8");
        assertThat(error(request(dir.resolve("missing.csv")))).isEqualTo("missing.csv: no such file");
        assertThat(error(new LogRequest(dir, "d", Optional.empty(), Optional.empty(), Optional.empty())))
                .startsWith("d: is a folder with no log lrsched reads (it reads ").endsWith("; name the log file itself");
        assertThat(error(request(dir.resolve("empty.csv")))).startsWith("empty.csv: is empty; a logged curve needs");
        assertThat(error(request(dir.resolve("header.csv")))).isEqualTo("header.csv: has a header but no rows");
        assertThat(error(request(dir.resolve("text.csv")))).isEqualTo("text.csv:3:5: 'abc' in column 'Value' is "
                + "not a number");
        assertThat(error(request(dir.resolve("badstep.csv")))).isEqualTo("badstep.csv:3:1: '1.5' in column 'step' "
                + "is not a step: steps are whole numbers");
        assertThat(error(request(dir.resolve("negative.csv")))).isEqualTo("negative.csv:2:1: '-1' in column "
                + "'step' is not a step: steps are 0 or more");
        assertThat(error(request(dir.resolve("short.csv")))).isEqualTo("short.csv:3:1: the row has 1 cells; "
                + "column 'lr' is cell 2");
        assertThat(error(request(dir.resolve("nostep.csv")))).isEqualTo("nostep.csv:1:1: no step column (looked "
                + "for step, Step, global_step, _step, iteration); name it with --overlay-step COLUMN; the columns "
                + "are 'when', 'lr'");
        assertThat(error(request(dir.resolve("novalue.csv")))).isEqualTo("novalue.csv:1:1: no column besides the "
                + "step 'step' holds numbers; name the learning-rate column with --overlay-value COLUMN");
        assertThat(error(request(dir.resolve("blank.csv")))).isEqualTo("blank.csv: no row has both a step (column "
                + "'step') and a value (column 'lr')");
        assertThat(error(request(dir.resolve("text.csv"), "Step", "Valeu"))).isEqualTo("text.csv:1:1: no column "
                + "'Valeu' (--overlay-value); did you mean 'Value'?");
        assertThat(error(request(dir.resolve("text.csv"), "Step", "loss"))).isEqualTo("text.csv:1:1: no column "
                + "'loss' (--overlay-value); the columns are 'Wall time', 'Step', 'Value'");
        assertThat(error(request(dir.resolve("text.csv"), "Step", "Step"))).isEqualTo("text.csv:1:1: column "
                + "'Step' cannot be both the step and the learning rate");
    }

    @Test
    void theLabelIsTheBaseNameUnlessGiven() throws IOException {
        assertThat(LogRequest.of(Path.of("logs/run 1.csv")).displayLabel()).isEqualTo("run 1");
        assertThat(LogRequest.of(Path.of("lr.tsv")).displayLabel()).isEqualTo("lr.tsv");
        Path f = write("a.csv", "step,lr\n0,1\n");
        assertThat(read(new LogRequest(f, "a.csv", Optional.empty(), Optional.empty(), Optional.of("actual")))
                .label()).isEqualTo("actual");
    }
}
