package lrsched.input.log;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which logged curve to read: a log (a file; later also a folder) and the user's choice of its step and value
 * columns (for a format without columns, the key or tag that names them), and the label to show.
 *
 * @param file        the file to read
 * @param source      the file's name as the user wrote it, for messages
 * @param stepColumn  the name of the step column; empty to find it (see the reader, e.g. {@link LoggedColumns})
 * @param valueColumn the name of the learning-rate column; empty to find it
 * @param label       the legend text; empty for the file's base name
 */
public record LogRequest(Path file, String source, Optional<String> stepColumn, Optional<String> valueColumn,
                         Optional<String> label) {

    public LogRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stepColumn, "stepColumn");
        Objects.requireNonNull(valueColumn, "valueColumn");
        Objects.requireNonNull(label, "label");
    }

    /** A file read with the default columns and labelled with its base name. */
    public static LogRequest of(Path file) {
        return new LogRequest(file, file.toString(), Optional.empty(), Optional.empty(), Optional.empty());
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
