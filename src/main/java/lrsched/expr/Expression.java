package lrsched.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import lrsched.core.StepOutOfRangeException;

/**
 * A compiled formula of one variable (the step, or PyTorch's {@code epoch}) and named constants, in Python's
 * expression syntax so that a {@code lr_lambda} can be pasted as written, {@code lambda epoch: ...} included (its
 * parameter names the variable).
 *
 * <p>Read: numbers, {@code + - * / // % **} ({@code ^} is a power too), unary signs, comparisons (chained),
 * {@code and or not}, {@code a if c else b}, True/False, the constant {@code pi}, the builtins min, max (two or more
 * arguments), abs, float, int, round and pow, math's functions and constants as {@code math.NAME}, and the older bare
 * names sqrt, rsqrt, exp, log, pow, cos, sin, tanh, floor, ceil. Arithmetic is Python's on floats: {@code //} and
 * {@code %} floor, {@code round} rounds half to even, and where Python raises (ZeroDivisionError, math domain error)
 * {@link #evaluate} throws a {@link StepOutOfRangeException} quoting it. Ints are exact up to 2^53. Immutable and
 * thread-safe.
 */
public final class Expression {
    /** The bare function names (Python's builtins and the older names for math's functions). */
    public static final Set<String> FUNCTIONS = Set.of("min", "max", "abs", "float", "int", "round", "pow",
            "sqrt", "rsqrt", "exp", "log", "cos", "sin", "tanh", "floor", "ceil");
    /** math's constants. */
    private static final Map<String, Double> MATH_CONSTANTS = Map.of("pi", Math.PI, "e", Math.E, "tau", 2 * Math.PI,
            "inf", Double.POSITIVE_INFINITY, "nan", Double.NaN);

    /** The deepest nesting of parentheses, signs and exponents a formula may have. */
    static final int MAX_NESTING = PyParser.MAX_NESTING;
    /** The most binary operations a formula may have (each one a level when it is evaluated). */
    static final int MAX_OPERATIONS = PyParser.MAX_OPERATIONS;

    private final String text;
    private final String variable;
    private final Term root;
    private final boolean usesVariable;

    private Expression(String text, String variable, Term root, boolean usesVariable) {
        this.text = text;
        this.variable = variable;
        this.root = root;
        this.usesVariable = usesVariable;
    }

    /**
     * Compiles {@code text}, where {@code variable} names the free variable (unless the text is a one-parameter
     * lambda, whose parameter does) and {@code constants} give values to other names.
     *
     * @throws ExpressionException with the offset of the first problem
     */
    public static Expression compile(String text, String variable, Map<String, Double> constants) {
        PyExpr tree = PyParser.formula(text);
        if (tree instanceof PyExpr.Lambda lambda) {
            if (lambda.params().size() != 1) {
                throw new ExpressionException(lambda.start(), "the lambda takes " + lambda.params().size()
                        + " arguments; it is called with one (" + variable + ")");
            }
            variable = lambda.params().get(0);
            tree = lambda.body();
        }
        Compiler compiler = new Compiler(variable, constants);
        Typed root = compiler.compile(tree);
        return new Expression(text, variable, root.term(), compiler.usedVariable);
    }

    /** A number computed from literals alone, and whether Python's result is an int. */
    public record Constant(double value, boolean isInt) {}

    /**
     * The value of an expression of number literals, with Python's arithmetic ({@code 5e-4 * 1024 / 512},
     * {@code 12 // 5}), as a Python config file computes its settings.
     *
     * @throws ExpressionException where the expression is not one of numbers, or Python raises
     */
    public static Constant constant(PyExpr tree) {
        Compiler compiler = new Compiler("", Map.of());
        Typed t = compiler.compile(tree);
        try {
            return new Constant(t.term().eval(0), t.type() == Type.INT);
        } catch (PyMath.Raised e) {
            throw new ExpressionException(tree.start(), "Python raises " + e.getMessage());
        }
    }

    /**
     * The value at {@code x}.
     *
     * @throws StepOutOfRangeException where Python raises (its message quoted), at step {@code x}
     */
    public double evaluate(double x) {
        try {
            return root.eval(x);
        } catch (PyMath.Raised e) {
            throw new StepOutOfRangeException((long) x, "Python raises " + e.getMessage() + " evaluating '" + text
                    + "' at " + variable + " = " + (x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x)
                    : Double.toString(x)));
        }
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

