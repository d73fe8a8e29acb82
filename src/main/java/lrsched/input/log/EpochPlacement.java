package lrsched.input.log;

import lrsched.core.InputException;
import lrsched.core.Location;

/**
 * Where a per-epoch log's value lands among the updates: a value logged for an epoch is the LR of that epoch's last
 * update (ultralytics and timm read the optimizer's LR after the epoch's last update and before the scheduler's
 * epoch step), so epoch e, counted from {@code firstEpoch}, lands at update {@code (e - firstEpoch + 1) * N - 1}.
 *
 * @param updatesPerEpoch N, the optimizer updates in one epoch
 * @param firstEpoch      how the writer numbers the first epoch (0 or 1)
 */
record EpochPlacement(long updatesPerEpoch, long firstEpoch) {

    /** The problem of a per-epoch log read without the updates per epoch. */
    static final String NEEDS_UPDATES_PER_EPOCH =
            "logs one value per epoch; give the updates per epoch with --steps-per-epoch N";

    /**
     * The request's updates per epoch.
     *
     * @throws InputException when the request has none
     */
    static long updatesPerEpoch(LogRequest request) {
        return request.updatesPerEpoch().orElseThrow(() -> new InputException(Location.of(request.source()),
                NEEDS_UPDATES_PER_EPOCH));
    }

    /**
     * The update whose LR a value logged for {@code epoch} is.
     *
     * @param where the epoch cell, for messages
     */
    long update(long epoch, Location where) {
        if (epoch < firstEpoch) {
            throw new InputException(where, "epoch " + epoch + " in a log whose epochs count from " + firstEpoch);
        }
        try {
            return Math.addExact(Math.multiplyExact(epoch - firstEpoch + 1, updatesPerEpoch), -1);
        } catch (ArithmeticException e) {
            throw new InputException(where, "epoch " + epoch + " times " + updatesPerEpoch
                    + " updates per epoch is past the last update lrsched counts");
        }
    }

    /** The reading line's part that says where epochs land. */
    String placed() {
        return "epoch e (counted from " + firstEpoch + ") shown at its last update, " + (firstEpoch == 0 ? "(e + 1)"
                : "e") + " x " + updatesPerEpoch + " - 1";
    }
}
