package lrsched.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import lrsched.expr.PyTokens.Kind;
import lrsched.expr.PyTokens.Token;

/**
 * Reads Python expressions from {@link PyTokens} with Python's grammar and precedence (lowest first): lambda,
 * {@code if else}, {@code or}, {@code and}, {@code not}, comparisons (chained), {@code | ^ &} are not read,
 * {@code + -}, {@code * / // % @}, unary {@code - + ~}, {@code **} (right-associative, binding tighter than a unary
 * minus on its left), then calls, attributes and subscripts. A formula may nest {@value #MAX_NESTING} levels and
 * have {@value #MAX_OPERATIONS} operations, so that neither reading nor evaluating it can exhaust the stack.
 */
public final class PyParser {
    /** The deepest nesting of brackets, signs, powers and conditionals an expression may have. */
    public static final int MAX_NESTING = 256;
    /** The most operations (arithmetic, comparisons, and/or, conditionals) an expression may have. */
    public static final int MAX_OPERATIONS = 2_000;

    private static final Set<String> KEYWORDS = Set.of("and", "as", "assert", "async", "await", "break", "class",
            "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
            "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
            "yield");
    private static final Set<String> COMPARISONS = Set.of("<", ">", "<=", ">=", "==", "!=");

    private final List<Token> tokens;
    private final String ends;
    private int pos;
    private int nesting;
    private int operations;

    /**
     * A parser over {@code tokens}; {@code ends} is what a message says when they end too early ("the formula ends
     * too early").
     */
    public PyParser(List<Token> tokens, String ends) {
        this.tokens = tokens;
        this.ends = ends;
    }

    /** Reads a whole formula: one expression and nothing after it. */
    public static PyExpr formula(String text) {
        List<Token> tokens = PyTokens.ofExpression(text);
        if (tokens.get(0).kind() == Kind.END) {
            throw new ExpressionException(0, "the formula is empty");
        }
        PyParser p = new PyParser(tokens, "the formula ends too early");
        PyExpr e = p.expression();
        if (p.peek().kind() != Kind.END) {
            throw p.unexpected();
        }
        return e;
    }

    /** The next token, not consumed. */
    public Token peek() {
        return tokens.get(pos);
    }

    /** The token after the next, not consumed. */
    public Token peekSecond() {
        return tokens.get(Math.min(pos + 1, tokens.size() - 1));
    }

    /** Consumes the next token. */
    public Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    /** Consumes the next token when it is the operator or keyword {@code op}. */
    public boolean eat(String op) {
        if (peek().is(op) && peek().kind() != Kind.STRING) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code op} or fails. */
    public Token expect(String op) {
        Token t = peek();
        if (!eat(op)) {
            throw new ExpressionException(t.start(), t.kind() == Kind.END || t.kind() == Kind.NEWLINE
                    ? "expected '" + op + "' but " + ends.replace(" too early", "")
                    : "expected '" + op + "' but found '" + t.text() + "'");
        }
        return t;
    }

    /** An error at the next token: it cannot stand there. */
    public ExpressionException unexpected() {
        Token t = peek();
        if (t.kind() == Kind.END || t.kind() == Kind.NEWLINE) {
            return new ExpressionException(t.start(), ends);
        }
        return new ExpressionException(t.start(), "unexpected '" + (t.kind() == Kind.STRING ? "string" : t.text())
                + "'");
    }

    /** One expression (no bare tuple). */
    public PyExpr expression() {
        if (peek().is("lambda")) {
            return lambda();
        }
        PyExpr then = orTest();
        if (peek().is("if")) {
            int at = next().start();
            counted(at);
            PyExpr condition = orTest();
            expect("else");
            PyExpr otherwise = nested(this::expression);
            return new PyExpr.IfElse(then.start(), then, condition, otherwise);
        }
        return then;
    }

