package lrsched.registry;

import java.util.List;
import java.util.Optional;

/**
 * One parameter of a schedule type: its name, kind, default, allowed range and a one-line description. Parsing,
 * validation, {@code lrsched types}, the JSON Schema and "did you mean" suggestions all read these declarations.
 * Immutable; the builder-style methods return copies.
 *
 * @param name       the key as written in a spec (the library's own spelling for library types)
 * @param kind       what values it takes
 * @param doc        one line for listings
 * @param defaultValue the value when absent; empty for a required parameter or one whose absence means "none"
 * @param required   whether the spec must give it
 * @param range      allowed numeric range (numbers, and each element of number lists)
 * @param choices    allowed words for {@link Kind#CHOICE}
 * @param inherited  whether a nested schedule takes this value from its parent when it does not give one
 *                   (PyTorch's children of SequentialLR share the optimizer's {@code lr})
 * @param fields     the fields of each mapping for {@link Kind#RECORDS}
 * @param variable   the free variable of an {@link Kind#EXPRESSION} ("step", or PyTorch's "epoch")
 * @param defaultDoc how to show the default when it is computed from other parameters ("num_training_steps")
 * @param pythonTyped whether the library checks the Python type: an integer parameter then refuses {@code 10.0}
 *                   and a real one refuses {@code 1} (PyTorch's OneCycleLR pct_start must be a float)
 */
