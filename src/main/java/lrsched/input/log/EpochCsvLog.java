package lrsched.input.log;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;

/**
 * A CSV log with one row per epoch and an {@code epoch} column (ultralytics' results.csv, timm's summary.csv), read
 * into points at each epoch's last update ({@link EpochPlacement}). Cells may be padded with spaces; a line that
 * repeats the header (a resumed run appending to the file) is skipped and its columns looked up again by name; a
 * later row for an epoch wins.
 *
 * @param points    the points read, for the reader to give its resolution and reading
 * @param placement where the epochs landed
 * @param valueName the learning-rate column
 * @param padded    whether the header's names are padded with spaces
 */
record EpochCsvLog(LoggedCurve.Builder points, EpochPlacement placement, String valueName, boolean padded) {

    private static final String EPOCH = "epoch";

    /**
     * Reads the log.
     *
     * @param log         what the log is, for messages ({@code "a timm summary.csv"})
     * @param usualColumn the writer's learning-rate column, read unless the user names another
     * @param bookkeeping columns that never hold the learning rate besides {@code epoch}
     * @param firstEpoch  how the writer numbers the first epoch; empty: 0 when the first row's epoch is 0, else 1
     * @throws InputException without updates per epoch, and for a malformed log
     */
    static EpochCsvLog read(LogRequest request, String log, String usualColumn, Set<String> bookkeeping,
                            OptionalLong firstEpoch) {
        long updatesPerEpoch = EpochPlacement.updatesPerEpoch(request);
        String source = request.source();
        try (CsvRows rows = CsvRows.open(request.file(), source, "is empty; the writer of " + log + " puts a "
                + "header line first")) {
            List<String> header = stripped(rows.header());
            int epoch = WriterColumns.step(header, EPOCH, log, request);
            String valueName = WriterColumns.learningRate(header, Optional.of(usualColumn),
                    c -> !c.equals(EPOCH) && !bookkeeping.contains(c), request);
            int value = header.indexOf(valueName);
            LoggedCurve.Builder points = new LoggedCurve.Builder(source).resumesSupersede();
            EpochPlacement placement = firstEpoch.isPresent()
                    ? new EpochPlacement(updatesPerEpoch, firstEpoch.getAsLong()) : null;
            int rowsRead = 0;
            while (rows.next()) {
                if (rows.cellOrEmpty(0).strip().equals(EPOCH)) { // the header again: a resumed run
                    List<String> again = stripped(rows.row().cells());
                    epoch = again.indexOf(EPOCH);
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
                long e = rows.step(epoch, EPOCH);
                if (placement == null) {
                    placement = new EpochPlacement(updatesPerEpoch, e == 0 ? 0 : 1);
                }
                points.add(placement.update(e, rows.at(epoch)), rows.value(value, valueName));
            }
            if (rowsRead == 0) {
                throw new InputException(Location.of(source), "has a header but no rows");
            }
            if (points.size() == 0) {
                throw new InputException(Location.of(source), "no row has both an epoch and a value (column '"
                        + valueName + "')");
            }
            boolean padded = rows.header().stream().anyMatch(c -> !c.equals(c.strip()));
            return new EpochCsvLog(points, placement, valueName, padded);
        }
    }

    private static List<String> stripped(List<String> cells) {
        return cells.stream().map(String::strip).toList();
    }
}
