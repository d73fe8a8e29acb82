package lrsched.input.config;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

import lrsched.core.InputException;
import lrsched.core.Node;
import lrsched.core.Numbers;

/**
 * Numbers as PyYAML reads them. Python frameworks load YAML with PyYAML, which follows YAML 1.1: a float needs a dot
 * and a signed exponent ({@code 1.0e-4}), so {@code 1e-4} is the text "1e-4", which the training then fails on.
 * lrsched's YAML reader (YAML 1.2) reads a number there, so a format checks each number against PyYAML's own
 * patterns (its resolver's int and float expressions).
 */
public final class PyYaml {
    private static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
            + "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

    private static final Pattern BOOL = Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE"
            + "|on|On|ON|off|Off|OFF");

    private PyYaml() {}

    /** Whether PyYAML resolves the plain scalar {@code text} to an int. */
    public static boolean isInt(String text) {
        return INT.matcher(text).matches();
    }

    /** Whether PyYAML resolves the plain scalar {@code text} to a float. */
    public static boolean isFloat(String text) {
        return FLOAT.matcher(text).matches();
    }

    /**
     * The bool PyYAML resolves the plain scalar {@code text} to (YAML 1.1: yes/no/true/false/on/off in three cases),
     * or empty when it is not one.
     */
    public static java.util.Optional<Boolean> bool(String text) {
        if (!BOOL.matcher(text).matches()) {
            return java.util.Optional.empty();
        }
        String t = text.toLowerCase(Locale.ROOT);
        return java.util.Optional.of(t.equals("yes") || t.equals("true") || t.equals("on"));
    }

    /**
     * The whole number {@code n} holds, where PyYAML reads an int (a frameworks' {@code range(...)} or product of
     * counts needs one); a float, text or a list is one line naming {@code what}.
     */
    public static long wholeNumber(String what, Node n) {
        if (!(n instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.NUMBER || !isInt(s.text())) {
            throw new InputException(n.location(), what + " takes a whole number, not " + n.describe());
        }
        return Numbers.parseInteger(s.text()).orElseThrow(() -> new InputException(s.location(),
                what + " takes a whole number, not " + s.describe()));
    }

    /**
     * The refusal of a number {@code s} written so that PyYAML reads it as text ({@code 1e-3}): {@code where}, the
     * framework ({@code reader}) that reads the file with PyYAML, what then {@code fails}, and the spelling to write.
     */
    public static InputException readAsText(String where, Node.ScalarNode s, String reader, String fails) {
        return new InputException(s.location(), where + ": PyYAML, which " + reader + " reads this file with, takes "
                + s.text() + " for the text '" + s.text() + "' (a YAML 1.1 float needs a dot and a signed exponent), "
                + "and " + fails + "; write " + spelling(s.text()));
    }

    /** Whether {@code s} is written as a number that PyYAML reads as text. */
    public static boolean readAsText(Node.ScalarNode s) {
        return s.kind() == Node.ScalarKind.NUMBER && !isInt(s.text()) && !isFloat(s.text());
    }

    /** A spelling of {@code text} that PyYAML reads as the same number ({@code 1e-4} -> {@code 1.0e-4}). */
    public static String spelling(String text) {
        OptionalDouble d = Numbers.parseReal(text);
        if (d.isEmpty()) {
            return "a number with a dot, such as 1.0e-4";
        }
        String t = text.toLowerCase(Locale.ROOT);
        int e = t.indexOf('e');
        if (e < 0) {
            return text + ".0";
        }
        String mantissa = t.substring(0, e);
        String exponent = t.substring(e + 1);
        if (!mantissa.contains(".")) {
            mantissa = mantissa + ".0";
        }
        if (!exponent.startsWith("-") && !exponent.startsWith("+")) {
            exponent = "+" + exponent;
        }
        return mantissa + "e" + exponent;
    }
}
