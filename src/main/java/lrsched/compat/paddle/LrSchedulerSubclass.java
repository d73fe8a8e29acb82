package lrsched.compat.paddle;

import java.util.OptionalLong;

import lrsched.core.Pieces;
import lrsched.core.Schedule;

/**
 * A subclass of Paddle's {@code LRScheduler} that another library defines (PaddleOCR's ppocr/optimizer/lr_scheduler.py),
 * as a schedule that {@code paddle.LinearWarmup} can wrap: its stepped rows (row {@code s} after the constructor's
 * step and {@code s} calls of {@code step()}) and the rows {@code step(epoch)} gives, which LinearWarmup uses (the
 * class's {@code _get_closed_form_lr} when it has one, else its {@code get_lr}).
 */
public final class LrSchedulerSubclass {
    private LrSchedulerSubclass() {}

    /**
     * @param type       the type's name, for messages
     * @param stepped    the rows stepped with {@code step()}
     * @param byEpoch    the rows stepped with {@code step(epoch)}
     * @param nominalEnd the step the schedule is planned to end at, if it has one
     * @param pieces     the monotone pieces of both kinds of rows
     */
    public static Schedule of(String type, Schedule stepped, Schedule byEpoch, OptionalLong nominalEnd,
                              Pieces pieces) {
        PaddleSchedule p = PaddleSchedule.of(type, stepped, byEpoch).monotoneOn(pieces);
        return nominalEnd.isPresent() ? p.endingAt(nominalEnd.getAsLong()) : p;
    }
}
