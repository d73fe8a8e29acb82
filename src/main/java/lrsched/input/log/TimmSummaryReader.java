package lrsched.input.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.Location;
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
        Path name = path.getFileName();
        if (name == null || !name.toString().equals(FILE) || Files.isDirectory(path)) {
            return false;
        }
        List<String> header = CsvRows.headerOf(head);
        return !header.isEmpty() && header.get(0).equals("epoch") && header.contains("lr");
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        long updatesPerEpoch = EpochPlacement.updatesPerEpoch(request);
        String source = request.source();
        EpochPlacement placement = new EpochPlacement(updatesPerEpoch, 0);
        try (CsvRows rows = CsvRows.open(request.file(), source, "is empty; timm writes a header line first")) {
            List<String> header = rows.header().stream().map(String::strip).toList();
            int epoch = WriterColumns.step(header, "epoch", LOG, request);
            String valueName = WriterColumns.learningRate(header, Optional.of("lr"), c -> !c.equals("epoch"),
                    request);
            int value = header.indexOf(valueName);
            String stepName = header.get(epoch);
            LoggedCurve.Builder points = new LoggedCurve.Builder(source);
            int rowsRead = 0;
            while (rows.next()) {
                if (rows.cellOrEmpty(0).strip().equals("epoch")) { // the header again: a resumed run
                    List<String> again = rows.row().cells().stream().map(String::strip).toList();
                    epoch = again.indexOf(stepName);
                    value = again.indexOf(valueName);
                    if (value < 0) {
                        throw new InputException(rows.at(0), "this repeated header has no column '" + valueName
                                + "'; the columns are '" + String.join("', '", again) + "'");
                    }
                    continue;
                }
                rowsRead++;
                if (rows.cellOrEmpty(epoch).isBlank() || rows.cellOrEmpty(value).isBlank()) {
                    continue;
                }
                long e = rows.step(epoch, "epoch");
                points.add(placement.update(e, rows.at(epoch)), rows.value(value, valueName));
            }
            if (rowsRead == 0) {
                throw new InputException(Location.of(source), "has a header but no rows");
            }
            if (points.size() == 0) {
                throw new InputException(Location.of(source), "no row has both an epoch and a value (column '"
                        + valueName + "')");
            }
            return points.resolution(LoggedCurve.FLOAT64)
                    .reading("timm's train.py logs each epoch's " + valueName + " after its last update: "
                            + placement.placed() + " (with --sched-on-updates it is the next update's LR)")
                    .build(request.displayLabel());
        }
    }
}
