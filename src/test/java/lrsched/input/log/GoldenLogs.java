package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import lrsched.core.LoggedCurve;

/**
 * The golden logs under src/test/resources/golden/logs/, written by each framework's own code (the generators in
 * src/tools/golden/*_logs.py), each with its expected {@code update,lr} CSV beside it: the LR each update used.
 */
final class GoldenLogs {

    private GoldenLogs() {
    }

    /** The folder of one golden case of a CSV-family or binary format, e.g. {@code lightning}, {@code onecycle}. */
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

    /** A file or folder of the golden logs, e.g. {@code hf/old/checkpoint-40}. */
    static Path path(String relative) {
        URL url = GoldenLogs.class.getClassLoader().getResource("golden/logs/" + relative);
        if (url == null) {
            throw new AssertionError("no golden log " + relative + " under src/test/resources/golden/logs; see its "
                    + "README.md for the generators");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The LR each update used, by update, from {@code <case>.expected.csv}. */
    static double[] expected(String csv) {
        try {
            List<String> lines = Files.readAllLines(path(csv));
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

    /** Every logged point lies on the update whose LR it is, within the log's resolution; returns the curve. */
    static LoggedCurve assertOnExpected(LoggedCurve curve, double[] expected) {
        return assertShifted(curve, expected, 0);
    }

    /** Every point at update u holds the LR of update u + shift (a log one update off, for shift 1). */
    static LoggedCurve assertShifted(LoggedCurve curve, double[] expected, int shift) {
        assertThat(curve.size()).isPositive();
        for (int i = 0; i < curve.size(); i++) {
            long update = curve.step(i) + shift;
            assertThat(update).as("point %d (step %d)", i, curve.step(i)).isBetween(0L, expected.length - 1L);
            double want = expected[(int) update];
            double got = curve.value(i);
            assertThat(Math.abs(got - want)).as("update %d: logged %s, used %s", curve.step(i), got, want)
                    .isLessThanOrEqualTo(curve.resolution() * Math.max(Math.abs(got), Math.abs(want)));
        }
        return curve;
    }

    /** Whether some point differs from the LR its update used by more than the resolution. */
    static boolean differs(LoggedCurve curve, double[] expected) {
        for (int i = 0; i < curve.size(); i++) {
            double want = expected[(int) curve.step(i)];
            if (Math.abs(curve.value(i) - want) > curve.resolution() * Math.abs(want)) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code text} to {@code dir/name} (folders made), for a test's own small log. */
    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** A request for {@code file} with the default keys, naming it {@code source} in messages. */
    static LogRequest named(Path file, String source) {
        return new LogRequest(file, source, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
