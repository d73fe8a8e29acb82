package lrsched.input.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;

/**
 * Reads the learning rate that Lightning's LearningRateMonitor logs to the CSVLogger's {@code metrics.csv}: columns
 * {@code lr-<Optimizer>} ({@code lr-SGD}, {@code lr-AdamW/pg1}, {@code lr-Adam-1}) and {@code step}, one row per log
 * call, the other columns of a row empty.
 *
 * <p>The monitor logs at step s = {@code _batches_that_stepped}, the optimizer updates done so far, from
 * on_train_batch_start (interval step) or on_train_epoch_start (interval epoch): the LR the next update, s, uses.
 * So a value at step s is update s's.
 *
 * <p>Takes the file, a {@code version_N} folder, or the logger's folder ({@code lightning_logs}) holding
 * {@code version_N} folders: those are read in version order into one curve, a later version's value winning on a
 * step two versions logged (a run resumed from a checkpoint writes the next version_N, its steps continuing).
 */
final class LightningCsvLogReader implements LogReader {

    static final String FILE = "metrics.csv";
    private static final Pattern VERSION = Pattern.compile("version_(\\d+)");
    private static final String LOG = "a Lightning metrics.csv";

    @Override
    public String name() {
        return "lightning";
    }

    @Override
    public String files() {
        return "metrics.csv of Lightning's CSVLogger (the file, a version_N folder, or the folder of version_N "
                + "folders)";
    }

    /**
     * A file named metrics.csv whose header has an {@code lr-} column and {@code step} (or is longer than the head
     * shows); a folder holding metrics.csv, a version_N folder with no TensorBoard events file, or a folder whose
     * version_N folders hold metrics.csv.
     */
    @Override
    public boolean reads(Path path, byte[] head) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(FILE)) || isBareVersionFolder(path)
                    || !versionFolders(path).isEmpty();
        }
        List<String> header = CsvRows.headerIfNamed(path, head, FILE);
        return header.stream().anyMatch(c -> c.startsWith("lr-"))
                && (header.contains("step") || !CsvRows.headerComplete(head));
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        List<Path> files = metricsFiles(request);
        LoggedCurve.Builder points = new LoggedCurve.Builder(request.source()).resumesSupersede();
        String valueName = null;
        for (Path file : files) {
            String source = files.size() == 1 && file.equals(request.file()) ? request.source()
                    : request.source() + "/" + request.file().relativize(file).toString().replace('\\', '/');
            valueName = readFile(file, source, request, valueName, points);
        }
        if (points.size() == 0) {
            throw new InputException(Location.of(request.source()), "no row has both a step (column 'step') and "
                    + "a value (column '" + valueName + "')");
        }
        String reading = "Lightning's LearningRateMonitor logs at step s (the updates done) the LR update s uses: "
                + "shown at update s";
        if (files.size() > 1) {
            reading += "; " + files.size() + " versions read in order, a later one winning on a step both logged";
        }
        return points.resolution(LoggedCurve.FLOAT64).reading(reading).build(request.displayLabel());
    }

    /** Reads one metrics.csv into {@code points}; returns the learning-rate column's name. */
    private static String readFile(Path file, String source, LogRequest request, String chosen,
                                   LoggedCurve.Builder points) {
        try (CsvRows rows = CsvRows.open(file, source, "is empty; Lightning's CSVLogger writes a header line "
                + "first")) {
            List<String> header = rows.header().stream().map(String::strip).toList();
            LogRequest here = new LogRequest(request.file(), source, request.stepColumn(), request.valueColumn(),
                    request.label(), request.versions(), request.updatesPerEpoch());
            int step = WriterColumns.step(header, "step", LOG, here);
            String valueName = chosen != null ? chosen : WriterColumns.learningRate(header, Optional.empty(),
                    LightningCsvLogReader::mayBeTheRate, here);
            int value = header.indexOf(valueName);
            if (value < 0) {
                throw new InputException(new Location(source, 1, 1), "no column '" + valueName + "', which the "
                        + "first version logged the learning rate in");
            }
            while (rows.next()) {
                if (rows.cellOrEmpty(step).isBlank() || rows.cellOrEmpty(value).isBlank()) {
                    continue; // a row another log call wrote
                }
                long s = rows.step(step, "step");
                points.add(s, rows.value(value, valueName));
            }
            return valueName;
        }
    }

    /** Any column but the bookkeeping ones and the monitor's momentum and weight decay columns. */
    private static boolean mayBeTheRate(String column) {
        return !column.equals("step") && !column.equals("epoch") && !column.endsWith("-momentum")
                && !column.endsWith("-weight_decay");
    }

    /** The metrics.csv files the request names, oldest version first. */
    private static List<Path> metricsFiles(LogRequest request) {
        Path path = request.file();
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        if (Files.isRegularFile(path.resolve(FILE))) {
            return List.of(path.resolve(FILE));
        }
        List<Path> versions = versionFolders(path);
        if (!versions.isEmpty()) {
            return versions.stream().map(v -> v.resolve(FILE)).toList();
        }
        throw new InputException(Location.of(request.source()), "has no metrics.csv; point at a version_N folder "
                + "that Lightning's CSVLogger wrote, or at its metrics.csv");
    }

    /** A folder named version_N with neither metrics.csv nor a TensorBoard events file: a CSVLogger's, empty. */
    private static boolean isBareVersionFolder(Path path) {
        Path name = path.getFileName();
        if (name == null || !VERSION.matcher(name.toString()).matches()) {
            return false;
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.noneMatch(c -> c.getFileName().toString().startsWith("events.out.tfevents"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The version_N folders in {@code path} that hold metrics.csv, by N. */
    private static List<Path> versionFolders(Path path) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(path)) {
            children.filter(c -> VERSION.matcher(c.getFileName().toString()).matches())
                    .filter(c -> Files.isRegularFile(c.resolve(FILE)))
                    .forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        found.sort(Comparator.comparingLong(LightningCsvLogReader::versionNumber));
        return found;
    }

    private static long versionNumber(Path folder) {
        Matcher m = VERSION.matcher(folder.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException(folder.toString());
        }
        String digits = m.group(1);
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
