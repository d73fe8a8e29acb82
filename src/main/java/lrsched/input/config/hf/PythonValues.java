package lrsched.input.config.hf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.input.config.PyYaml;
import lrsched.input.document.Document;
import lrsched.input.document.TreeReader;

/**
 * Values of a config file as the Python framework that reads it sees them. Frameworks read YAML with PyYAML, which
 * follows YAML 1.1: a float needs a dot and a signed exponent ({@code 1.0e-4}), so {@code 1e-4} is the text
 * "1e-4", which the training then fails on. lrsched's YAML reader (YAML 1.2) would read a number there, so each
 * number a format reads is checked against PyYAML's own patterns (its resolver's int and float expressions).
 */
final class PythonValues {
    /** OmegaConf's loader adds this float resolver to PyYAML's (omegaconf/_utils.py get_yaml_loader). */
    private static final Pattern OMEGACONF_FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
            + "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

    /** Which YAML loader the framework reads the file with. */
    enum Loader {
        /** PyYAML's safe_load (HfArgumentParser.parse_yaml_file). */
        PYYAML,
        /** OmegaConf.load (LLaMA-Factory), whose floats may omit the dot and the exponent's sign. */
        OMEGACONF
    }

    private final Document document;
    private final boolean json;
    private final Loader loader;

    PythonValues(Document document, Loader loader) {
        this.document = document;
        this.loader = loader;
        this.json = document.extension().equals("json") || document.text().stripLeading().startsWith("{");
    }

    /** The document's name in messages. */
    String source() {
        return document.source();
    }

    /** A float field ({@code learning_rate}); an int is accepted as Python accepts it. */
    double real(String key, Node value) {
        Node.ScalarNode s = number(key, value, "a number such as 1.0e-4");
        return Numbers.parseReal(s.text()).orElseThrow(() -> notA(key, s, "a number such as 1.0e-4"));
    }

    /** An int field ({@code per_device_train_batch_size}). */
    long integer(String key, Node value) {
        Node.ScalarNode s = number(key, value, "a whole number");
        OptionalLong n = Numbers.parseInteger(s.text());
        if (n.isEmpty() || s.text().contains(".") || s.text().toLowerCase(java.util.Locale.ROOT).contains("e")) {
            throw notA(key, s, "a whole number");
        }
        return n.getAsLong();
    }

    /** A bool field ({@code dataloader_drop_last}). */
    boolean bool(String key, Node value) {
        if (value instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.BOOLEAN) {
            return Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT));
        }
        throw notA(key, value, "true or false");
    }

    /** A text field ({@code lr_scheduler_type}). */
    String text(String key, Node value) {
        if (value instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING) {
            return s.text();
        }
        throw notA(key, value, "a name");
    }

    /** Whether the scalar is a number in Python's reading of this document (JSON, or PyYAML's YAML 1.1). */
    boolean isPythonNumber(Node.ScalarNode s) {
        if (s.kind() != Node.ScalarKind.NUMBER) {
            return false;
        }
        return json || PyYaml.isInt(s.text()) || (loader == Loader.OMEGACONF
                ? OMEGACONF_FLOAT.matcher(s.text()).matches() : PyYaml.isFloat(s.text()));
    }

    private Node.ScalarNode number(String key, Node value, String what) {
        if (!(value instanceof Node.ScalarNode s) || s.kind() == Node.ScalarKind.NULL) {
            throw notA(key, value, what);
        }
        if (s.kind() == Node.ScalarKind.NUMBER && !isPythonNumber(s)) {
            throw new InputException(s.location(), key + ": PyYAML, which the training reads this file with, takes "
                    + s.text() + " for the text '" + s.text() + "' (a YAML 1.1 float needs a dot and a signed "
                    + "exponent) and the training fails on it; write " + PyYaml.spelling(s.text()));
        }
        if (s.kind() != Node.ScalarKind.NUMBER) {
            throw notA(key, s, what);
        }
        return s;
    }

    InputException notA(String key, Node value, String what) {
        return new InputException(value.location(), key + " takes " + what + ", not " + value.describe());
    }

    /**
     * A dict field given as text ({@code lr_scheduler_kwargs: '{"num_cycles": 3}'}), read as TrainingArguments'
     * {@code __post_init__} reads it: {@code json.loads}, then text values "true"/"false", digits and decimals turned
     * into booleans and numbers ({@code _convert_str_dict}). Every value is located at the text.
     */
    Node.MapNode jsonDict(String key, Node.ScalarNode text) {
        Node parsed;
        try {
            parsed = TreeReader.read(source(), text.text(), true).orElseThrow(() -> notA(key, text, "a dict"));
        } catch (InputException e) {
            throw new InputException(text.location(), key + ": the text is not a JSON dict (" + e.problem()
                    + "); write a mapping instead");
        }
        if (!(parsed instanceof Node.MapNode map)) {
            throw notA(key, text, "a dict");
        }
        return (Node.MapNode) relocate(map, text.location());
    }

    private static Node relocate(Node node, Location at) {
        if (node instanceof Node.MapNode m) {
            Map<String, Node.Entry> entries = new LinkedHashMap<>();
            m.entries().values().forEach(e -> entries.put(e.key(), new Node.Entry(e.key(), at,
                    relocate(e.value(), at))));
            return new Node.MapNode(at, entries);
        }
        if (node instanceof Node.ListNode l) {
            return new Node.ListNode(at, l.items().stream().map(i -> relocate(i, at)).toList());
        }
        Node.ScalarNode s = (Node.ScalarNode) node;
        if (s.kind() == Node.ScalarKind.STRING) {
            String t = s.text();
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                return new Node.ScalarNode(at, t.toLowerCase(java.util.Locale.ROOT), Node.ScalarKind.BOOLEAN);
            }
            if (t.matches("[0-9]+") || t.matches("[0-9]*\\.?[0-9]*") && t.matches(".*[0-9].*")) {
                return new Node.ScalarNode(at, t, Node.ScalarKind.NUMBER);
            }
        }
        return new Node.ScalarNode(at, s.text(), s.kind());
    }
}