    /** What Python's type of a value is known to be, for its error messages: int, float, or either. */
    private enum Type {
        INT, FLOAT, EITHER;

        Type join(Type other) {
            return this == other ? this : EITHER;
        }

        /** Whether an operation on {@code this} and {@code other} is Python's int operation. */
        boolean ints(Type other) {
            return this == INT && other == INT;
        }
    }

    private record Typed(Term term, Type type) {}

    private static final class Compiler {
        private final String variable;
        private final Map<String, Double> constants;
        boolean usedVariable;

        Compiler(String variable, Map<String, Double> constants) {
            this.variable = variable;
            this.constants = constants;
        }

        Typed compile(PyExpr e) {
            if (e instanceof PyExpr.Num n) {
                return number(n);
            } else if (e instanceof PyExpr.Name n) {
                return name(n);
            } else if (e instanceof PyExpr.Attribute a) {
                return attribute(a);
            } else if (e instanceof PyExpr.Unary u) {
                return unary(u);
            } else if (e instanceof PyExpr.Binary b) {
                return binary(b);
            } else if (e instanceof PyExpr.Compare c) {
                return compare(c);
            } else if (e instanceof PyExpr.BoolOp b) {
                return bool(b);
            } else if (e instanceof PyExpr.IfElse c) {
                Term cond = compile(c.condition()).term();
                Typed then = compile(c.then());
                Typed otherwise = compile(c.otherwise());
                Term a = then.term(), b = otherwise.term();
                return new Typed(x -> truth(cond.eval(x)) ? a.eval(x) : b.eval(x), then.type().join(otherwise.type()));
            } else if (e instanceof PyExpr.Call c) {
                return call(c);
            }
            throw new ExpressionException(e.start(), describe(e) + " is not a number; a formula computes one");
        }

        private static String describe(PyExpr e) {
            if (e instanceof PyExpr.Str) {
                return "a string";
            } else if (e instanceof PyExpr.Lambda) {
                return "a lambda inside the formula";
            } else if (e instanceof PyExpr.Sequence s) {
                return "a " + s.kind();
            } else if (e instanceof PyExpr.DictDisplay) {
                return "a dict";
            } else if (e instanceof PyExpr.Subscript) {
                return "indexing";
            } else if (e instanceof PyExpr.Unsupported u) {
                return u.what();
            }
            return "this";
        }

        private Typed number(PyExpr.Num n) {
            String t = n.text().replace("_", "").toLowerCase(java.util.Locale.ROOT);
            double v;
            if (t.startsWith("0x") || t.startsWith("0o") || t.startsWith("0b")) {
                int radix = t.charAt(1) == 'x' ? 16 : t.charAt(1) == 'o' ? 8 : 2;
                try {
                    v = new java.math.BigInteger(t.substring(2), radix).doubleValue();
                } catch (NumberFormatException ex) {
                    throw new ExpressionException(n.start(), "'" + n.text() + "' is not a number");
                }
            } else {
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException ex) {
                    throw new ExpressionException(n.start(), "'" + n.text() + "' is not a number");
                }
                if (n.isInt() && t.length() > 1 && t.startsWith("0") && v != 0) {
                    throw new ExpressionException(n.start(), "'" + n.text() + "': Python refuses leading zeros in "
                            + "an int (write 0o" + t.substring(1) + " for an octal number)");
                }
            }
            return constant(v, n.isInt() ? Type.INT : Type.FLOAT);
        }

        private static Typed constant(double v, Type type) {
            return new Typed(x -> v, type);
        }

        private Typed name(PyExpr.Name n) {
            String id = n.id();
            if (id.equals(variable)) {
                usedVariable = true;
                return new Typed(x -> x, Type.INT);
            }
            Double value = constants.get(id);
            if (value != null) {
                return constant(value, Type.EITHER);
            }
            switch (id) {
                case "pi": return constant(Math.PI, Type.FLOAT);
                case "True": return constant(1, Type.INT);
                case "False": return constant(0, Type.INT);
                default: break;
            }
            if (FUNCTIONS.contains(id) || id.equals("math")) {
                throw new ExpressionException(n.start(), "'" + id + "' is a function here; call it: " + id + "(...)");
            }
            Set<String> names = new TreeSet<>(constants.keySet());
            names.add(variable);
            names.add("pi");
            throw new ExpressionException(n.start(), "unknown name '" + id + "'; known: " + String.join(", ", names)
                    + " (and math.pi, math.e, math.inf)");
        }

