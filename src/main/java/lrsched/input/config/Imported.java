package lrsched.input.config;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Node;

/**
 * What a {@link ConfigFormat} read from one file: the schedules as lrsched spec mappings (each with its {@code type}
 * and parameters, located in the file they came from), the run length if the file gives one, and every number the
 * format derived on the way (the run's updates and warmup), in the order it derived them.
 *
 * @param schedules the schedule mappings, in file order
 * @param steps     the file's run length, if it has one
 * @param facts     the derived numbers, for explanations
 */
public record Imported(List<Node.MapNode> schedules, OptionalLong steps, List<Fact> facts) {

    public Imported {
        schedules = List.copyOf(schedules);
        facts = List.copyOf(facts);
    }

    /** One derived number: its name in the format's own terms, and its value. */
    public record Fact(String name, long value) {}
}