public record Param(String name, Kind kind, String doc, Optional<Object> defaultValue, boolean required,
                    Range range, List<String> choices, boolean inherited, List<Param> fields, String variable,
                    Optional<String> defaultDoc, boolean pythonTyped) {

    /** What a parameter takes. */
    public enum Kind {
        REAL("number"), INTEGER("integer"), BOOLEAN("boolean"), CHOICE("choice"), TEXT("text"),
        EXPRESSION("formula"), REALS("list of numbers"), INTEGERS("list of integers"),
        SCHEDULES("list of schedules"), REAL_OR_SCHEDULE("number, or a schedule mapping"),
        RECORDS("list of mappings"),
        STEP_VALUES("mapping of step to number"),
        TRACE("list of numbers, or {log: FILE, column: NAME}"), ANY("anything (ignored)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Param {
        choices = List.copyOf(choices);
        fields = List.copyOf(fields);
    }

    private static Param of(String name, Kind kind, String doc) {
        return new Param(name, kind, doc, Optional.empty(), true, Range.ANY, List.of(), false, List.of(), "step",
                Optional.empty(), false);
    }

    public static Param real(String name, String doc) {
        return of(name, Kind.REAL, doc);
    }

    public static Param integer(String name, String doc) {
        return of(name, Kind.INTEGER, doc);
    }

    public static Param bool(String name, String doc) {
        return of(name, Kind.BOOLEAN, doc);
    }

    public static Param text(String name, String doc) {
        return of(name, Kind.TEXT, doc);
    }

    /** One of the given words; the first is the default unless {@link #defaultsTo} says otherwise. */
    public static Param choice(String name, String doc, String... choices) {
        return new Param(name, Kind.CHOICE, doc, Optional.of(choices[0]), false, Range.ANY, List.of(choices), false,
                List.of(), "step", Optional.empty(), false);
    }

    /** A formula of {@code variable} (see {@link lrsched.expr.Expression}). */
    public static Param expression(String name, String variable, String doc) {
        return new Param(name, Kind.EXPRESSION, doc, Optional.empty(), true, Range.ANY, List.of(), false,
                List.of(), variable, Optional.empty(), false);
    }

    public static Param reals(String name, String doc) {
        return of(name, Kind.REALS, doc);
    }

    public static Param integers(String name, String doc) {
        return of(name, Kind.INTEGERS, doc);
    }

    public static Param schedules(String name, String doc) {
        return of(name, Kind.SCHEDULES, doc);
    }

    /**
     * A number, or one nested schedule mapping (Paddle's LinearWarmup wraps a float or another scheduler): read with
     * {@link Args#real} when {@link Args#nestedSchedule} is empty.
     */
    public static Param realOrSchedule(String name, String doc) {
        return of(name, Kind.REAL_OR_SCHEDULE, doc);
    }

    /** A list of mappings, each read with {@code fields} (optax's sgdr_schedule kwargs, for instance). */
    public static Param records(String name, String doc, List<Param> fields) {
        return new Param(name, Kind.RECORDS, doc, Optional.empty(), true, Range.ANY, List.of(), false, fields,
                "step", Optional.empty(), false);
    }

    /** A mapping from integer steps to numbers ({@code {1000: 0.5, 2000: 0.1}}), kept in the order written. */
    public static Param stepValues(String name, String doc) {
        return of(name, Kind.STEP_VALUES, doc);
    }

    /**
     * A recorded trace of numbers, one per call of the training code (a metric per epoch): a list written inline, or
     * {@code {log: FILE, column: NAME}}, which the spec reader replaces by the logged values before the type sees
     * them. Items may be {@code nan} or {@code inf}, as a training run can log them.
     */
    public static Param trace(String name, String doc) {
        return of(name, Kind.TRACE, doc);
    }

    /** Accepted and ignored: it does not change the learning rate (momentum arguments, for instance). */
    public static Param ignored(String name, String doc) {
        return new Param(name, Kind.ANY, doc, Optional.empty(), false, Range.ANY, List.of(), false, List.of(),
                "step", Optional.empty(), false);
    }

    /** The default when absent (numbers may be given as Integer/Long/Double; lists as List). */
    public Param defaultsTo(Object value) {
        return new Param(name, kind, doc, Optional.of(value), false, range, choices, inherited, fields, variable,
                defaultDoc, pythonTyped);
    }

    /** Absent means "none" (PyTorch's {@code None}); the factory asks {@link Args#has}. */
    public Param optional() {
        return new Param(name, kind, doc, Optional.empty(), false, range, choices, inherited, fields, variable,
                defaultDoc, pythonTyped);
    }

    /** Absent means a value the factory computes from other parameters, shown as {@code description}. */
    public Param defaultsToComputed(String description) {
        return new Param(name, kind, doc, Optional.empty(), false, range, choices, inherited, fields, variable,
                Optional.of(description), pythonTyped);
    }

    /** The library checks the Python type of the value: 10.0 is no int, and 1 is no float. */
    public Param checkingPythonType() {
        return new Param(name, kind, doc, defaultValue, required, range, choices, inherited, fields, variable,
                defaultDoc, true);
    }

    public Param in(Range allowed) {
        return new Param(name, kind, doc, defaultValue, required, allowed, choices, inherited, fields, variable,
                defaultDoc, pythonTyped);
    }

    /** Greater than zero. */
    public Param positive() {
        return in(Range.POSITIVE);
    }

    /** Zero or more. */
    public Param nonNegative() {
        return in(Range.NON_NEGATIVE);
    }

    public Param atLeast(double min) {
        return in(Range.atLeast(min));
    }

    public Param inheritedFromParent() {
        return new Param(name, kind, doc, defaultValue, required, range, choices, true, fields, variable,
                defaultDoc, pythonTyped);
    }

    /** The same parameter under another name and description (for libraries that share a parameter). */
    public Param renamed(String newName, String newDoc) {
        return new Param(newName, kind, newDoc, defaultValue, required, range, choices, inherited, fields, variable,
                defaultDoc, pythonTyped);
    }

    public Param describedAs(String newDoc) {
        return renamed(name, newDoc);
    }

    /** How the default reads in listings: a value, "required", "none" or a computed description. */
    public String defaultText() {
        if (defaultValue.isPresent()) {
            Object v = defaultValue.get();
            if (v instanceof List<?> list) {
                return list.toString();
            }
            if (v instanceof Double d) {
                return lrsched.core.DoubleFormat.format(d);
            }
            return String.valueOf(v);
        }
        if (defaultDoc.isPresent()) {
            return defaultDoc.get();
        }
        if (kind == Kind.ANY) {
            return "ignored";
        }
        return required ? "required" : "none";
    }
}
