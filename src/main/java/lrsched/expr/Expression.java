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

    /** The deepest nesting of parentheses, signs and exponents a formula may have. */
    static final int MAX_NESTING = 256;
    /** The most binary operations a formula may have (each one a level when it is evaluated). */
    static final int MAX_OPERATIONS = 2_000;

    private static final class Parser {
        private final String s;
        private final String variable;
        private final Map<String, Double> constants;
        private int pos;
        boolean usedVariable;
        /** Parentheses, signs and exponents open around the current position. */
        private int nesting;
        /** Binary operations so far: each one is a level of the evaluated tree. */
        private int operations;

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
                    Term a = left, b = operand(this::product);
                    left = x -> a.eval(x) + b.eval(x);
                } else if (peek('-')) {
                    pos++;
                    Term a = left, b = operand(this::product);
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
                    Term a = left, b = operand(this::unary);
                    left = x -> a.eval(x) * b.eval(x);
                } else if (eat("//")) {
                    Term a = left, b = operand(this::unary);
                    left = x -> Math.floor(a.eval(x) / b.eval(x));
                } else if (eat("/")) {
                    Term a = left, b = operand(this::unary);
                    left = x -> a.eval(x) / b.eval(x);
                } else if (eat("%")) {
                    Term a = left, b = operand(this::unary);
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

        /** The right operand of a binary operation, counted against {@link #MAX_OPERATIONS}. */
        private Term operand(java.util.function.Supplier<Term> next) {
            if (++operations > MAX_OPERATIONS) {
                throw new ExpressionException(pos, "the formula has more than " + MAX_OPERATIONS + " operations; "
                        + "a schedule's formula is short: give parts names (extra keys) or use interpolate for a table");
            }
            return next.get();
        }

        /** {@code next}, one level deeper, counted against {@link #MAX_NESTING}. */
        private Term nested(java.util.function.Supplier<Term> next) {
            if (++nesting > MAX_NESTING) {
                throw new ExpressionException(pos, "the formula nests more than " + MAX_NESTING + " levels deep "
                        + "(parentheses, signs and powers); write it flatter");
            }
            Term t = next.get();
            nesting--;
            return t;
        }

        private Term unary() {
            skipSpace();
            if (eat("-")) {
                Term a = nested(this::unary);
                return x -> -a.eval(x);
            }
            if (eat("+")) {
                return nested(this::unary);
            }
            return power();
        }

        private Term power() {
            Term base = atom();
            skipSpace();
            if (eat("**") || eat("^")) {
                Term exponent = nested(this::unary);
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
                Term inner = nested(this::sum);
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
                    args.add(nested(this::sum));
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