        private Typed attribute(PyExpr.Attribute a) {
            if (a.target() instanceof PyExpr.Name m && m.id().equals("math")) {
                Double value = MATH_CONSTANTS.get(a.attr());
                if (value != null) {
                    return constant(value, Type.FLOAT);
                }
                throw new ExpressionException(a.start(), "math." + a.attr() + " is not a constant lrsched knows; "
                        + "known: math.e, math.inf, math.nan, math.pi, math.tau");
            }
            throw new ExpressionException(a.start(), "only math's constants and functions are read "
                    + "(math.pi, math.cos(...)), not attributes of other things");
        }

        private Typed unary(PyExpr.Unary u) {
            Typed operand = compile(u.operand());
            Term a = operand.term();
            return switch (u.op()) {
                case "-" -> operand.type() == Type.INT ? integral(x -> -a.eval(x))
                        : new Typed(x -> -a.eval(x), operand.type());
                case "+" -> operand;
                case "not" -> new Typed(x -> truth(a.eval(x)) ? 0 : 1, Type.INT);
                default -> throw new ExpressionException(u.start(), "'" + u.op() + "' (bitwise) is not read in a "
                        + "formula");
            };
        }

        /** A chain a + b - c * ... is compiled from its innermost operation outwards in a loop, not recursively. */
        private Typed binary(PyExpr.Binary b) {
            List<PyExpr.Binary> spine = new ArrayList<>();
            PyExpr e = b;
            while (e instanceof PyExpr.Binary x) {
                spine.add(x);
                e = x.left();
            }
            Typed acc = compile(e);
            for (int i = spine.size() - 1; i >= 0; i--) {
                acc = operation(spine.get(i), acc, compile(spine.get(i).right()));
            }
            return acc;
        }

        private static Typed operation(PyExpr.Binary b, Typed left, Typed right) {
            Term l = left.term(), r = right.term();
            boolean ints = left.type().ints(right.type());
            Type joined = left.type().join(right.type()) == Type.INT ? Type.INT
                    : left.type() == Type.FLOAT || right.type() == Type.FLOAT ? Type.FLOAT : Type.EITHER;
            // an int result gets + 0.0: Python's ints have no negative zero (0 * -3 and -7 % 7 are 0); it is
            // inlined, not a wrapping term, so that a long sum costs one frame per operation when evaluated
            return switch (b.op()) {
                case "+" -> new Typed(x -> l.eval(x) + r.eval(x), joined);
                case "-" -> new Typed(x -> l.eval(x) - r.eval(x), joined);
                case "*" -> ints ? new Typed(x -> l.eval(x) * r.eval(x) + 0.0, Type.INT)
                        : new Typed(x -> l.eval(x) * r.eval(x), joined);
                case "/" -> new Typed(x -> PyMath.divide(l.eval(x), r.eval(x), ints), Type.FLOAT);
                case "//" -> ints ? new Typed(x -> PyMath.floorDivide(l.eval(x), r.eval(x), true) + 0.0, Type.INT)
                        : new Typed(x -> PyMath.floorDivide(l.eval(x), r.eval(x), false), joined);
                case "%" -> ints ? new Typed(x -> PyMath.modulo(l.eval(x), r.eval(x), true) + 0.0, Type.INT)
                        : new Typed(x -> PyMath.modulo(l.eval(x), r.eval(x), false), joined);
                case "**" -> new Typed(x -> PyMath.power(l.eval(x), r.eval(x), ints), joined);
                default -> throw new ExpressionException(b.at(), "'" + b.op() + "' is not read in a formula");
            };
        }

        /** An int result: Python's ints have no negative zero (0 * -3, -7 % 7 and int(-0.5) are 0). */
        private static Typed integral(Term t) {
            return new Typed(x -> t.eval(x) + 0.0, Type.INT);
        }

