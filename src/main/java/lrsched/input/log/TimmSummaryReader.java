package lrsched.input.log;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.LoggedCurve;

/**
 * Reads the learning rate from timm's {@code summary.csv}: one row per epoch written by train.py through
 * {@code timm.utils.update_summary}, columns {@code epoch} (from 0), {@code train_*}, {@code eval_*} and {@code lr},
 * the mean of the param groups' LR after the epoch's last update (read before {@code lr_scheduler.step(epoch + 1)}).
 * Values are Python's {@code str(float)}: full precision.
 *
 * <p>A resumed run appends to the file and writes the header again ({@code write_header=best_metric is None}), and
 * may write again an epoch it had logged: repeated headers are skipped, and a later row for an epoch wins. Each
 * epoch lands at its last update, so the reader needs the updates per epoch.
 */
final class TimmSummaryReader implements LogReader {

    private static final String FILE = "summary.csv";
    private static final String LOG = "a timm summary.csv";

    @Override
    public String name() {
        return "timm";
    }

    @Override
    public String files() {
        return "summary.csv of timm's train.py";
    }

    /** A file named summary.csv whose header starts with {@code epoch} and has {@code lr}. */
    @Override
    public boolean reads(Path path, byte[] head) {
        List<String> header = CsvRows.headerIfNamed(path, head, FILE);
        return !header.isEmpty() && header.get(0).equals("epoch") && header.contains("lr");
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        EpochCsvLog log = EpochCsvLog.read(request, LOG, "lr", Set.of(), OptionalLong.of(0));
        return log.points().resolution(LoggedCurve.FLOAT64)
                .reading("timm's train.py logs each epoch's " + log.valueName() + " after its last update: "
                        + log.placement().placed() + " (with --sched-on-updates it is the next update's LR)")
                .build(request.displayLabel());
    }
}
