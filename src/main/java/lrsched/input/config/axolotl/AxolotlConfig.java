package lrsched.input.config.axolotl;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.input.document.Document;

/**
 * Typed reads of an axolotl config's values as axolotl's pydantic schema takes them: numbers may be written as
 * text ({@code learning_rate: "2e-5"}, and PyYAML reads an unquoted {@code 2e-5} as text too; the schema converts
 * with Python's {@code float()}); a {@code null} is the same as leaving the key out.
 */
final class AxolotlConfig {
    final Document document;
    final Node.MapNode map;

    AxolotlConfig(Document document, Node.MapNode map) {
        this.document = document;
        this.map = map;
    }

    /** The key's value unless absent or null. */
    Optional<Node> value(String key) {
        return map.get(key).filter(n -> !(n instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL));
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    /** Where the key is written (its key), or the file when absent. */
    Location keyAt(String key) {
        Node.Entry e = map.entries().get(key);
        return e == null ? Location.of(document.source()) : e.keyLocation();
    }

    /** Where the key's value is written, or the file when absent. */
    Location at(String key) {
        return value(key).map(Node::location).orElse(Location.of(document.source()));
    }

    OptionalDouble real(String key) {
        Optional<Double> d = parsed(key, t -> {
            OptionalDouble r = Numbers.parseReal(t);
            return r.isPresent() ? Optional.of(r.getAsDouble()) : Optional.empty();
        }, "a finite number");
        return d.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    OptionalLong integer(String key) {
        Optional<Long> n = parsed(key, t -> {
            OptionalLong r = Numbers.parseInteger(t);
            return r.isPresent() ? Optional.of(r.getAsLong()) : Optional.empty();
        }, "a whole number (axolotl's schema takes an int)");
        return n.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** A number written as a number or as text (pydantic converts text), read by {@code parse}. */
    private <T> Optional<T> parsed(String key, Function<String, Optional<T>> parse, String expected) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get() instanceof Node.ScalarNode s && (s.kind() == Node.ScalarKind.NUMBER
                || s.kind() == Node.ScalarKind.STRING)) {
            Optional<T> n = parse.apply(s.text().strip());
            if (n.isPresent()) {
                return n;
            }
        }
        throw new InputException(v.get().location(), key + " must be " + expected + ", not " + v.get().describe());
    }

    /** A whole number that must be >= {@code min} when given. */
    OptionalLong integer(String key, long min, String why) {
        OptionalLong n = integer(key);
        if (n.isPresent() && n.getAsLong() < min) {
            throw new InputException(at(key), key + " must be >= " + min + " (" + why + "), not " + n.getAsLong());
        }
        return n;
    }

    /** Python truthiness of a boolean key ({@code true}; absent, null and {@code false} are false). */
    boolean flag(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return false;
        }
        if (v.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.BOOLEAN) {
            return Boolean.parseBoolean(s.text().strip().toLowerCase(java.util.Locale.ROOT));
        }
        throw new InputException(v.get().location(), key + " must be true or false, not " + v.get().describe());
    }

    Optional<String> text(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING) {
            return Optional.of(s.text());
        }
        throw new InputException(v.get().location(), key + " must be a name, not " + v.get().describe());
    }
}
