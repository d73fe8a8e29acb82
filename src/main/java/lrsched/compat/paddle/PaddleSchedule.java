package lrsched.compat.paddle;

import java.util.OptionalLong;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;

/**
 * One {@code paddle.optimizer.lr} scheduler: row {@code s} is {@code scheduler()} (its {@code last_lr}) after the
 * constructor's step and {@code s} calls of {@code scheduler.step()}. It also knows the learning rates the scheduler
 * gives when {@code step(epoch)} is called with explicit epochs 0, 1, 2, ..., as LinearWarmup steps the scheduler it
 * wraps: Paddle then uses a class's {@code _get_closed_form_lr} (CosineAnnealingDecay) or its own epoch branch
 * (CosineAnnealingWarmRestarts), which differ from the stepped rows.
 */
final class PaddleSchedule implements Schedule {
    private final String type;
    private final Schedule stepped;
    private final Schedule byEpoch;
    private final boolean metricDriven;
    private final OptionalLong warmupEnd;
    private final OptionalLong nominalEnd;
    private final Pieces pieces;
    private final Pieces epochPieces;

    private PaddleSchedule(String type, Schedule stepped, Schedule byEpoch, boolean metricDriven,
                           OptionalLong warmupEnd, OptionalLong nominalEnd, Pieces pieces, Pieces epochPieces) {
        this.type = type;
        this.stepped = stepped;
        this.byEpoch = byEpoch;
        this.metricDriven = metricDriven;
        this.warmupEnd = warmupEnd;
        this.nominalEnd = nominalEnd;
        this.pieces = pieces;
        this.epochPieces = epochPieces;
    }

    /** A scheduler whose rows are the same however it is stepped. */
    static PaddleSchedule of(String type, Schedule rows) {
        return of(type, rows, rows);
    }

    /** A scheduler whose explicit-epoch rows ({@code step(epoch)}) differ from its stepped rows. */
    static PaddleSchedule of(String type, Schedule stepped, Schedule byEpoch) {
        return new PaddleSchedule(type, stepped, byEpoch, false, OptionalLong.empty(), OptionalLong.empty(),
                Pieces.UNKNOWN, Pieces.UNKNOWN);
    }

    /** ReduceOnPlateau: rows from a metric trace; its step(epoch) would read the epoch as the metric. */
    static PaddleSchedule metricDriven(String type, Schedule rows) {
        return new PaddleSchedule(type, rows, rows, true, OptionalLong.empty(), OptionalLong.empty(),
                Pieces.UNKNOWN, Pieces.UNKNOWN);
    }

    PaddleSchedule warmupUntil(long step) {
        return new PaddleSchedule(type, stepped, byEpoch, metricDriven, OptionalLong.of(step), nominalEnd, pieces,
                epochPieces);
    }

    PaddleSchedule endingAt(long step) {
        return new PaddleSchedule(type, stepped, byEpoch, metricDriven, warmupEnd, OptionalLong.of(step), pieces,
                epochPieces);
    }

    /** The monotone pieces of the rows, the same stepped and by explicit epochs (see {@link Pieces}). */
    PaddleSchedule monotoneOn(Pieces rows) {
        return monotoneOn(rows, rows);
    }

    /** The monotone pieces of the stepped rows and of the explicit-epoch rows. */
    PaddleSchedule monotoneOn(Pieces rows, Pieces epochs) {
        return new PaddleSchedule(type, stepped, byEpoch, metricDriven, warmupEnd, nominalEnd, rows, epochs);
    }

    @Override
    public Pieces pieces() {
        return pieces;
    }

    /** The pieces of {@link #atEpoch}'s rows. */
    Pieces epochPieces() {
        return epochPieces;
    }

    String type() {
        return type;
    }

    boolean metricDriven() {
        return metricDriven;
    }

    @Override
    public double at(long step) {
        return finite(stepped.at(step), step);
    }

    /** The rate after {@code step(epoch)} with epochs 0, 1, ..., {@code epoch} in turn. */
    double atEpoch(long epoch) {
        return finite(byEpoch.at(epoch), epoch);
    }

    @Override
    public OptionalLong warmupEnd() {
        return warmupEnd;
    }

    @Override
    public OptionalLong nominalEnd() {
        return nominalEnd;
    }

    /** Paddle's float arithmetic overflows to inf (or gives nan) without raising; no output can use that rate. */
    private double finite(double value, long step) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new StepOutOfRangeException(step, type + " gives " + value + " at step " + step
                    + " (Paddle's float arithmetic overflows there without raising)");
        }
        return value;
    }
}
