package lrsched.input.log;

import java.util.Objects;

/**
 * How a writer's logged step numbers become lrsched's updates: a value logged at step {@code n} is the LR of update
 * {@code n - offset} (counting from 0), with the one line that says why, for {@link LoggedCurve.Builder#reading}.
 * A writer that logs after {@code n} updates the LR the last of them used has offset 1; one that logs the LR of the
 * update about to run, or the next update's after {@code n} updates, has offset 0.
 *
 * @param offset  subtracted from a logged step to get the update
 * @param reading the writer's convention in its own terms, e.g. {@code "transformers 4.45 logs at step g the LR of
 *                update g+1 (the next one): shown at update g"}
 */
record StepMapping(long offset, String reading) {

    StepMapping {
        Objects.requireNonNull(reading, "reading");
    }

    /** The update of a value logged at {@code loggedStep}; negative when the log's step precedes update 0. */
    long update(long loggedStep) {
        return loggedStep - offset;
    }
}
