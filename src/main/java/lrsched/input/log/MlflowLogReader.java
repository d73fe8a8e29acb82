package lrsched.input.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;
import lrsched.input.LineLimit;

/**
 * Reads a learning rate from MLflow's file store ({@code mlruns/<experiment>/<run>/metrics/<key>}): a run folder,
 * its {@code metrics} folder, or one metric file. MLflow's {@code FileStore._log_run_metric} appends one line
 * {@code "<timestamp ms> <value> <step>"} per logged value to the file {@code metrics/<key>}, so a key with slashes
 * ({@code lr-AdamW/pg1}, {@code train/learning_rate}) is a file in nested folders; the key is its path under
 * {@code metrics}. Values are Python's {@code str(float)}, which round-trips a float64; {@code nan} and {@code inf}
 * are gaps. A line of two fields (older MLflow) has step 0, as MLflow reads it.
 *
 * <p>A step logged twice (a run resumed into the same run id) keeps the value with the later timestamp, the later
 * line on a tie: the file is streamed once in its order, which is timestamp order while the clock only advances; a
 * file whose timestamps go back is read a second time and its points ordered by timestamp.
 */
final class MlflowLogReader implements LogReader {

    private static final String METRICS = "metrics";
    private static final String META = "meta.yaml";
    /** What transformers' MLflowCallback calls the learning rate: the Trainer's own log key. */
    private static final String TRANSFORMERS_KEY = "learning_rate";
    /** A first line that claims a loose file: milliseconds since 1970 (10 digits or more), a value, a step. */
    private static final Pattern LINE = Pattern.compile("\\d{10,19} [^ \\r\\n]+ \\d{1,19}\\r?\\n.*", Pattern.DOTALL);

    private final int maxPoints;

    MlflowLogReader() {
        this(LoggedCurve.MAX_POINTS);
    }

