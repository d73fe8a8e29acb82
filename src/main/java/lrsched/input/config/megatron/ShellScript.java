package lrsched.input.config.megatron;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lrsched.core.Location;

/**
 * The commands of a bash launch script, with the variables the script sets expanded as bash would: line
 * continuations, comments, single and double quotes, {@code NAME=value}, {@code export NAME=value}, arrays
 * {@code NAME=( ... )} and {@code NAME+=( ... )}, and {@code $NAME}, {@code ${NAME}}, {@code ${NAME[@]}},
 * {@code ${NAME:-default}} and integer {@code $(( ... ))} in words. It runs nothing: a command substitution, a
 * positional parameter or a variable the script does not set stays unresolved (and says so). Each word keeps where
 * each of its characters stands in the script, so a value that came from {@code GBS=256} is located at the 256.
 */
final class ShellScript {
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(\\+?)=");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-]");

    /**
     * A word after expansion, with the script position of each character; {@code unresolved} is empty, or says why
     * its value is not known ("$LR, which the script does not set (...); set it in the script").
     */
    record Word(String text, int[] lines, int[] columns, String unresolved) {
        Location at(String source) {
            return lines.length == 0 ? Location.of(source) : new Location(source, lines[0], columns[0]);
        }

        boolean resolved() {
            return unresolved.isEmpty();
        }
    }

    /** One simple command, its words expanded, with where it starts. */
    record Command(List<Word> words, int line) {}

    private final String text;
    private final Map<String, List<Word>> variables = new HashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int column = 1;

    private ShellScript(String text) {
        this.text = text;
    }

    /** Reads the script's commands in order. */
    static List<Command> commands(String text) {
        ShellScript s = new ShellScript(text);
        s.run();
        return s.commands;
    }

    /** How the statements of a block run: all of them, some (a condition lrsched does not evaluate), or none. */
    private enum Mode { RUN, UNCERTAIN, SKIPPED }

    /** An open if/for/while/until/select/case block, or one branch of a case. */
    private record Block(String keyword, int line, Mode mode) {}

    private final List<Block> blocks = new ArrayList<>();
    /** After "case WORD in" or a branch's ";;": the next thing is a pattern list or esac. */
    private Word caseSubject;
    private boolean caseMatched;
    private boolean expectPattern;

    private Mode mode() {
        Mode m = Mode.RUN;
        for (Block b : blocks) {
            m = b.mode().compareTo(m) > 0 ? b.mode() : m;
        }
        return m;
    }

    private void run() {
        List<Word> command = new ArrayList<>();
        int start = line;
        while (pos < text.length()) {
            skipBlanks();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (expectPattern && c != '\n' && c != ';') {
                casePattern();
                continue;
            }
            if (c == ';' && pos + 1 < text.length() && text.charAt(pos + 1) == ';') {
                advance();
                advance();
                end(command, start);
                command = new ArrayList<>();
                if (!blocks.isEmpty() && blocks.get(blocks.size() - 1).keyword().equals("branch")) {
                    blocks.remove(blocks.size() - 1);
                }
                expectPattern = true;
                continue;
            }
            if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>') {
                advance();
                end(command, start);
                command = new ArrayList<>();
                start = line;
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(text).region(pos, text.length());
            if (command.isEmpty() && m.lookingAt()) {
                assign(m.group(1), !m.group(2).isEmpty(), m.end());
                continue;
            }
            if (command.isEmpty()) {
                start = line;
            }
            int wordLine = line;
            List<Word> words = word(true);
            if (command.isEmpty() && words.size() == 1 && keyword(words.get(0).text(), wordLine)) {
                continue;
            }
            command.addAll(words);
        }
        end(command, start);
    }

    /**
     * A reserved word (or a declaration builtin) at a command's start: blocks open and close; the words after it are
     * read as a new command (an assignment after {@code export} or {@code then} is an assignment).
     */
    private boolean keyword(String word, int at) {
        switch (word) {
            case "export": case "declare": case "local": case "readonly":
            case "then": case "else": case "elif": case "do": case "{": case "}":
                return true;
            case "if": case "for": case "while": case "until": case "select":
                blocks.add(new Block(word, at, Mode.UNCERTAIN));
                return true;
            case "fi": case "done":
                if (!blocks.isEmpty()) {
                    blocks.remove(blocks.size() - 1);
                }
                return true;
            case "case":
                skipBlanks();
                List<Word> subject = word(true);
                skipBlanks();
                word(true); // "in"
                caseSubject = subject.size() == 1 ? subject.get(0) : null;
                caseMatched = false;
                blocks.add(new Block("case", at, Mode.RUN));
                expectPattern = true;
                return true;
            default:
                return false;
        }
    }

    /** The patterns of a case branch up to ')' (or esac): the branch runs when the subject matches the first time. */
    private void casePattern() {
        expectPattern = false;
        int at = line;
        if (text.startsWith("esac", pos)) {
            for (int i = 0; i < 4; i++) {
                advance();
            }
            if (!blocks.isEmpty()) {
                blocks.remove(blocks.size() - 1);
            }
            return;
        }
        int close = text.indexOf(')', pos);
        if (close < 0) {
            close = text.length();
        }
        String patterns = text.substring(pos, close).strip();
        while (pos < Math.min(close + 1, text.length())) {
            advance();
        }
        Mode branch;
        if (caseSubject == null || !caseSubject.resolved()) {
            branch = Mode.UNCERTAIN;
        } else {
            boolean matches = false;
            for (String p : patterns.replaceFirst("^\\(", "").split("\\|")) {
                String glob = p.strip().replaceAll("^[\"']|[\"']$", "");
                String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
                matches |= caseSubject.text().matches(regex);
            }
            branch = matches && !caseMatched ? Mode.RUN : Mode.SKIPPED;
            caseMatched |= matches;
        }
        blocks.add(new Block("branch", at, branch));
    }

    private void end(List<Word> command, int start) {
        if (!command.isEmpty() && mode() != Mode.SKIPPED) {
            commands.add(new Command(List.copyOf(command), start));
        }
    }

    private void assign(String name, boolean append, int valueStart) {
        while (pos < valueStart) {
            advance();
        }
        List<Word> value = new ArrayList<>(append ? variables.getOrDefault(name, List.of()) : List.of());
        int kept = value.size();
        boolean array = pos < text.length() && text.charAt(pos) == '(';
        if (array) {
            advance();
            while (true) {
                skipBlanks();
                if (pos >= text.length()) {
                    break;
                }
                char c = text.charAt(pos);
                if (c == ')') {
                    advance();
                    break;
                }
                if (c == '\n') {
                    advance();
                    continue;
                }
                value.addAll(word(true));
            }
        } else {
            List<Word> parts = word(false);
            Builder joined = new Builder();
            joined.started = true;
            parts.forEach(joined::append);
            Word w = joined.word();
            if (append && !value.isEmpty()) {
                Builder b = new Builder();
                b.append(value.get(0));
                b.append(w);
                value.set(0, b.word());
            } else {
                value.clear();
                value.add(w);
            }
        }
        Mode mode = mode();
        if (mode == Mode.SKIPPED) {
            return;
        }
        if (mode == Mode.UNCERTAIN) {
            Block b = blocks.stream().filter(x -> x.mode() == Mode.UNCERTAIN).findFirst().orElseThrow();
            String why = name + "'s value from inside the " + (b.keyword().equals("branch") ? "case" : b.keyword())
                    + " block at line " + b.line() + ", whose condition lrsched does not evaluate; set " + name
                    + " outside the block";
            // an array's appended elements are uncertain; a string's whole value is
            for (int i = array ? kept : 0; i < value.size(); i++) {
                Word w = value.get(i);
                value.set(i, new Word(w.text(), w.lines(), w.columns(), why));
            }
        }
        variables.put(name, value);
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                advance();
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                advance();
                advance();
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    /** Collects the fields of one word; {@code split}: unquoted expansions split at blanks (not in assignments). */
    private final class Fields {
        final List<Word> out = new ArrayList<>();
        Builder current = new Builder();

        void literal(char c, boolean quoted) {
            current.add(c, line, column, quoted);
        }

        void expansion(Word value, boolean quoted, boolean split) {
            if (quoted || !split) {
                current.started = true;
                current.append(value);
                return;
            }
            for (int i = 0; i < value.text().length(); i++) {
                char c = value.text().charAt(i);
                if (Character.isWhitespace(c)) {
                    close();
                } else {
                    current.add(c, value.lines()[i], value.columns()[i], false);
                }
            }
            if (!value.resolved()) {
                current.unresolved = value.unresolved();
            }
        }

        void close() {
            if (current.started) {
                out.add(current.word());
            }
            current = new Builder();
        }
    }

    private static final class Builder {
        final StringBuilder text = new StringBuilder();
        final List<int[]> places = new ArrayList<>();
        String unresolved = "";
        boolean started;

        void add(char c, int line, int column, boolean quoted) {
            text.append(c);
            places.add(new int[] {line, column});
            started = true;
        }

        void append(Word w) {
            for (int i = 0; i < w.text().length(); i++) {
                add(w.text().charAt(i), w.lines()[i], w.columns()[i], true);
            }
            if (!w.resolved() && unresolved.isEmpty()) {
                unresolved = w.unresolved();
            }
            started = true;
        }

        Word word() {
            int[] lines = places.stream().mapToInt(p -> p[0]).toArray();
            int[] columns = places.stream().mapToInt(p -> p[1]).toArray();
            return new Word(text.toString(), lines, columns, unresolved);
        }
    }

    private List<Word> word(boolean split) {
        Fields f = new Fields();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || ";&|()<>".indexOf(c) >= 0) {
                break;
            }
            if (c == '\\') {
                advance();
                if (pos < text.length() && text.charAt(pos) != '\n') {
                    f.literal(text.charAt(pos), true);
                }
                if (pos < text.length()) {
                    advance();
                }
            } else if (c == '\'') {
                advance();
                f.current.started = true;
                while (pos < text.length() && text.charAt(pos) != '\'') {
                    f.literal(text.charAt(pos), true);
                    advance();
                }
                advance();
            } else if (c == '"') {
                advance();
                f.current.started = true;
                doubleQuoted(f);
            } else if (c == '$') {
                dollar(f, false, split);
            } else {
                f.literal(c, false);
                advance();
            }
        }
        f.close();
        return f.out;
    }

    private void doubleQuoted(Fields f) {
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(pos + 1)) >= 0) {
                advance();
                if (text.charAt(pos) != '\n') {
                    f.literal(text.charAt(pos), true);
                }
                advance();
            } else if (c == '$') {
                dollar(f, true, false);
            } else {
                f.literal(c, true);
                advance();
            }
        }
        advance();
    }

    /** An expansion at {@code $}: its value (an array's elements become separate fields), or unresolved. */
    private void dollar(Fields f, boolean quoted, boolean split) {
        int from = pos;
        int fromLine = line, fromColumn = column;
        advance();
        if (pos >= text.length()) {
            f.literal('$', quoted);
            return;
        }
        char c = text.charAt(pos);
        if (c == '(') {
            boolean arithmetic = text.startsWith("((", pos);
            int depth = 0;
            do {
                char d = text.charAt(pos);
                depth += d == '(' ? 1 : d == ')' ? -1 : 0;
                advance();
            } while (pos < text.length() && depth > 0);
            String raw = text.substring(from, pos);
            Word value = arithmetic ? Arithmetic.evaluate(raw.substring(3, raw.length() - 2), variables)
                    .map(v -> located(Long.toString(v), fromLine, fromColumn))
                    .orElse(unresolved(raw, fromLine, fromColumn))
                    : unresolved(raw, fromLine, fromColumn);
            f.expansion(value, quoted, split);
            return;
        }
        if (c == '{') {
            int close = text.indexOf('}', pos);
            if (close < 0) {
                f.literal('$', quoted);
                return;
            }
            String inside = text.substring(pos + 1, close);
            while (pos <= close) {
                advance();
            }
            braced(f, inside, text.substring(from, pos), quoted, split, fromLine, fromColumn);
            return;
        }
        Matcher m = NAME.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            f.literal('$', quoted);
            return;
        }
        while (pos < m.end()) {
            advance();
        }
        List<Word> value = variables.get(m.group());
        String raw = text.substring(from, pos);
        f.expansion(value == null ? unresolved(raw, fromLine, fromColumn)
                : value.isEmpty() ? located("", fromLine, fromColumn) : value.get(0), quoted, split);
    }

    private void braced(Fields f, String inside, String raw, boolean quoted, boolean split, int atLine, int atColumn) {
        Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(\\[[@*]\\])?(?:(:?)[-=](.*))?").matcher(inside);
        if (!m.matches()) {
            f.expansion(unresolved(raw, atLine, atColumn), quoted, split);
            return;
        }
        List<Word> value = variables.get(m.group(1));
        // ${NAME-word}: the word when NAME is unset; ${NAME:-word} also when it is empty
        boolean empty = value != null && (value.isEmpty() || value.get(0).text().isEmpty());
        if (m.group(4) != null && (value == null || empty && !m.group(3).isEmpty())) {
            value = List.of(located(m.group(4), atLine, atColumn + 2 + m.start(4)));
        }
        if (value == null) {
            f.expansion(unresolved(raw, atLine, atColumn), quoted, split);
        } else if (m.group(2) != null) {
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    f.close();
                }
                f.expansion(value.get(i), quoted, split);
            }
        } else if (!value.isEmpty()) {
            f.expansion(value.get(0), quoted, split);
        }
    }

    private static Word located(String s, int atLine, int atColumn) {
        int[] lines = new int[s.length()];
        int[] columns = new int[s.length()];
        for (int i = 0; i < s.length(); i++) {
            lines[i] = atLine;
            columns[i] = atColumn + i;
        }
        return new Word(s, lines, columns, "");
    }

    private static Word unresolved(String raw, int atLine, int atColumn) {
        Word w = located(raw, atLine, atColumn);
        String why = raw + ", which the script does not set (" + (raw.matches("\\$\\{?[0-9@*#].*")
                ? "a command-line argument of the script" : "it comes from outside the script or a command")
                + "); set it in the script";
        return new Word(w.text(), w.lines(), w.columns(), why);
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }
}
