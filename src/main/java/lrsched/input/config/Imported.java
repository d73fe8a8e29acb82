package lrsched.input.config;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Node;

/**
 * What a {@link ConfigFormat} read from one file: the schedules as lrsched spec mappings (each with its {@code type}
 * and parameters, located in the file they came from), the run length if the file gives one, every number the format
 * derived on the way in the order it derived them, and what it took from defaults or left aside.
 *
 * @param schedules the schedule mappings, in file order
 * @param steps     the file's run length, if it has one
 * @param facts     the derived numbers, for {@code lrsched explain}
 * @param defaults  settings the file leaves out that the framework's defaults decide ("lr_scheduler_type: linear")
 * @param ignored   keys of the file that do not change the learning rate, as the file writes them
 */
public record Imported(List<Node.MapNode> schedules, OptionalLong steps, List<Fact> facts, List<String> defaults,
                       List<String> ignored) {

    public Imported {
        schedules = List.copyOf(schedules);
        facts = List.copyOf(facts);
        defaults = List.copyOf(defaults);
        ignored = List.copyOf(ignored);
    }

    /**
     * One derived number, in the framework's own terms.
     *
     * @param name  what it is ("updates per epoch", "num_training_steps")
     * @param value its value as the framework would print it
     * @param how   the arithmetic that gave it, with the framework's rounding ("ceil(1625 / 8)"); may be empty
     */
    public record Fact(String name, String value, String how) {}
}
