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
 * @param updatesPerEpoch the updates in one epoch, when the file's arithmetic gives it
 */
public record Imported(List<Node.MapNode> schedules, OptionalLong steps, List<Fact> facts, List<String> defaults,
                       List<String> ignored, OptionalLong updatesPerEpoch) {

    public Imported {
        schedules = List.copyOf(schedules);
        facts = List.copyOf(facts);
        defaults = List.copyOf(defaults);
        ignored = List.copyOf(ignored);
        if (updatesPerEpoch.isPresent() && updatesPerEpoch.getAsLong() < 1) {
            throw new IllegalArgumentException("updates per epoch must be 1 or more, got " + updatesPerEpoch);
        }
    }

    /** What a file gave when it does not say how many updates make an epoch. */
    public Imported(List<Node.MapNode> schedules, OptionalLong steps, List<Fact> facts, List<String> defaults,
                    List<String> ignored) {
        this(schedules, steps, facts, defaults, ignored, OptionalLong.empty());
    }

    /**
     * This with the number of updates in one epoch, as the framework counts it (what {@code plot --x epochs} and
     * per-epoch logs need); unchanged when {@code updates} is 0 (the file does not tell).
     */
    public Imported withUpdatesPerEpoch(long updates) {
        return updates < 1 ? this : new Imported(schedules, steps, facts, defaults, ignored, OptionalLong.of(updates));
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