    /** An expression, or a tuple of them without parentheses ({@code a = 1, 2}). */
    public PyExpr expressionList() {
        PyExpr first = expression();
        if (!peek().is(",")) {
            return first;
        }
        List<PyExpr> items = new ArrayList<>(List.of(first));
        while (eat(",") && startsExpression()) {
            items.add(expression());
        }
        return new PyExpr.Sequence(first.start(), "tuple", items);
    }

    private boolean startsExpression() {
        Token t = peek();
        return switch (t.kind()) {
            case NAME -> !KEYWORDS.contains(t.text()) || t.text().equals("not") || t.text().equals("lambda");
            case NUMBER, STRING, FSTRING -> true;
            case OP -> "([{-+~".contains(t.text()) && t.text().length() == 1 || t.text().equals("...");
            default -> false;
        };
    }

    private PyExpr lambda() {
        int start = next().start();
        List<String> params = new ArrayList<>();
        while (!peek().is(":")) {
            Token name = next();
            if (name.kind() != Kind.NAME || KEYWORDS.contains(name.text())) {
                pos--;
                throw unexpected();
            }
            params.add(name.text());
            if (!peek().is(":")) {
                expect(",");
            }
        }
        expect(":");
        PyExpr body = nested(this::expression);
        return new PyExpr.Lambda(start, params, body);
    }

    // orTest and andTest are written out (not one method taking the next level as a function): every frame a
    // nesting level costs is stack that a deeply parenthesized formula needs
    private PyExpr orTest() {
        PyExpr first = andTest();
        if (!peek().is("or")) {
            return first;
        }
        List<PyExpr> all = new ArrayList<>(List.of(first));
        while (peek().is("or")) {
            counted(next().start());
            all.add(andTest());
        }
        return new PyExpr.BoolOp(first.start(), "or", all);
    }

    private PyExpr andTest() {
        PyExpr first = notTest();
        if (!peek().is("and")) {
            return first;
        }
        List<PyExpr> all = new ArrayList<>(List.of(first));
        while (peek().is("and")) {
            counted(next().start());
            all.add(notTest());
        }
        return new PyExpr.BoolOp(first.start(), "and", all);
    }

    private PyExpr notTest() {
        if (peek().is("not")) {
            int start = next().start();
            return new PyExpr.Unary(start, "not", nested(this::notTest));
        }
        return comparison();
    }

    private PyExpr comparison() {
        PyExpr first = arith();
        List<String> ops = new ArrayList<>();
        List<PyExpr> operands = new ArrayList<>(List.of(first));
        while (true) {
            Token t = peek();
            String op;
            if (t.kind() == Kind.OP && COMPARISONS.contains(t.text()) || t.is("in")) {
                op = t.text();
                next();
            } else if (t.is("not") && peekSecond().is("in")) {
                next();
                next();
                op = "not in";
            } else if (t.is("is")) {
                next();
                op = eat("not") ? "is not" : "is";
            } else {
                break;
            }
            counted(t.start());
            ops.add(op);
            operands.add(arith());
        }
        return ops.isEmpty() ? first : new PyExpr.Compare(first.start(), ops, operands);
    }

    private PyExpr arith() {
        PyExpr left = term();
        while (peek().kind() == Kind.OP && (peek().is("+") || peek().is("-"))) {
            Token op = next();
            counted(op.start());
            left = new PyExpr.Binary(left.start(), op.text(), op.start(), left, term());
        }
        return left;
    }

    private PyExpr term() {
        PyExpr left = factor();
        while (peek().kind() == Kind.OP && (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%")
                || peek().is("@"))) {
            Token op = next();
            counted(op.start());
            left = new PyExpr.Binary(left.start(), op.text(), op.start(), left, factor());
        }
        return left;
    }

    private PyExpr factor() {
        Token t = peek();
        if (t.kind() == Kind.OP && (t.is("-") || t.is("+") || t.is("~"))) {
            next();
            return new PyExpr.Unary(t.start(), t.text(), nested(this::factor));
        }
        return power();
    }

