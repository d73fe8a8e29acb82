package lrsched.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import lrsched.core.Node;
import lrsched.core.Schedule;
import lrsched.schedule.Stepping;

/**
 * How training code drives a top-level schedule, declared beside its parameters (or once at the top of the spec):
 * {@code stepping: epoch} with {@code steps_per_epoch} for schedulers stepped once per epoch (the LR at update s is
 * the schedule at epoch floor(s / steps_per_epoch)), and {@code num_processes} for a scheduler stepped N times per
 * optimizer update (Accelerate with kohya sd-scripts: the LR at update s is the schedule at N * s). A key that the
 * schedule's type declares itself (PyTorch OneCycleLR's {@code steps_per_epoch}) belongs to the type.
 */
public final class RunOptions {
    private static final Param STEPPING = Param.choice("stepping", "how often training code steps the scheduler: "
            + "every update, or once per epoch", "step", "epoch");
    private static final Param STEPS_PER_EPOCH = Param.integer("steps_per_epoch", "optimizer updates per epoch (for "
            + "stepping: epoch)").optional().positive();
    private static final Param NUM_PROCESSES = Param.integer("num_processes", "scheduler steps per optimizer update "
            + "(Accelerate steps it once per process)").defaultsTo(1).positive();

    /** The keys, declared once like any type's parameters. */
    public static final List<Param> PARAMS = List.of(STEPPING, STEPS_PER_EPOCH, NUM_PROCESSES);

    static final TypeDef DECLARATION = new TypeDef("run options", "how training code steps a scheduler", "", "",
            PARAMS, false, a -> s -> 0);

    private RunOptions() {}

    static boolean isKey(String key) {
        return PARAMS.stream().anyMatch(p -> p.name().equals(key));
    }

    /** {@code schedule} as the training loop sees it, given the run options written in {@code mapping}. */
    static Schedule apply(Schedule schedule, TypeDef type, Node.MapNode mapping, String scheduleName,
                          Registry registry) {
        Map<String, Node.Entry> own = new LinkedHashMap<>();
        mapping.entries().forEach((k, e) -> {
            if (isKey(k) && type.param(k).isEmpty()) {
                own.put(k, e);
            }
        });
        if (own.isEmpty()) {
            return schedule;
        }
        Args a = new Args(DECLARATION, scheduleName, new Node.MapNode(mapping.location(), own), Optional.empty(),
                registry, List.of());
        Schedule out = schedule;
        if (a.choice(STEPPING).equals("epoch")) {
            a.check(a.has(STEPS_PER_EPOCH), STEPS_PER_EPOCH, () -> "is needed with stepping: epoch (how many "
                    + "optimizer updates make one epoch)");
            out = Stepping.perEpoch(out, a.integer(STEPS_PER_EPOCH));
        } else {
            a.check(!a.has(STEPS_PER_EPOCH), STEPS_PER_EPOCH, () -> "only applies with stepping: epoch; add "
                    + "stepping: epoch or remove it");
        }
        long n = a.integer(NUM_PROCESSES);
        return n == 1 ? out : Stepping.repeated(out, n);
    }
}