        private Typed compare(PyExpr.Compare c) {
            String[] ops = c.ops().toArray(new String[0]);
            for (int i = 0; i < ops.length; i++) {
                if (!Set.of("<", ">", "<=", ">=", "==", "!=").contains(ops[i])) {
                    throw new ExpressionException(c.operands().get(i + 1).start(), "'" + ops[i] + "' compares "
                            + "objects; a formula compares numbers with < > <= >= == !=");
                }
            }
            List<Term> operands = new ArrayList<>();
            for (PyExpr e : c.operands()) {
                operands.add(compile(e).term());
            }
            Term[] terms = operands.toArray(new Term[0]);
            return new Typed(x -> {
                double left = terms[0].eval(x);
                for (int i = 0; i < ops.length; i++) {
                    double right = terms[i + 1].eval(x);
                    if (!holds(ops[i], left, right)) {
                        return 0;
                    }
                    left = right;
                }
                return 1;
            }, Type.INT);
        }

        private static boolean holds(String op, double a, double b) {
            return switch (op) {
                case "<" -> a < b;
                case ">" -> a > b;
                case "<=" -> a <= b;
                case ">=" -> a >= b;
                case "==" -> a == b;
                default -> a != b;
            };
        }

        /** {@code and} / {@code or} give the deciding operand itself, as Python's do. */
        private Typed bool(PyExpr.BoolOp b) {
            List<Term> operands = new ArrayList<>();
            Type type = null;
            for (PyExpr e : b.operands()) {
                Typed t = compile(e);
                operands.add(t.term());
                type = type == null ? t.type() : type.join(t.type());
            }
            Term[] terms = operands.toArray(new Term[0]);
            boolean and = b.op().equals("and");
            return new Typed(x -> {
                double v = 0;
                for (Term t : terms) {
                    v = t.eval(x);
                    if (truth(v) != and) {
                        return v;
                    }
                }
                return v;
            }, type);
        }

        /** Python's truth of a number: everything but zero (NaN is true). */
        private static boolean truth(double v) {
            return v != 0;
        }

        private Typed call(PyExpr.Call c) {
            String name;
            boolean math;
            if (c.function() instanceof PyExpr.Name n) {
                name = n.id();
                math = false;
            } else if (c.function() instanceof PyExpr.Attribute a && a.target() instanceof PyExpr.Name m
                    && m.id().equals("math")) {
                name = a.attr();
                math = true;
            } else {
                throw new ExpressionException(c.start(), "only builtins and math's functions can be called here");
            }
            String shown = (math ? "math." : "") + name;
            if (!c.keywords().isEmpty()) {
                throw new ExpressionException(c.keywords().get(0).start(), shown + "() is called with keyword "
                        + "arguments; pass them by position");
            }
            if (name.equals("float") && !math && c.args().size() == 1 && c.args().get(0) instanceof PyExpr.Str s) {
                return floatOfString(s);
            }
            List<Typed> args = new ArrayList<>();
            for (PyExpr a : c.args()) {
                args.add(compile(a));
            }
            Typed t = math ? mathCall(c, name, args) : builtin(c, name, args);
            if (t == null) {
                throw new ExpressionException(c.start(), "unknown function '" + shown + "'; known: "
                        + String.join(", ", new TreeSet<>(FUNCTIONS)) + ", and math's " + String.join(", ",
                        new TreeSet<>(mathNames())));
            }
            return t;
        }

        private static Set<String> mathNames() {
            Set<String> all = new TreeSet<>(PyMath.UNARY.keySet());
            all.addAll(PyMath.TO_INT.keySet());
            all.addAll(PyMath.BINARY.keySet());
            return all;
        }

        private static Typed floatOfString(PyExpr.Str s) {
            String v = s.value().strip().toLowerCase(java.util.Locale.ROOT);
            return switch (v) {
                case "inf", "+inf", "infinity", "+infinity" -> constant(Double.POSITIVE_INFINITY, Type.FLOAT);
                case "-inf", "-infinity" -> constant(Double.NEGATIVE_INFINITY, Type.FLOAT);
                case "nan", "+nan", "-nan" -> constant(Double.NaN, Type.FLOAT);
                default -> throw new ExpressionException(s.start(), "float() of a string reads 'inf', '-inf' or "
                        + "'nan' here; write the number itself");
            };
        }

