package lrsched.registry;

import java.util.List;
import java.util.Optional;

import lrsched.core.Location;
import lrsched.core.Node;

/**
 * The mapping that names a logged trace instead of listing it ({@code metrics: {log: FILE, column: NAME}}), declared
 * once like a type's parameters: the spec reader checks it with {@link #of} (unknown keys get a suggestion) and
 * loads the log; {@link JsonSchema} describes it.
 *
 * @param log        the log file as written, relative to the spec's folder
 * @param column     the column, key or tag that holds the values
 * @param step       the column that orders them, if the user named it
 * @param logAt      where the file name stands, for messages
 */
public record TraceLog(String log, String column, Optional<String> step, Location logAt) {
    static final Param LOG = Param.text("log", "the log file (relative to the spec's folder)");
    static final Param COLUMN = Param.text("column", "the column, key or tag of the metric (val_loss, eval_loss)");
    static final Param STEP = Param.text("step", "the column that orders the rows (default: the log reader's step "
            + "column, e.g. step or epoch)").optional();

    /** The keys, declared once. */
    static final List<Param> PARAMS = List.of(LOG, COLUMN, STEP);

    private static final TypeDef DECLARATION = new TypeDef("trace log", "a trace read from a training log", "", "",
            PARAMS, false, a -> s -> 0);

    /**
     * The log a trace mapping names, checked against the declaration.
     *
     * @param scheduleName the schedule's name, for messages
     * @throws lrsched.core.InputException when a key is unknown or missing
     */
    public static TraceLog of(Node.MapNode mapping, String scheduleName) {
        Args a = new Args(DECLARATION, scheduleName, mapping, Optional.empty(), null, List.of());
        return new TraceLog(a.text(LOG), a.text(COLUMN), a.has(STEP) ? Optional.of(a.text(STEP)) : Optional.empty(),
                a.location(LOG));
    }
}