    /** A reader that refuses logs of more than {@code maxPoints} points (a test's small cap). */
    MlflowLogReader(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    @Override
    public String name() {
        return "mlflow";
    }

    @Override
    public String files() {
        return "MLflow mlruns/<experiment>/<run> (a run folder, its metrics folder or one metrics/<key> file)";
    }

    /**
     * A run folder (with {@code meta.yaml} and {@code metrics}), a run's {@code metrics} folder, a file under one,
     * or a file whose first line is a metric line {@code "1700000000000 0.001 10"}.
     */
    @Override
    public boolean reads(Path path, byte[] head) {
        try {
            if (Files.isDirectory(path)) {
                return isRun(path) || isMetricsFolder(path);
            }
            return metricsFolderAbove(path) != null
                    || LINE.matcher(new String(head, StandardCharsets.ISO_8859_1)).matches();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isRun(Path folder) {
        return Files.isDirectory(folder.resolve(METRICS)) && Files.isRegularFile(folder.resolve(META));
    }

    private static boolean isMetricsFolder(Path folder) {
        Path name = folder.getFileName();
        Path run = folder.toAbsolutePath().getParent();
        return name != null && name.toString().equals(METRICS) && run != null && Files.isRegularFile(run.resolve(META));
    }

    /** The run's metrics folder a file lies under, or null. */
    private static Path metricsFolderAbove(Path file) {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (isMetricsFolder(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        Path path = request.file();
        Path file;
        String key;
        String source;
        if (Files.isDirectory(path)) {
            Path metrics = isMetricsFolder(path) ? path : path.resolve(METRICS);
            List<String> keys = keys(metrics, request);
            key = LoggedColumns.learningRateName(keys, "metrics", request, Location.of(request.source()));
            file = metrics.resolve(key);
            source = request.source() + (metrics == path ? "/" : "/" + METRICS + "/") + key;
        } else {
            Path metrics = metricsFolderAbove(path);
            file = path;
            key = metrics == null ? String.valueOf(path.getFileName())
                    : metrics.relativize(path.toAbsolutePath()).toString().replace('\\', '/');
            source = request.source();
        }
        StepMapping mapping = WriterByName.of(key, TRANSFORMERS_KEY, request.versions());
        MetricLines lines = new MetricLines(file, source, maxPoints, mapping);
        LoggedCurve.Builder points = lines.inFileOrder();
        if (points == null) {
            points = lines.inTimestampOrder();
        }
        if (points.size() == 0) {
            throw new InputException(Location.of(source), lines.lines == 0 ? "is empty: no logged value"
                    : "holds no value at or after update 0 (" + WriterByName.reading(mapping, lines.dropped) + ")");
        }
        return points.resolution(LoggedCurve.FLOAT64).reading(WriterByName.reading(mapping, lines.dropped))
                .build(request.displayLabel());
    }

    /** The metric keys of a metrics folder: its files' paths below it, with '/', sorted. */
    private static List<String> keys(Path metrics, LogRequest request) {
        if (!Files.isDirectory(metrics)) {
            throw new InputException(Location.of(request.source()), "has no metrics folder; name an MLflow run folder "
                    + "(mlruns/<experiment>/<run>)");
        }
        try (Stream<Path> files = Files.walk(metrics)) {
            List<String> keys = new ArrayList<>(files.filter(Files::isRegularFile)
                    .map(f -> metrics.relativize(f).toString().replace('\\', '/')).sorted().toList());
            if (keys.isEmpty()) {
                throw new InputException(Location.of(request.source()), "holds no metrics (its metrics folder is "
                        + "empty)");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One metric file's lines, streamed. */
    private static final class MetricLines {
        private final Path file;
        private final String source;
        private final int maxPoints;
        private final StepMapping mapping;
        long lines;
        long dropped;

        MetricLines(Path file, String source, int maxPoints, StepMapping mapping) {
            this.file = file;
            this.source = source;
            this.maxPoints = maxPoints;
            this.mapping = mapping;
        }

        interface Sink {
            void line(long timestamp, long step, double value);
        }

        /** The points in file order; null when a timestamp goes back (the order then needs sorting). */
        LoggedCurve.Builder inFileOrder() {
            LoggedCurve.Builder points = new LoggedCurve.Builder(source, maxPoints);
            long[] last = {Long.MIN_VALUE};
            boolean[] ordered = {true};
            read((timestamp, step, value) -> {
                if (timestamp < last[0]) {
                    ordered[0] = false;
                }
                last[0] = timestamp;
                if (ordered[0]) {
                    add(points, step, value);
                }
            });
            return ordered[0] ? points : null;
        }

        /** The points ordered by timestamp (stably: the later line first on a tie). */
        LoggedCurve.Builder inTimestampOrder() {
            int n = (int) Math.min(lines, maxPoints + 1L);
            long[] timestamps = new long[n];
            long[] steps = new long[n];
            double[] values = new double[n];
            int[] count = {0};
            read((timestamp, step, value) -> {
                if (count[0] == n) {
                    throw new InputException(Location.of(source), "has more than " + maxPoints + " logged points");
                }
                timestamps[count[0]] = timestamp;
                steps[count[0]] = step;
                values[count[0]++] = value;
            });
            Integer[] order = new Integer[count[0]];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Long.compare(timestamps[a], timestamps[b])); // stable
            LoggedCurve.Builder points = new LoggedCurve.Builder(source, maxPoints);
            dropped = 0;
            for (int i : order) {
                add(points, steps[i], values[i]);
            }
            return points;
        }

        private void add(LoggedCurve.Builder points, long step, double value) {
            long update = mapping.update(step);
            if (update < 0) {
                dropped++;
            } else {
                points.add(update, value);
            }
        }

        private void read(Sink sink) {
            lines = 0;
            dropped = 0;
            try (BufferedReader reader = LineLimit.open(file, source)) {
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    lines++;
                    parse(line, number, sink);
                }
            } catch (NoSuchFileException e) {
                throw new InputException(Location.of(source), "no such file");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** "timestamp value step", or "timestamp value" (step 0), split on single spaces as MLflow splits it. */
        private void parse(String line, int number, Sink sink) {
            String[] parts = line.strip().split(" ", -1);
            Location at = new Location(source, number, 1);
            if (parts.length != 2 && parts.length != 3) {
                throw new InputException(at, "'" + line.strip() + "' is not an MLflow metric line (\"timestamp value "
                        + "step\": three fields separated by single spaces)");
            }
            long timestamp;
            long step;
            double value;
            try {
                timestamp = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                throw new InputException(at, "the timestamp '" + parts[0] + "' is not a whole number");
            }
            try {
                value = CsvRows.number(parts[1]);
            } catch (NumberFormatException e) {
                throw new InputException(at.shifted(parts[0].length() + 1), "the value '" + parts[1] + "' is not a "
                        + "number");
            }
            try {
                step = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
            } catch (NumberFormatException e) {
                step = -1;
            }
            if (step < 0) {
                throw new InputException(at.shifted(parts[0].length() + parts[1].length() + 2), "the step '"
                        + parts[2] + "' is not a whole number, 0 or more");
            }
            sink.line(timestamp, step, value);
        }
    }
}
