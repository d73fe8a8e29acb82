package lrsched.expr;

import java.util.List;

/**
 * A Python expression as written, each node with the 0-based offset of its first character: what {@link PyParser}
 * reads, for a formula ({@link Expression}) and for the values of a Python config file alike. Only the syntax is
 * here; what a node means is up to the reader.
 */
public sealed interface PyExpr {

    /** The 0-based offset of the node's first character in the text it was read from. */
    int start();

    /** A number literal as written ({@code 1_000}, {@code 0x10}, {@code 2.5e-3}). */
    record Num(int start, String text) implements PyExpr {
        /** Whether Python reads it as an int (no dot, no exponent, or a hex, octal or binary literal). */
        public boolean isInt() {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            return t.startsWith("0x") || t.startsWith("0o") || t.startsWith("0b")
                    || !t.contains(".") && !t.contains("e");
        }
    }

    /** A string literal (adjacent literals joined), its value with escapes resolved. */
    record Str(int start, String value) implements PyExpr {}

    /** A name: a variable, a function, {@code True}, {@code False} or {@code None}. */
    record Name(int start, String id) implements PyExpr {}

    /** {@code target.attr}. */
    record Attribute(int start, PyExpr target, String attr) implements PyExpr {}

    /** {@code target[index]}. */
    record Subscript(int start, PyExpr target, PyExpr index) implements PyExpr {}

    /** A keyword argument; {@code name} is empty for {@code **mapping}. */
    record Keyword(int start, String name, PyExpr value) {}

    /** A call: positional arguments, then keyword arguments. */
    record Call(int start, PyExpr function, List<PyExpr> args, List<Keyword> keywords) implements PyExpr {
        public Call {
            args = List.copyOf(args);
            keywords = List.copyOf(keywords);
        }
    }

    /** {@code - + ~ not} before an operand. */
    record Unary(int start, String op, PyExpr operand) implements PyExpr {}

    /** An arithmetic operation; {@code at} is the operator's offset. */
    record Binary(int start, String op, int at, PyExpr left, PyExpr right) implements PyExpr {}

    /** A comparison chain {@code a < b <= c}: n operands, n - 1 operators. */
    record Compare(int start, List<String> ops, List<PyExpr> operands) implements PyExpr {
        public Compare {
            ops = List.copyOf(ops);
            operands = List.copyOf(operands);
        }
    }

    /** {@code a and b and c} or {@code a or b}. */
    record BoolOp(int start, String op, List<PyExpr> operands) implements PyExpr {
        public BoolOp {
            operands = List.copyOf(operands);
        }
    }

    /** {@code then if condition else otherwise}. */
    record IfElse(int start, PyExpr then, PyExpr condition, PyExpr otherwise) implements PyExpr {}

    /** {@code lambda a, b: body}. */
    record Lambda(int start, List<String> params, PyExpr body) implements PyExpr {
        public Lambda {
            params = List.copyOf(params);
        }
    }

    /** A list, tuple or set display. */
    record Sequence(int start, String kind, List<PyExpr> items) implements PyExpr {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A dict display; a key is null for {@code **mapping}. */
    record DictDisplay(int start, List<PyExpr> keys, List<PyExpr> values) implements PyExpr {
        public DictDisplay {
            keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
            values = List.copyOf(values);
        }
    }

    /**
     * Syntax lrsched reads past but does not evaluate: a comprehension, an f-string, a starred item, a slice, a
     * walrus; {@code what} names it ("a list comprehension").
     */
    record Unsupported(int start, String what) implements PyExpr {}
}
