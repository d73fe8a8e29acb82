package lrsched.input.log;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.LoggedCurve;

/**
 * Reads the learning rate from ultralytics' {@code results.csv}: one row per epoch written by
 * {@code BaseTrainer.save_metrics}, columns {@code epoch}, ({@code time},) the losses and metrics, and
 * {@code lr/pg0}, {@code lr/pg1}, {@code lr/pg2}, the param groups' LR after the epoch's last batch (read before
 * the scheduler's epoch step).
 *
 * <p>Releases before 8.3.9 pad every cell to 23 characters ({@code "%23s,"} headers, {@code "%23.5g,"} values: five
 * significant digits); later ones write {@code "%.6g,"} (six). The earliest 8.0 releases number epochs from 0,
 * later ones from 1: the first row says which. Each epoch lands at its last update, so the reader needs the updates
 * per epoch.
 *
 * <p>The default column is {@code lr/pg1}, a weight group in every release: the bias group, which warms down from
 * {@code warmup_bias_lr}, is pg0 in older releases and pg2 in newer ones.
 */
final class UltralyticsResultsReader implements LogReader {

    /** The relative precision of {@code %.5g}: half a unit in the fifth significant digit. */
    static final double FIVE_DIGITS = 5e-5;

    private static final String FILE = "results.csv";
    private static final String LOG = "an ultralytics results.csv";

    @Override
    public String name() {
        return "ultralytics";
    }

    @Override
    public String files() {
        return "results.csv of ultralytics";
    }

    /** A file named results.csv whose header has {@code epoch} first and {@code lr/pg0} (or is cut by the head). */
    @Override
    public boolean reads(Path path, byte[] head) {
        List<String> header = CsvRows.headerIfNamed(path, head, FILE);
        if (header.isEmpty() || !header.get(0).equals("epoch")) {
            return false;
        }
        // a padded header of many columns runs past the head before the lr columns, which come last
        return header.contains("lr/pg0") || (!CsvRows.headerComplete(head)
                && header.stream().anyMatch(c -> c.startsWith("train/")));
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        EpochCsvLog log = EpochCsvLog.read(request, LOG, "lr/pg1", Set.of("time"), OptionalLong.empty());
        return log.points().resolution(log.padded() ? FIVE_DIGITS : LoggedCurve.SIX_DIGITS)
                .reading("ultralytics logs each epoch's " + log.valueName() + " after its last batch: "
                        + log.placement().placed())
                .build(request.displayLabel());
    }
}
