package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.LoggedCurve;

/**
 * What the log readers' tests share: requests, the one-line error of a read, and the check that a read curve puts
 * every logged value at the update that used it (the golden logs themselves are found with {@link GoldenLogs}).
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
