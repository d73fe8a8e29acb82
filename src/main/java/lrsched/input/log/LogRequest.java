package lrsched.input.log;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.Versions;

/**
 * Which logged curve to read: a log (a file, or a folder a reader recognises: a TensorBoard run, a Lightning
 * {@code lightning_logs}, an MLflow store, a checkpoint), the user's choice of its step and value (a column, key or
 * tag name), and the label to show; with what a reader may need to turn the log's steps into updates.
 *
 * @param file            the file or folder to read
 * @param source          the path as the user wrote it, for messages
 * @param stepColumn      the name of the step column; empty to find it (see the reader, e.g. {@link LoggedColumns})
 * @param valueColumn     the name of the learning-rate column, key or tag; empty to find it
 * @param label           the legend text; empty for the file's base name
 * @param versions        the library versions the user gave ({@code --versions}, a spec's {@code versions:}), for
 *                        writers whose step convention changed between releases; a version the log itself records
 *                        (a checkpoint's config.json) is used when the user gave none
 * @param updatesPerEpoch the updates in one epoch, when the plan or the user says ({@code --steps-per-epoch}): what
 *                        a per-epoch log (timm summary.csv, ultralytics results.csv) needs to place its points
 */
public record LogRequest(Path file, String source, Optional<String> stepColumn, Optional<String> valueColumn,
                         Optional<String> label, Versions versions, OptionalLong updatesPerEpoch) {

    public LogRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stepColumn, "stepColumn");
        Objects.requireNonNull(valueColumn, "valueColumn");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(updatesPerEpoch, "updatesPerEpoch");
    }

    /** A request for the columns, label and versions given, with no updates-per-epoch figure. */
    public LogRequest(Path file, String source, Optional<String> stepColumn, Optional<String> valueColumn,
                      Optional<String> label) {
        this(file, source, stepColumn, valueColumn, label, Versions.newest(), OptionalLong.empty());
    }

    /** A file read with the default columns and labelled with its base name. */
    public static LogRequest of(Path file) {
        return new LogRequest(file, file.toString(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This request with the library versions the user gave. */
    public LogRequest withVersions(Versions given) {
        return new LogRequest(file, source, stepColumn, valueColumn, label, given, updatesPerEpoch);
    }

    /** This request for the learning-rate column, key or tag {@code name}. */
    public LogRequest withValueColumn(String name) {
        return new LogRequest(file, source, stepColumn, Optional.of(name), label, versions, updatesPerEpoch);
    }

    /** This request with the number of updates in an epoch (1 or more), for per-epoch logs. */
    public LogRequest withUpdatesPerEpoch(long updates) {
        if (updates < 1) {
            throw new IllegalArgumentException("updates per epoch must be 1 or more, got " + updates);
        }
        return new LogRequest(file, source, stepColumn, valueColumn, label, versions, OptionalLong.of(updates));
    }

    /** The legend text: the label, else the file name without its directory and a {@code .csv} extension. */
    public String displayLabel() {
        return label.orElseGet(() -> {
            Path name = file.getFileName();
            String base = name == null ? source : name.toString();
            return base.toLowerCase(Locale.ROOT).endsWith(".csv") && base.length() > 4
                    ? base.substring(0, base.length() - 4) : base;
        });
    }
}
