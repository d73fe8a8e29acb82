package lrsched.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's tokens, as far as lrsched reads Python: names, numbers, strings, operators, and the ends of logical lines.
 * Comments, blank lines and line breaks inside brackets or after a backslash are skipped, as Python's tokenizer
 * skips them. Indentation is not a token: a statement's indentation is the column of its first token.
 */
public final class PyTokens {
    /** What a token is. */
    public enum Kind { NAME, NUMBER, STRING, FSTRING, OP, NEWLINE, END }

    /**
     * One token.
     *
     * @param kind  what it is
     * @param text  the source text, or for a string its value (escapes resolved, adjacent strings not yet joined)
     * @param start the 0-based offset of its first character
     */
    public record Token(Kind kind, String text, int start) {
        public boolean is(String op) {
            return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
        }
    }

    private static final String[] OPERATORS = {"**=", "//=", ">>=", "<<=", "...", "**", "//", "<=", ">=", "==",
        "!=", "->", "+=", "-=", "*=", "/=", "%=", "<<", ">>", ":=", "+", "-", "*", "/", "%", "<", ">", "(", ")",
        "[", "]", "{", "}", ",", ":", ".", "=", "^", "&", "|", "~", "@", ";"};

    private final String s;
    private final boolean statements;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int depth;

    private PyTokens(String s, boolean statements) {
        this.s = s;
        this.statements = statements;
    }

    /**
     * The tokens of a file of statements: a NEWLINE ends each logical line (and stands for {@code ;}), END ends the
     * text.
     *
     * @throws ExpressionException at a character Python's tokenizer refuses, an unclosed string or bracket
     */
    public static List<Token> ofStatements(String text) {
        return new PyTokens(text, true).run();
    }

    /** The tokens of one expression: line breaks are spaces (a formula from a YAML block), END ends the text. */
    public static List<Token> ofExpression(String text) {
        return new PyTokens(text, false).run();
    }

    private List<Token> run() {
        List<Integer> open = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= s.length()) {
                break;
            }
            char c = s.charAt(pos);
            int start = pos;
            if (c == '\n' || c == '\r') {
                pos++;
                if (statements && depth == 0) {
                    newline(start);
                }
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < s.length() && (s.charAt(pos + 1) == '\n' || s.charAt(pos + 1) == '\r')) {
                pos += s.startsWith("\r\n", pos + 1) ? 3 : 2;
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String word = s.substring(start, pos);
                if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')
                        && word.toLowerCase(java.util.Locale.ROOT).matches("[rbuf]|rb|br|fr|rf")) {
                    string(start, word.toLowerCase(java.util.Locale.ROOT));
                } else {
                    out.add(new Token(Kind.NAME, word, start));
                }
            } else if (c == '\'' || c == '"') {
                string(start, "");
            } else {
                operator(start, open);
            }
        }
        if (statements && !open.isEmpty()) {
            // a formula's parser says which bracket it expected instead
            int at = open.get(open.size() - 1);
            throw new ExpressionException(at, "'" + s.charAt(at) + "' is never closed");
        }
        if (statements) {
            newline(pos);
        }
        out.add(new Token(Kind.END, "", pos));
        return out;
    }

    private void newline(int at) {
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != Kind.NEWLINE) {
            out.add(new Token(Kind.NEWLINE, "", at));
        }
    }

    private void skipBlanks() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            boolean lineBreak = c == '\n' || c == '\r';
            if (c == ' ' || c == '\t' || c == '\f' || lineBreak && (!statements || depth > 0)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void operator(int start, List<Integer> open) {
        for (String op : OPERATORS) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                if (op.equals(";") && statements && depth == 0) {
                    newline(start);
                    return;
                }
                if ("([{".contains(op)) {
                    depth++;
                    open.add(start);
                } else if (")]}".contains(op)) {
                    if (open.isEmpty()) {
                        throw new ExpressionException(start, "unmatched '" + op + "'");
                    }
                    char opener = s.charAt(open.remove(open.size() - 1));
                    if ("([{".indexOf(opener) != ")]}".indexOf(op)) {
                        throw new ExpressionException(start, "closing '" + op + "' does not match '" + opener + "'");
                    }
                    depth--;
                }
                out.add(new Token(Kind.OP, op, start));
                return;
            }
        }
        throw new ExpressionException(start, "unexpected '" + s.charAt(start) + "'");
    }

    private void number() {
        int start = pos;
        if (s.startsWith("0x", pos) || s.startsWith("0X", pos) || s.startsWith("0o", pos) || s.startsWith("0O", pos)
                || s.startsWith("0b", pos) || s.startsWith("0B", pos)) {
            pos += 2;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
        } else {
            digits();
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                digits();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                int save = pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    digits();
                } else {
                    pos = save;
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'j' || s.charAt(pos) == 'J')) {
                throw new ExpressionException(start, "'" + s.substring(start, pos + 1) + "' is a complex number, "
                        + "which a learning rate cannot be");
            }
        }
        if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            throw new ExpressionException(start, "'" + s.substring(start, pos + 1) + "' is not a number");
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, pos), start));
    }

    private void digits() {
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
    }

    private void string(int start, String prefix) {
        char quote = s.charAt(pos);
        boolean triple = s.startsWith(String.valueOf(quote).repeat(3), pos);
        String end = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
        pos += end.length();
        boolean raw = prefix.contains("r");
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= s.length() || !triple && (s.charAt(pos) == '\n' || s.charAt(pos) == '\r')) {
                throw new ExpressionException(start, "this string is never closed");
            }
            if (s.startsWith(end, pos)) {
                pos += end.length();
                break;
            }
            char c = s.charAt(pos++);
            if (c != '\\' || pos >= s.length()) {
                value.append(c);
            } else if (raw) {
                value.append(c).append(s.charAt(pos++));
            } else {
                escape(value);
            }
        }
        out.add(new Token(prefix.contains("f") ? Kind.FSTRING : Kind.STRING, value.toString(), start));
    }

    private void escape(StringBuilder value) {
        char e = s.charAt(pos++);
        switch (e) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case '0' -> value.append('\0');
            case '\n' -> { }
            case 'x', 'u', 'U' -> {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (pos + n > s.length() || !s.substring(pos, pos + n).matches("[0-9a-fA-F]+")) {
                    throw new ExpressionException(pos - 2, "truncated \\" + e + " escape");
                }
                value.appendCodePoint(Integer.parseInt(s.substring(pos, pos + n), 16));
                pos += n;
            }
            case '\\', '\'', '"' -> value.append(e);
            default -> value.append('\\').append(e);
        }
    }
}
