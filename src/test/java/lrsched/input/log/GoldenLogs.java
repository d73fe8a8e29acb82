package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import lrsched.core.InputException;
import lrsched.core.LoggedCurve;

/** The committed golden logs (src/test/resources/golden/logs) and their expected {@code update,lr} curves. */
final class GoldenLogs {
    private GoldenLogs() {}

    static Path dir(String format, String logCase) {
        Path p = Path.of("src/test/resources/golden/logs", format, logCase);
        assertThat(p).isDirectory();
        return p;
    }

    /** An {@code update,lr} file: the LR each update used. */
    static Map<Long, Double> curve(Path csv) {
        Map<Long, Double> lr = new TreeMap<>();
        try {
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("update,lr");
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                lr.put(Long.parseLong(cells[0]), Double.parseDouble(cells[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lr;
    }

    /** Every logged point lies at an update of {@code expected} and equals its LR within the log's resolution. */
    static void assertOnCurve(LoggedCurve logged, Map<Long, Double> expected) {
        assertThat(logged.size()).isPositive();
        for (int i = 0; i < logged.size(); i++) {
            long update = logged.step(i);
            assertThat(expected).as("update %d", update).containsKey(update);
            double want = expected.get(update);
            assertThat(logged.value(i)).as("update %d", update)
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(Math.abs(want) * logged.resolution()));
        }
    }

    /** The number of logged points that lie off {@code expected} by more than the log's resolution. */
    static long offCurve(LoggedCurve logged, Map<Long, Double> expected) {
        long off = 0;
        for (int i = 0; i < logged.size(); i++) {
            double want = expected.get(logged.step(i));
            if (Math.abs(logged.value(i) - want) > Math.abs(want) * logged.resolution()) {
                off++;
            }
        }
        return off;
    }

    static String error(LogRequest request) {
        try {
            LogReaders.read(request);
        } catch (InputException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }
}