    private PyExpr power() {
        PyExpr base = primary();
        Token t = peek();
        // ^ is XOR in Python; lrsched's formulas have always read it as a power, and keep doing so
        if (t.kind() == Kind.OP && (t.is("**") || t.is("^"))) {
            next();
            counted(t.start());
            PyExpr exponent = nested(this::factor);
            return new PyExpr.Binary(base.start(), "**", t.start(), base, exponent);
        }
        return base;
    }

    private PyExpr primary() {
        PyExpr e = atom();
        while (true) {
            Token t = peek();
            if (t.is("(") && t.kind() == Kind.OP) {
                next();
                e = call(e);
            } else if (t.is(".") && t.kind() == Kind.OP) {
                next();
                Token name = next();
                if (name.kind() != Kind.NAME) {
                    pos--;
                    throw unexpected();
                }
                e = new PyExpr.Attribute(e.start(), e, name.text());
            } else if (t.is("[") && t.kind() == Kind.OP) {
                next();
                PyExpr target = e;
                PyExpr index = nested(this::subscript);
                expect("]");
                e = new PyExpr.Subscript(target.start(), target, index);
            } else {
                return e;
            }
        }
    }

    private PyExpr subscript() {
        if (peek().is(":")) {
            int start = peek().start();
            skipTo("]");
            return new PyExpr.Unsupported(start, "a slice");
        }
        PyExpr index = expressionList();
        if (peek().is(":")) {
            skipTo("]");
            return new PyExpr.Unsupported(index.start(), "a slice");
        }
        return index;
    }

    private PyExpr call(PyExpr function) {
        List<PyExpr> args = new ArrayList<>();
        List<PyExpr.Keyword> keywords = new ArrayList<>();
        nesting++;
        checkNesting(function.start());
        while (!peek().is(")")) {
            Token t = peek();
            if (t.kind() == Kind.NAME && peekSecond().is("=") && peekSecond().kind() == Kind.OP) {
                next();
                next();
                keywords.add(new PyExpr.Keyword(t.start(), t.text(), expression()));
            } else if (t.is("**") && t.kind() == Kind.OP) {
                next();
                keywords.add(new PyExpr.Keyword(t.start(), "", expression()));
            } else if (t.is("*") && t.kind() == Kind.OP) {
                next();
                expression();
                args.add(new PyExpr.Unsupported(t.start(), "a starred argument"));
            } else {
                PyExpr arg = expression();
                if (peek().is("for")) {
                    skipTo(")");
                    nesting--;
                    expect(")");
                    return new PyExpr.Call(function.start(), function,
                            List.of(new PyExpr.Unsupported(arg.start(), "a generator expression")), keywords);
                }
                args.add(arg);
            }
            if (!peek().is(")")) {
                separator(")");
            }
        }
        nesting--;
        expect(")");
        return new PyExpr.Call(function.start(), function, args, keywords);
    }

