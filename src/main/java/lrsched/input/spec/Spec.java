package lrsched.input.spec;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Node;
import lrsched.core.Versions;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.Imported;

/**
 * A whole spec after merging files, flags and overrides: the run length (if any source gave one) and the schedules
 * in order, each still as written (validation against the types happens when they are built).
 *
 * @param steps     the {@code steps:} value (largest over the files), if any
 * @param schedules the schedules in output order
 * @param sourceName the base name of the first spec file, for default output names ("noam" for noam.yaml)
 * @param files     each file as read: its name, the format it was read in and what that format made of it
 * @param versions  the library releases the run used ({@code --versions} and the specs' {@code versions:})
 */
public record Spec(OptionalLong steps, List<Entry> schedules, java.util.Optional<String> sourceName,
                   List<File> files, Versions versions) {

    public Spec {
        schedules = List.copyOf(schedules);
        files = List.copyOf(files);
    }

    /** The updates in one epoch, from the first file whose arithmetic gives it ({@code training:}, HF, timm, ...). */
    public OptionalLong updatesPerEpoch() {
        return files.stream().map(f -> f.imported().updatesPerEpoch()).filter(OptionalLong::isPresent).findFirst()
                .orElse(OptionalLong.empty());
    }

    /** The same spec with other schedules (sweeps expand them). */
    public Spec withSchedules(List<Entry> newSchedules) {
        return new Spec(steps, newSchedules, sourceName, files, versions);
    }

    /** One input file: its name as written, the format that read it, and what it gave. */
    public record File(String source, ConfigFormat format, Imported imported) {}

    /** One schedule: its unique name and its mapping as written. */
    public record Entry(String name, Node.MapNode mapping) {}
}
