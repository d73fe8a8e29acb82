package lrsched.input.config.megatron;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * bash's integer arithmetic {@code $(( ... ))} on the script's variables: + - * / % and parentheses on 64-bit
 * integers, names with or without {@code $}. Anything else (a variable the script does not set, a non-integer, an
 * overflow, division by zero) gives no value, and the word stays unresolved.
 */
final class Arithmetic {
    private final String expr;
    private final Map<String, List<ShellScript.Word>> variables;
    private int pos;

    private Arithmetic(String expr, Map<String, List<ShellScript.Word>> variables) {
        this.expr = expr;
        this.variables = variables;
    }

    static Optional<Long> evaluate(String expr, Map<String, List<ShellScript.Word>> variables) {
        try {
            Arithmetic a = new Arithmetic(expr, variables);
            long v = a.sum();
            a.blanks();
            return a.pos == expr.length() ? Optional.of(v) : Optional.empty();
        } catch (ArithmeticException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private long sum() {
        long v = product();
        while (true) {
            blanks();
            if (eat('+')) {
                v = Math.addExact(v, product());
            } else if (eat('-')) {
                v = Math.subtractExact(v, product());
            } else {
                return v;
            }
        }
    }

    private long product() {
        long v = unary();
        while (true) {
            blanks();
            if (eat('*')) {
                v = Math.multiplyExact(v, unary());
            } else if (eat('/')) {
                v = v / unary();
            } else if (eat('%')) {
                v = v % unary();
            } else {
                return v;
            }
        }
    }

    private long unary() {
        blanks();
        if (eat('-')) {
            return Math.negateExact(unary());
        }
        if (eat('+')) {
            return unary();
        }
        if (eat('(')) {
            long v = sum();
            blanks();
            if (!eat(')')) {
                throw new IllegalArgumentException("no )");
            }
            return v;
        }
        eat('$');
        int start = pos;
        while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '_')) {
            pos++;
        }
        String token = expr.substring(start, pos);
        if (token.isEmpty()) {
            throw new IllegalArgumentException("no operand");
        }
        if (Character.isDigit(token.charAt(0))) {
            return Long.parseLong(token);
        }
        List<ShellScript.Word> value = variables.get(token);
        if (value == null || value.size() != 1 || !value.get(0).resolved()) {
            throw new IllegalArgumentException("unknown " + token);
        }
        return Long.parseLong(value.get(0).text().strip());
    }

    private void blanks() {
        while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(char c) {
        if (pos < expr.length() && expr.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }
}
