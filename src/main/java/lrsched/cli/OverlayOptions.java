package lrsched.cli;

import java.nio.file.Path;
import java.util.Optional;

import lrsched.output.logged.LoggedCurve;
import picocli.CommandLine.Option;

/**
 * One {@code --overlay FILE} and the options after it that say how to read it. Repeatable as a group: each
 * {@code --overlay} starts a new log, and {@code --overlay-step}, {@code --overlay-value} and
 * {@code --overlay-label} apply to the log they follow.
 *
 * <p>A compact {@code FILE:STEP:VALUE} form was considered and left out: W&amp;B names grouped columns
 * {@code Group: <name> - <metric>}, and Windows paths have a drive colon, so a colon cannot separate the parts.
 */
final class OverlayOptions {
    @Option(names = "--overlay", required = true, paramLabel = "CSV", description = {
        "A learning-rate curve logged by training (TensorBoard or W&B chart export, or any CSV with a header), "
                + "drawn dashed over the computed curves. Repeatable; the --overlay-* options after it apply to "
                + "it."})
    Path file;

    @Option(names = "--overlay-step", paramLabel = "COLUMN", description = "The log's step column (default: the "
            + "first of step, Step, global_step, _step, iteration).")
    String step;

    @Option(names = "--overlay-value", paramLabel = "COLUMN", description = "The log's learning-rate column "
            + "(default: the one named like a learning rate, else the only other numeric column).")
    String value;

    @Option(names = "--overlay-label", paramLabel = "TEXT", description = "Legend text for the log (default: "
            + "its file name without .csv).")
    String label;

    /** The log to read, relative paths resolved against {@code workingDir}. */
    LoggedCurve curve(Path workingDir) {
        return new LoggedCurve(workingDir.resolve(file), file.toString(), Optional.ofNullable(step),
                Optional.ofNullable(value), Optional.ofNullable(label));
    }
}
