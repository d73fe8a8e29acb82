package lrsched.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled formula of one variable (the step, or PyTorch's {@code epoch}) and named constants.
 *
 * <p>Syntax follows Python so that the same text works in a {@code lr_lambda}: numbers, {@code + - * / // % **}
 * ({@code ^} is accepted for power too), unary minus, parentheses, the constant {@code pi}, and the functions
 * min, max, sqrt, rsqrt, exp, log, pow, cos, sin, tanh, floor, ceil, abs. Division is true division; {@code //} and
 * {@code %} floor like Python's. Immutable and thread-safe.
 */
public final class Expression {
    /** Function names and their arities (-1: two or more). */
    public static final Map<String, Integer> FUNCTIONS = Map.ofEntries(
            Map.entry("min", -1), Map.entry("max", -1), Map.entry("sqrt", 1), Map.entry("rsqrt", 1),
            Map.entry("exp", 1), Map.entry("log", 1), Map.entry("pow", 2), Map.entry("cos", 1),
            Map.entry("sin", 1), Map.entry("tanh", 1), Map.entry("floor", 1), Map.entry("ceil", 1),
            Map.entry("abs", 1));

    private final String text;
    private final Term root;
    private final boolean usesVariable;

    private Expression(String text, Term root, boolean usesVariable) {
        this.text = text;
        this.root = root;
        this.usesVariable = usesVariable;
    }

    /**
     * Compiles {@code text}, where {@code variable} names the free variable and {@code constants} give values to
     * other names.
     *
     * @throws ExpressionException with the offset of the first problem
     */
    public static Expression compile(String text, String variable, Map<String, Double> constants) {
        Parser parser = new Parser(text, variable, constants);
        Term root = parser.parseAll();
        return new Expression(text, root, parser.usedVariable);
    }

    /** The value at {@code x}. */
    public double evaluate(double x) {
        return root.eval(x);
    }

    /** Whether the formula depends on its variable at all (a constant lambda can be evaluated in closed form). */
    public boolean usesVariable() {
        return usesVariable;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @FunctionalInterface
    private interface Term {
        double eval(double x);
    }

    private static final class Parser {
        private final String s;
        private final String variable;
        private final Map<String, Double> constants;
        private int pos;
        boolean usedVariable;

        Parser(String s, String variable, Map<String, Double> constants) {
            this.s = s;
            this.variable = variable;
            this.constants = constants;
        }

        Term parseAll() {
            skipSpace();
            if (pos == s.length()) {
                throw new ExpressionException(0, "the formula is empty");
            }
            Term t = sum();
            skipSpace();
            if (pos < s.length()) {
                throw new ExpressionException(pos, "unexpected '" + s.charAt(pos) + "'");
            }
            return t;
        }

        private Term sum() {
            Term left = product();
            while (true) {
                skipSpace();
                if (eat("+")) {
                    Term a = left, b = product();
                    left = x -> a.eval(x) + b.eval(x);
                } else if (peek('-')) {
                    pos++;
                    Term a = left, b = product();
                    left = x -> a.eval(x) - b.eval(x);
                } else {
                    return left;
                }
            }
        }

        private Term product() {
            Term left = unary();
            while (true) {
                skipSpace();
                if (eat("*")) {
                    Term a = left, b = unary();
                    left = x -> a.eval(x) * b.eval(x);
                } else if (eat("//")) {
                    Term a = left, b = unary();
                    left = x -> Math.floor(a.eval(x) / b.eval(x));
                } else if (eat("/")) {
                    Term a = left, b = unary();
                    left = x -> a.eval(x) / b.eval(x);
                } else if (eat("%")) {
                    Term a = left, b = unary();
                    left = x -> {
                        double d = b.eval(x);
                        double n = a.eval(x);
                        return n - d * Math.floor(n / d);
                    };
                } else {
                    return left;
                }
            }
        }

        private Term unary() {
            skipSpace();
            if (eat("-")) {
                Term a = unary();
                return x -> -a.eval(x);
            }
            if (eat("+")) {
                return unary();
            }
            return power();
        }

        private Term power() {
            Term base = atom();
            skipSpace();
            if (eat("**") || eat("^")) {
                Term exponent = unary();
                return x -> Math.pow(base.eval(x), exponent.eval(x));
            }
            return base;
        }

        private Term atom() {
            skipSpace();
            if (pos >= s.length()) {
                throw new ExpressionException(pos, "the formula ends too early");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                Term inner = sum();
                skipSpace();
                expect(")");
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                skipSpace();
                if (peek('(')) {
                    return call(name, start);
                }
                if (name.equals(variable)) {
                    usedVariable = true;
                    return x -> x;
                }
                Double value = constants.get(name);
                if (value == null && name.equals("pi")) {
                    value = Math.PI;
                }
                if (value == null) {
                    throw new ExpressionException(start, "unknown name '" + name + "'; known: "
                            + String.join(", ", knownNames()));
                }
                double v = value;
                return x -> v;
            }
            throw new ExpressionException(pos, "unexpected '" + c + "'");
        }

        private Set<String> knownNames() {
            Set<String> names = new TreeSet<>(constants.keySet());
            names.add(variable);
            names.add("pi");
            return names;
        }

        private Term number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                    || s.charAt(pos) == '_')) {
                pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos = save;
                }
            }
            String literal = s.substring(start, pos).replace("_", "");
            try {
                double v = Double.parseDouble(literal);
                return x -> v;
            } catch (NumberFormatException e) {
                throw new ExpressionException(start, "'" + s.substring(start, pos) + "' is not a number");
            }
        }

        private Term call(String name, int start) {
            Integer arity = FUNCTIONS.get(name);
            if (arity == null) {
                throw new ExpressionException(start, "unknown function '" + name + "'; known: "
                        + String.join(", ", new TreeSet<>(FUNCTIONS.keySet())));
            }
            expect("(");
            List<Term> args = new ArrayList<>();
            skipSpace();
            if (!peek(')')) {
                do {
                    args.add(sum());
                    skipSpace();
                } while (eat(","));
            }
            expect(")");
            boolean ok = arity == -1 ? args.size() >= 2 : args.size() == arity;
            if (!ok) {
                throw new ExpressionException(start, name + "() takes "
                        + (arity == -1 ? "two or more arguments" : arity + " argument" + (arity == 1 ? "" : "s"))
                        + ", not " + args.size());
            }
            Term a = args.get(0);
            switch (name) {
                case "sqrt": return x -> Math.sqrt(a.eval(x));
                case "rsqrt": return x -> 1.0 / Math.sqrt(a.eval(x));
                case "exp": return x -> Math.exp(a.eval(x));
                case "log": return x -> Math.log(a.eval(x));
                case "cos": return x -> Math.cos(a.eval(x));
                case "sin": return x -> Math.sin(a.eval(x));
                case "tanh": return x -> Math.tanh(a.eval(x));
                case "floor": return x -> Math.floor(a.eval(x));
                case "ceil": return x -> Math.ceil(a.eval(x));
                case "abs": return x -> Math.abs(a.eval(x));
                case "pow": {
                    Term b = args.get(1);
                    return x -> Math.pow(a.eval(x), b.eval(x));
                }
                default: {
                    Term[] all = args.toArray(new Term[0]);
                    boolean min = name.equals("min");
                    return x -> {
                        double best = all[0].eval(x);
                        for (int i = 1; i < all.length; i++) {
                            double v = all[i].eval(x);
                            // Python's min/max keep the first of equal values and propagate NaN from the first
                            if (min ? v < best : v > best) {
                                best = v;
                            }
                        }
                        return best;
                    };
                }
            }
        }

        private void expect(String token) {
            skipSpace();
            if (!eat(token)) {
                throw new ExpressionException(pos, pos < s.length()
                        ? "expected '" + token + "' but found '" + s.charAt(pos) + "'"
                        : "expected '" + token + "' but the formula ends");
            }
        }

        private boolean eat(String token) {
            if (s.startsWith(token, pos)) {
                if (token.equals("*") && s.startsWith("**", pos)) {
                    return false;
                }
                if (token.equals("/") && s.startsWith("//", pos)) {
                    return false;
                }
                pos += token.length();
                return true;
            }
            return false;
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