    private PyExpr atom() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                next();
                return new PyExpr.Num(t.start(), t.text());
            }
            case STRING, FSTRING -> {
                StringBuilder value = new StringBuilder();
                boolean formatted = false;
                while (peek().kind() == Kind.STRING || peek().kind() == Kind.FSTRING) {
                    formatted |= peek().kind() == Kind.FSTRING;
                    value.append(next().text());
                }
                return formatted ? new PyExpr.Unsupported(t.start(), "an f-string")
                        : new PyExpr.Str(t.start(), value.toString());
            }
            case NAME -> {
                if (KEYWORDS.contains(t.text())) {
                    throw unexpected();
                }
                next();
                return new PyExpr.Name(t.start(), t.text());
            }
            case OP -> {
                if (t.is("(")) {
                    return display("(", ")", "tuple");
                }
                if (t.is("[")) {
                    return display("[", "]", "list");
                }
                if (t.is("{")) {
                    return braces();
                }
                if (t.is("...")) {
                    next();
                    return new PyExpr.Name(t.start(), "Ellipsis");
                }
                throw unexpected();
            }
            default -> throw unexpected();
        }
    }

    /** ( ... ) or [ ... ]: a parenthesized expression, a tuple or list, or a comprehension. */
    private PyExpr display(String open, String close, String kind) {
        int start = next().start();
        nesting++;
        checkNesting(start);
        PyExpr e = displayItems(start, open, close, kind);
        nesting--;
        return e;
    }

    private PyExpr displayItems(int start, String open, String close, String kind) {
        {
            List<PyExpr> items = new ArrayList<>();
            boolean comma = false;
            while (!peek().is(close)) {
                if (peek().is("*")) {
                    int at = next().start();
                    expression();
                    items.add(new PyExpr.Unsupported(at, "a starred item"));
                } else {
                    items.add(expression());
                }
                if (peek().is("for")) {
                    skipTo(close);
                    expect(close);
                    return new PyExpr.Unsupported(start, open.equals("(") ? "a generator expression"
                            : "a list comprehension");
                }
                if (peek().is(":=")) {
                    skipTo(close);
                    expect(close);
                    return new PyExpr.Unsupported(start, "an assignment expression");
                }
                if (!peek().is(close)) {
                    separator(close);
                    comma = true;
                }
            }
            expect(close);
            if (open.equals("(") && items.size() == 1 && !comma) {
                return items.get(0);
            }
            return new PyExpr.Sequence(start, kind, items);
        }
    }

    private PyExpr braces() {
        int start = next().start();
        return nested(() -> {
            List<PyExpr> keys = new ArrayList<>();
            List<PyExpr> values = new ArrayList<>();
            List<PyExpr> items = new ArrayList<>();
            while (!peek().is("}")) {
                if (peek().is("**")) {
                    next();
                    keys.add(null);
                    values.add(expression());
                } else {
                    PyExpr key = expression();
                    if (eat(":")) {
                        keys.add(key);
                        values.add(expression());
                    } else {
                        items.add(key);
                    }
                }
                if (peek().is("for")) {
                    skipTo("}");
                    expect("}");
                    return new PyExpr.Unsupported(start, "a comprehension");
                }
                if (!peek().is("}")) {
                    separator("}");
                }
            }
            expect("}");
            if (!items.isEmpty()) {
                return new PyExpr.Sequence(start, "set", items);
            }
            return new PyExpr.DictDisplay(start, keys, values);
        });
    }

    /** The comma after an item, or the error of a display that ends or goes on without one. */
    private void separator(String close) {
        if (eat(",")) {
            return;
        }
        Token t = peek();
        if (t.kind() == Kind.END || t.kind() == Kind.NEWLINE) {
            expect(close);
        }
        throw new ExpressionException(t.start(), "expected ',' or '" + close + "' but found '" + t.text() + "'");
    }

    /** Skips to the bracket that closes the current one (tokens balance: the tokenizer checked). */
    private void skipTo(String close) {
        int depth = 0;
        while (peek().kind() != Kind.END) {
            Token t = peek();
            if (t.kind() == Kind.OP && "([{".contains(t.text()) && t.text().length() == 1) {
                depth++;
            } else if (t.kind() == Kind.OP && ")]}".contains(t.text()) && t.text().length() == 1) {
                if (depth == 0 && t.text().equals(close)) {
                    return;
                }
                depth--;
            }
            next();
        }
    }

    private void counted(int at) {
        if (++operations > MAX_OPERATIONS) {
            throw new ExpressionException(at, "the formula has more than " + MAX_OPERATIONS + " operations; "
                    + "a schedule's formula is short: give parts names (extra keys) or use interpolate for a table");
        }
    }

    private PyExpr nested(java.util.function.Supplier<PyExpr> inner) {
        nesting++;
        checkNesting(peek().start());
        PyExpr e = inner.get();
        nesting--;
        return e;
    }

    private void checkNesting(int at) {
        if (nesting > MAX_NESTING) {
            throw new ExpressionException(at, "the formula nests more than " + MAX_NESTING + " levels deep "
                    + "(parentheses, signs and powers); write it flatter");
        }
    }
}
