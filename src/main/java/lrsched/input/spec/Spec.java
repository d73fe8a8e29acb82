package lrsched.input.spec;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Node;

/**
 * A whole spec after merging files, flags and overrides: the run length (if any source gave one) and the schedules
 * in order, each still as written (validation against the types happens when they are built).
 *
 * @param steps     the {@code steps:} value (largest over the files), if any
 * @param schedules the schedules in output order
 * @param sourceName the base name of the first spec file, for default output names ("noam" for noam.yaml)
 */
public record Spec(OptionalLong steps, List<Entry> schedules, java.util.Optional<String> sourceName) {

    public Spec {
        schedules = List.copyOf(schedules);
    }

    /** One schedule: its unique name and its mapping as written. */
    public record Entry(String name, Node.MapNode mapping) {}
}
