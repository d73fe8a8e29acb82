package lrsched.input.log;

import java.nio.file.Path;

import lrsched.core.LoggedCurve;

/**
 * Reads one format of training log (a CSV export, later an HF {@code trainer_state.json}, TensorBoard event files,
 * ...) into a {@link LoggedCurve} held in memory. {@link LogReaders} holds the readers and picks the one for a file.
 *
 * <p>To add a format: write a class implementing this interface in this package, and register it with one line in
 * {@link LogReaders}'s list, before the CSV reader (which reads whatever no other reader claims). The reader
 * <ul>
 *   <li>claims its files in {@link #reads} from the name and the first bytes only (cheap: it is asked for every
 *       log);</li>
 *   <li>collects the points with a {@link LoggedCurve.Builder} in the order the log has them, which puts them in
 *       step order, keeps the last value of a step logged twice, and refuses a log above
 *       {@link LoggedCurve#MAX_POINTS};</li>
 *   <li>honours the request's step and value choice (a column, key or tag name; empty to find it) and labels the
 *       curve with {@link LogRequest#displayLabel()};</li>
 *   <li>reports every mistake in the file as one {@code lrsched.core.InputException} naming the file (and line and
 *       column where it can): {@code run.json: no key 'learning_rate' in log_history; ...}.</li>
 * </ul>
 */
public interface LogReader {

    /** The format's name, short and lower case ({@code csv}). */
    String name();

    /**
     * What its logs are called, for the message about a folder no reader claims: {@code "trainer_state.json"},
     * {@code "events.out.tfevents.* (a file or a run folder)"}.
     */
    String files();

    /**
     * Whether this reader reads {@code path}.
     *
     * <p>A reader that reads folders (a TensorBoard run, Lightning's {@code version_N} folders, an MLflow store, a
     * checkpoint folder) claims a folder from the names in it, without reading files; a folder no reader claims is an
     * error that lists every reader's {@link #files()}.
     *
     * @param path the file or folder
     * @param head the first bytes of the file (at most {@link LogReaders#HEAD_BYTES}; fewer for a short file, none
     *             for a folder)
     */
    boolean reads(Path path, byte[] head);

    /**
     * The curve the request asks for: its points in increasing step order, each step once, labelled with
     * {@link LogRequest#displayLabel()}, its steps turned into updates by the writer's convention (which it states
     * with {@link LoggedCurve.Builder#reading}) and its {@link LoggedCurve.Builder#resolution} set to the writer's
     * precision. The value is found alone when the log has one learning-rate-like key or tag
     * ({@link LoggedColumns#learningRateName}); otherwise the error lists them.
     *
     * @throws lrsched.core.InputException when the log is malformed, lacks the chosen step or value, holds no
     *                                     point, or holds more than {@link LoggedCurve#MAX_POINTS}
     */
    LoggedCurve read(LogRequest request);
}
