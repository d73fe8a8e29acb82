package lrsched.cli;

import java.util.List;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * One option or positional parameter of a command, declared with picocli's programmatic API, and its parsed value
 * (which picocli keeps in the declaration itself).
 *
 * <p>lrsched declares its command line this way rather than with picocli's annotations. Reading annotations makes the
 * JDK parse every annotated member and generate a proxy class per annotation type, in the interpreter, at every
 * start: async-profiler showed picocli's annotation reflection taking about half of the main thread of a 100-step
 * {@code lrsched csv} (some 40 ms; 2026-11-21, JDK 17), more than reading the spec, evaluating and writing.
 *
 * @param <T> the value's type
 */
final class Opt<T> {
    /** How the value picocli keeps is read. (Not functions: every lambda linked at start-up costs time.) */
    private enum Kind { VALUE, LIST, FLAG }

    private final ArgSpec arg;
    private final Kind kind;

    private Opt(ArgSpec arg, Kind kind) {
        this.arg = arg;
        this.kind = kind;
    }

    /** An option with one value of {@code type} (null when not given and without a default). */
    static <T> Opt<T> of(CommandSpec command, Class<T> type, OptionSpec.Builder option) {
        return add(command, option.type(type).build(), Kind.VALUE);
    }

    /** A repeatable option; its values in the order given (empty when not given). */
    static <T> Opt<List<T>> list(CommandSpec command, Class<T> type, OptionSpec.Builder option) {
        return add(command, option.type(List.class).auxiliaryTypes(type).build(), Kind.LIST);
    }

    /** An option without a value: true when given (picocli also takes {@code --flag=true} and {@code =false}). */
    static Opt<Boolean> flag(CommandSpec command, OptionSpec.Builder option) {
        return add(command, option.type(boolean.class).build(), Kind.FLAG);
    }

    /** A positional parameter with one value of {@code type}. */
    static <T> Opt<T> positional(CommandSpec command, Class<T> type, PositionalParamSpec.Builder parameter) {
        PositionalParamSpec p = parameter.type(type).build();
        command.addPositional(p);
        return new Opt<>(p, Kind.VALUE);
    }

    /** A single-valued option that is not added to a command (a member of an argument group). */
    static <T> Opt<T> member(Class<T> type, OptionSpec.Builder option) {
        return new Opt<>(option.type(type).build(), Kind.VALUE);
    }

    private static <T> Opt<T> add(CommandSpec command, OptionSpec option, Kind kind) {
        command.addOption(option);
        return new Opt<>(option, kind);
    }

    /** The parsed value, or the default when the command line does not give one. */
    T get() {
        return read(arg.getValue());
    }

    @SuppressWarnings("unchecked")
    private T read(Object value) {
        return (T) switch (kind) {
            case VALUE -> value;
            case LIST -> value == null ? List.of() : List.copyOf((List<?>) value);
            case FLAG -> Boolean.TRUE.equals(value);
        };
    }

    /**
     * The value this member of a repeatable argument group has in one occurrence of the group (the last, when given
     * twice there), or null.
     */
    T in(ParseResult.GroupMatch occurrence) {
        List<Object> values = occurrence.matchedValues(arg);
        return values.isEmpty() ? null : read(values.get(values.size() - 1));
    }

    /** The declaration, for argument groups. */
    ArgSpec spec() {
        return arg;
    }
}
