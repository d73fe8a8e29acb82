package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.LoggedCurve;

/**
 * What the log readers' tests share: requests, the one-line error of a read, the golden logs of
 * src/test/resources/golden/logs (written by src/tools/golden/tensorboard_mlflow_logs.py with the writers' own code),
 * and the check that a read curve puts every logged value at the update that used it.
 */
final class LogTesting {

    private LogTesting() {
    }

    /** A request for {@code path} (its name as the source), with the value column, key or tag named, or none. */
    static LogRequest request(Path path, String value) {
        return new LogRequest(path, path.getFileName().toString(), Optional.empty(), Optional.ofNullable(value),
                Optional.empty());
    }

    /** The message of the error the request's read throws. */
    static String error(LogRequest request) {
        try {
            LogReaders.read(request);
        } catch (InputException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    /** A file or folder under golden/logs. */
    static Path golden(String relative) {
        try {
            return Path.of(LogTesting.class.getClassLoader().getResource("golden/logs/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The LR each update used (the {@code update,lr} CSV beside a golden log), indexed by update. */
    static double[] expected(String csv) {
        try {
            List<String> lines = Files.readAllLines(golden(csv));
            double[] lr = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                assertThat(Integer.parseInt(cells[0])).isEqualTo(i - 1);
                lr[i - 1] = Double.parseDouble(cells[1]);
            }
            return lr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every point of the curve is at the update that used its value: equal to the expected LR as the log stores it
     * (float32 when {@code float32}). A writer that logs the next update's LR logs, after the last update, the LR of
     * an update that never ran: at most one point past the CSV's end is allowed, and returned as the count.
     */
    static int assertOnUpdates(LoggedCurve curve, double[] expected, boolean float32) {
        int past = 0;
        for (int i = 0; i < curve.size(); i++) {
            long update = curve.step(i);
            if (update >= expected.length) {
                past++;
                continue;
            }
            double want = float32 ? (double) (float) expected[(int) update] : expected[(int) update];
            assertThat(curve.value(i)).as("update %d", update).isEqualTo(want);
        }
        assertThat(past).as("points past the last update").isLessThanOrEqualTo(1);
        return past;
    }
}