        private static void arity(PyExpr.Call c, String name, List<Typed> args, int min, int max) {
            int n = args.size();
            if (n < min || n > max) {
                String want = max == Integer.MAX_VALUE ? "two or more arguments" : min == max
                        ? min + " argument" + (min == 1 ? "" : "s") : min + " or " + max + " arguments";
                throw new ExpressionException(c.start(), name + "() takes " + want + ", not " + n);
            }
        }

        private Typed builtin(PyExpr.Call c, String name, List<Typed> args) {
            switch (name) {
                case "min", "max": {
                    arity(c, name, args, 2, Integer.MAX_VALUE);
                    Term[] all = args.stream().map(Typed::term).toArray(Term[]::new);
                    Type type = args.stream().map(Typed::type).reduce(Type::join).orElseThrow();
                    boolean min = name.equals("min");
                    return new Typed(x -> {
                        double best = all[0].eval(x);
                        for (int i = 1; i < all.length; i++) {
                            double v = all[i].eval(x);
                            // Python's min/max keep the first of equal values and propagate NaN from the first
                            if (min ? v < best : v > best) {
                                best = v;
                            }
                        }
                        return best;
                    }, type);
                }
                case "abs": {
                    arity(c, name, args, 1, 1);
                    Term a = args.get(0).term();
                    return new Typed(x -> Math.abs(a.eval(x)), args.get(0).type());
                }
                case "float": {
                    arity(c, name, args, 1, 1);
                    return new Typed(args.get(0).term(), Type.FLOAT);
                }
                case "int": {
                    arity(c, name, args, 1, 1);
                    Term a = args.get(0).term();
                    return integral(x -> {
                        double v = PyMath.toInt(a.eval(x));
                        return v < 0 ? Math.ceil(v) : Math.floor(v);
                    });
                }
                case "round": {
                    arity(c, name, args, 1, 2);
                    Term a = args.get(0).term();
                    if (args.size() == 1) {
                        return integral(x -> Math.rint(PyMath.toInt(a.eval(x))));
                    }
                    Term digits = args.get(1).term();
                    return new Typed(x -> PyMath.round(a.eval(x), digits.eval(x)), args.get(0).type());
                }
                case "pow": {
                    arity(c, name, args, 2, 2);
                    Term a = args.get(0).term(), b = args.get(1).term();
                    boolean ints = args.get(0).type().ints(args.get(1).type());
                    return new Typed(x -> PyMath.power(a.eval(x), b.eval(x), ints), args.get(0).type()
                            .join(args.get(1).type()));
                }
                case "rsqrt": {
                    arity(c, name, args, 1, 1);
                    Term a = args.get(0).term();
                    return new Typed(x -> 1.0 / Math.sqrt(a.eval(x)), Type.FLOAT);
                }
                default:
                    // the older bare names of math's functions (sqrt, exp, log, cos, sin, tanh, floor, ceil)
                    return FUNCTIONS.contains(name) ? mathCall(c, name, args) : null;
            }
        }

        private Typed mathCall(PyExpr.Call c, String name, List<Typed> args) {
            if (name.equals("log")) {
                arity(c, "log", args, 1, 2);
                Term a = args.get(0).term();
                if (args.size() == 2) {
                    Term base = args.get(1).term();
                    return new Typed(x -> PyMath.log(a.eval(x), base.eval(x)), Type.FLOAT);
                }
            }
            PyMath.Unary u = PyMath.UNARY.get(name);
            if (u != null) {
                arity(c, name, args, 1, 1);
                Term a = args.get(0).term();
                return new Typed(x -> PyMath.apply(u, a.eval(x)), Type.FLOAT);
            }
            java.util.function.DoubleUnaryOperator toInt = PyMath.TO_INT.get(name);
            if (toInt != null) {
                arity(c, name, args, 1, 1);
                Term a = args.get(0).term();
                return integral(x -> toInt.applyAsDouble(PyMath.toInt(a.eval(x))));
            }
            java.util.function.DoubleBinaryOperator two = PyMath.BINARY.get(name);
            if (two != null) {
                arity(c, name, args, 2, 2);
                Term a = args.get(0).term(), b = args.get(1).term();
                return new Typed(x -> two.applyAsDouble(a.eval(x), b.eval(x)), Type.FLOAT);
            }
            return null;
        }
    }
}
