package lrsched.input.config.mmengine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.expr.Expression;
import lrsched.expr.ExpressionException;
import lrsched.expr.PyExpr;
import lrsched.expr.PyParser;
import lrsched.expr.PyTokens;
import lrsched.expr.PyTokens.Kind;
import lrsched.expr.PyTokens.Token;
import lrsched.input.config.ImportContext;
import lrsched.input.document.Document;

/**
 * An OpenMMLab Python config read without running it: its top-level assignments of literals (dict(...), {...},
 * lists, tuples, numbers, strings, True/False/None, arithmetic on them, names assigned before), after its
 * {@code _base_} files merged as mmengine's Config merges them (open-mmlab/mmengine mmengine/config/config.py
 * {@code _file2dict} and {@code _merge_a_into_b}: bases may not share a key; the file's keys override theirs, dicts
 * recursively unless {@code _delete_=True}; everything else, lists included, is replaced), and the new style's
 * {@code with read_base(): from .x import *}. A value lrsched cannot compute (a call, an import, a comprehension) is
 * kept as {@link Value.Unreadable} and is an error only where a value is needed.
 */
final class PythonConfig {
    private static final int MAX_BASES = 32;
    private static final Pattern BASE_REFERENCE = Pattern.compile("\\{\\{\\s*(_base_\\.[\\w.]+)\\s*\\}\\}");
    private static final Set<String> COMPOUND = Set.of("if", "for", "while", "def", "class", "try", "async", "@");

    /** A value of the config as Python would have it, each located in its file. */
    sealed interface Value {
        Location location();

        /** A dict: its keys in order. */
        record Dict(Location location, Map<String, Node.Entry> keys, Map<String, Value> values) implements Value {}

        /** A list or tuple. */
        record Seq(Location location, List<Value> items) implements Value {}

        /** A number, string, boolean or None. */
        record Scalar(Node.ScalarNode node) implements Value {
            @Override
            public Location location() {
                return node.location();
            }
        }

        /** What lrsched does not compute; {@code what} names it ("a call of build_model()"). */
        record Unreadable(Location location, String what) implements Value {}
    }

    private final Document document;
    private final ImportContext context;
    private final int depth;
    private final List<String> facts;
    private final String text;
    private final int[] lineStarts;
    private final Map<String, Value> names = new LinkedHashMap<>();
    private Value.Dict bases;

    private PythonConfig(Document document, ImportContext context, int depth, List<String> facts) {
        this.document = document;
        this.context = context;
        this.depth = depth;
        this.facts = facts;
        // {{_base_.x}} is a text substitution in mmengine; here it is the reference _base_.x, padded to keep columns
        Matcher m = BASE_REFERENCE.matcher(document.text());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + " ".repeat(m.group().length()
                    - m.group(1).length())));
        }
        m.appendTail(out);
        this.text = out.toString();
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The config's top-level names and their values, its bases merged in; {@code facts} receives the files read
     * ("_base_: ../schedule_1x.py").
     */
    static Map<String, Value> read(Document document, ImportContext context, List<String> facts) {
        return new PythonConfig(document, context, 0, facts).run();
    }

    private Location at(int offset) {
        int line = java.util.Arrays.binarySearch(lineStarts, offset);
        if (line < 0) {
            line = -line - 2;
        }
        return new Location(document.source(), line + 1, offset - lineStarts[line] + 1);
    }

    private InputException error(ExpressionException e) {
        return new InputException(at(e.offset()), e.getMessage());
    }

    private Map<String, Value> run() {
        List<Token> tokens;
        try {
            tokens = PyTokens.ofStatements(text);
        } catch (ExpressionException e) {
            throw error(e);
        }
        PyParser p = new PyParser(tokens, "the line ends too early");
        try {
            while (p.peek().kind() != Kind.END) {
                statement(p);
            }
        } catch (ExpressionException e) {
            throw error(e);
        }
        Map<String, Value> own = new LinkedHashMap<>(names);
        own.remove("_base_");
        if (bases == null) {
            return own;
        }
        return merge(own, bases.values());
    }

    private void statement(PyParser p) {
        Token first = p.peek();
        int column = at(first.start()).column();
        if (first.kind() == Kind.NAME && (first.is("import") || first.is("from"))) {
            importStatement(p, first);
            return;
        }
        if (first.kind() == Kind.NAME && first.is("with")) {
            withStatement(p, first, column);
            return;
        }
        if (first.kind() == Kind.NAME && COMPOUND.contains(first.text()) || first.is("@")) {
            skipBlock(p, first, column, "the " + first.text() + " block at line " + at(first.start()).line());
            return;
        }
        if (first.is("del") || first.is("pass") || first.is("assert")) {
            toLineEnd(p);
            return;
        }
        PyExpr target = p.expressionList();
        if (p.peek().is("=") && p.peek().kind() == Kind.OP) {
            List<PyExpr> targets = new ArrayList<>(List.of(target));
            PyExpr value = null;
            while (p.eat("=")) {
                value = p.expressionList();
                targets.add(value);
            }
            targets.remove(targets.size() - 1);
            Value v = evaluate(value);
            for (PyExpr t : targets) {
                assign(t, v);
            }
        } else if (p.peek().kind() == Kind.OP && p.peek().text().length() >= 2 && p.peek().text().endsWith("=")
                && !p.peek().is("==") && !p.peek().is("<=") && !p.peek().is(">=") && !p.peek().is("!=")) {
            Token op = p.next();
            PyExpr value = p.expressionList();
            String binary = op.text().substring(0, op.text().length() - 1);
            assign(target, evaluate(new PyExpr.Binary(target.start(), binary, op.start(), target, value)));
        } else if (target instanceof PyExpr.Call c && c.function() instanceof PyExpr.Attribute a
                && a.target() instanceof PyExpr.Name n && names.containsKey(n.id())) {
            // param_scheduler.append(...), train_cfg.update(...): the name's value is no longer what was assigned
            names.put(n.id(), new Value.Unreadable(at(c.start()), "a value changed by " + n.id() + "." + a.attr()
                    + "(...)"));
        }
        endOfStatement(p);
    }

    private void endOfStatement(PyParser p) {
        if (p.peek().kind() != Kind.NEWLINE && p.peek().kind() != Kind.END) {
            throw p.unexpected();
        }
        p.next();
    }

    private static void toLineEnd(PyParser p) {
        while (p.peek().kind() != Kind.NEWLINE && p.peek().kind() != Kind.END) {
            p.next();
        }
        p.next();
    }

    /** Skips a compound statement; the names it assigns become unreadable. */
    private void skipBlock(PyParser p, Token first, int column, String what) {
        boolean lineStart = true;
        while (p.peek().kind() != Kind.END) {
            Token t = p.peek();
            if (lineStart && t != first) {
                int c = at(t.start()).column();
                boolean continues = c > column || c == column && (t.is("elif") || t.is("else") || t.is("except")
                        || t.is("finally"));
                if (!continues) {
                    return;
                }
            }
            p.next();
            if (lineStart && t.kind() == Kind.NAME && p.peek().is("=") && p.peek().kind() == Kind.OP) {
                names.put(t.text(), new Value.Unreadable(at(t.start()), "a value assigned inside " + what));
            }
            lineStart = t.kind() == Kind.NEWLINE;
        }
    }

    private void importStatement(PyParser p, Token first) {
        List<Token> line = new ArrayList<>();
        while (p.peek().kind() != Kind.NEWLINE && p.peek().kind() != Kind.END) {
            line.add(p.next());
        }
        p.next();
        // the names an import binds: `import a.b as c` binds c, `from m import x, y as z` binds x and z
        String module = line.size() > 1 ? line.get(1).text() : "";
        for (int i = 1; i < line.size(); i++) {
            Token t = line.get(i);
            boolean bound = t.kind() == Kind.NAME && !t.is("as") && !t.is("import")
                    && (i + 1 >= line.size() || line.get(i + 1).is(",") || line.get(i + 1).is(")"))
                    && (first.is("import") || line.subList(0, i).stream().anyMatch(x -> x.is("import")));
            if (bound && !(line.get(i - 1).is("."))) {
                names.put(t.text(), new Value.Unreadable(at(t.start()), "'" + t.text() + "', imported from "
                        + module));
            }
        }
    }

    /** {@code with read_base():} and the {@code from .base import *} lines of its block. */
    private void withStatement(PyParser p, Token first, int column) {
        p.next();
        boolean readBase = p.peek().is("read_base");
        if (!readBase) {
            skipBlock(p, first, column, "the with block at line " + at(first.start()).line());
            return;
        }
        toLineEnd(p);
        while (p.peek().kind() != Kind.END && at(p.peek().start()).column() > column) {
            Token from = p.next();
            if (!from.is("from")) {
                throw new ExpressionException(from.start(), "a read_base() block holds `from .module import *` "
                        + "lines; lrsched reads nothing else there");
            }
            StringBuilder module = new StringBuilder();
            while (!p.peek().is("import") && p.peek().kind() != Kind.NEWLINE && p.peek().kind() != Kind.END) {
                module.append(p.next().text());
            }
            p.expect("import");
            Token star = p.next();
            List<String> wanted = new ArrayList<>();
            if (!star.is("*")) {
                wanted.add(star.text());
                while (p.eat(",")) {
                    wanted.add(p.next().text());
                }
            }
            endOfStatement(p);
            Document base = follow(from, modulePath(module.toString(), from));
            Map<String, Value> values = new PythonConfig(base, context, depth + 1, facts).run();
            for (Map.Entry<String, Value> e : values.entrySet()) {
                if (wanted.isEmpty() ? !e.getKey().startsWith("_") : wanted.contains(e.getKey())) {
                    names.put(e.getKey(), e.getValue());
                }
            }
        }
    }

    /** {@code ..._base_.schedules.schedule_1x}: one dot is this folder, each further dot one folder up. */
    private static String modulePath(String module, Token at) {
        int dots = 0;
        while (dots < module.length() && module.charAt(dots) == '.') {
            dots++;
        }
        if (dots == 0) {
            throw new ExpressionException(at.start(), "'" + module + "' is a package import; lrsched follows "
                    + "relative imports of config files (from ..._base_.x import *)");
        }
        return "../".repeat(dots - 1) + module.substring(dots).replace('.', '/') + ".py";
    }

    private Document follow(Token at, String path) {
        if (depth >= MAX_BASES) {
            throw new ExpressionException(at.start(), "base files nest more than " + MAX_BASES + " deep; does a "
                    + "file include itself?");
        }
        Document base = context.follow(document, new Node.ScalarNode(at(at.start()), path, Node.ScalarKind.STRING));
        facts.add(base.source());
        return base;
    }

    private void assign(PyExpr target, Value v) {
        if (target instanceof PyExpr.Name n) {
            names.put(n.id(), v);
            if (n.id().equals("_base_")) {
                readBases(v);
            }
        } else if (target instanceof PyExpr.Attribute || target instanceof PyExpr.Subscript) {
            PyExpr root = target;
            while (root instanceof PyExpr.Attribute a ? (root = a.target()) != null
                    : root instanceof PyExpr.Subscript s && (root = s.target()) != null) {
                // walk to the name whose value changes
            }
            if (root instanceof PyExpr.Name n && names.containsKey(n.id())) {
                names.put(n.id(), new Value.Unreadable(at(target.start()), "a value changed in place by an "
                        + "assignment to one of its items"));
            }
        }
    }

    private void readBases(Value v) {
        List<Value> files = v instanceof Value.Seq s ? s.items() : List.of(v);
        Map<String, Value> merged = new LinkedHashMap<>();
        Map<String, Node.Entry> keys = new LinkedHashMap<>();
        for (Value f : files) {
            if (!(f instanceof Value.Scalar s) || s.node().kind() != Node.ScalarKind.STRING) {
                throw new InputException(f.location(), "_base_ is the path of a config file or a list of them");
            }
            Document base = followBase(s.node());
            Map<String, Value> values = new PythonConfig(base, context, depth + 1, facts).run();
            for (Map.Entry<String, Value> e : values.entrySet()) {
                if (merged.containsKey(e.getKey())) {
                    // Config._file2dict: "Duplicate key is not allowed among bases"
                    throw new InputException(s.node().location(), "Duplicate key is not allowed among bases. "
                            + "Duplicate keys: {'" + e.getKey() + "'} (mmengine's Config refuses this file; keep "
                            + "the name in one base)");
                }
                merged.put(e.getKey(), e.getValue());
                keys.put(e.getKey(), new Node.Entry(e.getKey(), e.getValue().location(), null));
            }
        }
        bases = new Value.Dict(v.location(), keys, merged);
    }

    private Document followBase(Node.ScalarNode at) {
        if (depth >= MAX_BASES) {
            throw new InputException(at.location(), "_base_ files nest more than " + MAX_BASES + " deep; does a "
                    + "file include itself?");
        }
        Document base = context.follow(document, at);
        facts.add(base.source());
        return base;
    }

    /** Config._merge_a_into_b: a's keys over b's, dicts merged unless a's has _delete_=True. */
    static Map<String, Value> merge(Map<String, Value> a, Map<String, Value> b) {
        Map<String, Value> out = new LinkedHashMap<>(b);
        for (Map.Entry<String, Value> e : a.entrySet()) {
            Value v = e.getValue();
            Value old = out.get(e.getKey());
            if (v instanceof Value.Dict d && old instanceof Value.Dict base && !deletes(d)) {
                Map<String, Value> merged = merge(d.values(), base.values());
                out.put(e.getKey(), new Value.Dict(d.location(), d.keys(), merged));
            } else {
                out.put(e.getKey(), v instanceof Value.Dict d ? withoutDelete(d) : v);
            }
        }
        return out;
    }

    private static boolean deletes(Value.Dict d) {
        Value flag = d.values().get("_delete_");
        return flag instanceof Value.Scalar s && s.node().kind() == Node.ScalarKind.BOOLEAN
                && s.node().text().equals("true");
    }

    private static Value.Dict withoutDelete(Value.Dict d) {
        if (!d.values().containsKey("_delete_")) {
            return d;
        }
        Map<String, Value> values = new LinkedHashMap<>(d.values());
        values.remove("_delete_");
        return new Value.Dict(d.location(), d.keys(), values);
    }

    // ---- values

    private Value evaluate(PyExpr e) {
        Location loc = at(e.start());
        if (e instanceof PyExpr.Num || e instanceof PyExpr.Binary || e instanceof PyExpr.Unary u
                && !u.op().equals("not")) {
            return arithmetic(e, loc);
        } else if (e instanceof PyExpr.Str s) {
            return new Value.Scalar(new Node.ScalarNode(loc, s.value(), Node.ScalarKind.STRING));
        } else if (e instanceof PyExpr.Name n) {
            return name(n, loc);
        } else if (e instanceof PyExpr.Sequence s && !s.kind().equals("set")) {
            List<Value> items = new ArrayList<>();
            for (PyExpr item : s.items()) {
                items.add(evaluate(item));
            }
            return new Value.Seq(loc, items);
        } else if (e instanceof PyExpr.DictDisplay d) {
            Map<String, Node.Entry> keys = new LinkedHashMap<>();
            Map<String, Value> values = new LinkedHashMap<>();
            for (int i = 0; i < d.keys().size(); i++) {
                PyExpr key = d.keys().get(i);
                if (key == null) {
                    spread(evaluate(d.values().get(i)), keys, values);
                } else if (key instanceof PyExpr.Str s) {
                    keys.put(s.value(), new Node.Entry(s.value(), at(s.start()), null));
                    values.put(s.value(), evaluate(d.values().get(i)));
                } else {
                    return new Value.Unreadable(at(key.start()), "a dict key that is not a string");
                }
            }
            return new Value.Dict(loc, keys, values);
        } else if (e instanceof PyExpr.Call c) {
            return call(c, loc);
        } else if (e instanceof PyExpr.Attribute a) {
            Value target = evaluate(a.target());
            if (target instanceof Value.Dict d && d.values().containsKey(a.attr())) {
                return d.values().get(a.attr());
            }
            return target instanceof Value.Unreadable u ? u : new Value.Unreadable(loc, "the attribute ." + a.attr()
                    + " of " + describe(target));
        } else if (e instanceof PyExpr.Subscript s) {
            return subscript(s, loc);
        } else if (e instanceof PyExpr.Unary u) {
            Value v = evaluate(u.operand());
            if (v instanceof Value.Scalar s) {
                boolean truth = switch (s.node().kind()) {
                    case NULL -> false;
                    case BOOLEAN -> s.node().text().equals("true");
                    case STRING -> !s.node().text().isEmpty();
                    case NUMBER -> Double.parseDouble(s.node().text()) != 0;
                };
                return new Value.Scalar(new Node.ScalarNode(loc, truth ? "false" : "true", Node.ScalarKind.BOOLEAN));
            }
            return new Value.Unreadable(loc, "not of " + describe(v));
        } else if (e instanceof PyExpr.Unsupported u) {
            return new Value.Unreadable(loc, u.what());
        }
        return new Value.Unreadable(loc, describeSyntax(e));
    }

    private static String describeSyntax(PyExpr e) {
        if (e instanceof PyExpr.Lambda) {
            return "a lambda";
        } else if (e instanceof PyExpr.IfElse) {
            return "a conditional expression";
        } else if (e instanceof PyExpr.Compare || e instanceof PyExpr.BoolOp) {
            return "a comparison";
        } else if (e instanceof PyExpr.Sequence) {
            return "a set";
        }
        return "this expression";
    }

    private static String describe(Value v) {
        if (v instanceof Value.Dict) {
            return "a dict";
        } else if (v instanceof Value.Seq) {
            return "a list";
        } else if (v instanceof Value.Scalar s) {
            return s.node().describe();
        }
        return ((Value.Unreadable) v).what();
    }

    private Value name(PyExpr.Name n, Location loc) {
        switch (n.id()) {
            case "True": return new Value.Scalar(new Node.ScalarNode(loc, "true", Node.ScalarKind.BOOLEAN));
            case "False": return new Value.Scalar(new Node.ScalarNode(loc, "false", Node.ScalarKind.BOOLEAN));
            case "None": return new Value.Scalar(new Node.ScalarNode(loc, "null", Node.ScalarKind.NULL));
            case "_base_":
                if (bases != null) {
                    return bases;
                }
                break;
            default: break;
        }
        Value v = names.get(n.id());
        if (v != null) {
            return v;
        }
        return new Value.Unreadable(loc, "the name '" + n.id() + "', which the file does not assign before");
    }

    private Value call(PyExpr.Call c, Location loc) {
        if (!(c.function() instanceof PyExpr.Name f && f.id().equals("dict"))) {
            String name = c.function() instanceof PyExpr.Name f ? f.id() : c.function() instanceof PyExpr.Attribute a
                    ? a.attr() : "a function";
            return new Value.Unreadable(loc, "a call of " + name + "()");
        }
        Map<String, Node.Entry> keys = new LinkedHashMap<>();
        Map<String, Value> values = new LinkedHashMap<>();
        for (PyExpr arg : c.args()) {
            spread(evaluate(arg), keys, values);
        }
        for (PyExpr.Keyword k : c.keywords()) {
            if (k.name().isEmpty()) {
                spread(evaluate(k.value()), keys, values);
            } else {
                keys.put(k.name(), new Node.Entry(k.name(), at(k.start()), null));
                values.put(k.name(), evaluate(k.value()));
            }
        }
        return new Value.Dict(loc, keys, values);
    }

    private static void spread(Value v, Map<String, Node.Entry> keys, Map<String, Value> values) {
        if (v instanceof Value.Dict d) {
            keys.putAll(d.keys());
            values.putAll(d.values());
        } else {
            keys.put("**", new Node.Entry("**", v.location(), null));
            values.put("**", v instanceof Value.Unreadable ? v : new Value.Unreadable(v.location(), "** of "
                    + describe(v)));
        }
    }

    private Value subscript(PyExpr.Subscript s, Location loc) {
        Value target = evaluate(s.target());
        Value index = evaluate(s.index());
        if (target instanceof Value.Dict d && index instanceof Value.Scalar k && k.node().kind()
                == Node.ScalarKind.STRING && d.values().containsKey(k.node().text())) {
            return d.values().get(k.node().text());
        }
        if (target instanceof Value.Seq q && index instanceof Value.Scalar k && k.node().kind()
                == Node.ScalarKind.NUMBER && k.node().text().matches("-?\\d{1,9}")) {
            int i = Integer.parseInt(k.node().text());
            int at = i < 0 ? q.items().size() + i : i;
            if (at >= 0 && at < q.items().size()) {
                return q.items().get(at);
            }
        }
        return new Value.Unreadable(loc, "an item of " + describe(target));
    }

    /** Numbers and arithmetic on them (names included), with Python's arithmetic; strings and lists concatenate. */
    private Value arithmetic(PyExpr e, Location loc) {
        PyExpr literal = literal(e);
        if (literal == null) {
            Value unreadable = firstUnreadable(e);
            if (unreadable != null && !(e instanceof PyExpr.Binary b && b.op().equals("+"))) {
                return unreadable;
            }
            if (e instanceof PyExpr.Binary b && b.op().equals("+")) {
                Value l = evaluate(b.left());
                Value r = evaluate(b.right());
                if (l instanceof Value.Seq a && r instanceof Value.Seq z) {
                    List<Value> items = new ArrayList<>(a.items());
                    items.addAll(z.items());
                    return new Value.Seq(loc, items);
                }
                if (l instanceof Value.Scalar a && r instanceof Value.Scalar z && a.node().kind()
                        == Node.ScalarKind.STRING && z.node().kind() == Node.ScalarKind.STRING) {
                    return new Value.Scalar(new Node.ScalarNode(loc, a.node().text() + z.node().text(),
                            Node.ScalarKind.STRING));
                }
                if (l instanceof Value.Unreadable u) {
                    return u;
                }
                if (r instanceof Value.Unreadable u) {
                    return u;
                }
            }
            return new Value.Unreadable(loc, "arithmetic on something other than numbers");
        }
        Expression.Constant c = Expression.constant(literal);
        String textValue = c.isInt() && Math.abs(c.value()) < 0x1p53 ? Long.toString((long) c.value())
                : DoubleFormat.format(c.value());
        return new Value.Scalar(new Node.ScalarNode(loc, textValue, Node.ScalarKind.NUMBER));
    }

    /** The first operand of an arithmetic expression that lrsched cannot compute, or null. */
    private Value firstUnreadable(PyExpr e) {
        if (e instanceof PyExpr.Binary b) {
            Value left = firstUnreadable(b.left());
            return left != null ? left : firstUnreadable(b.right());
        } else if (e instanceof PyExpr.Unary u) {
            return firstUnreadable(u.operand());
        }
        Value v = evaluate(e);
        return v instanceof Value.Unreadable ? v : null;
    }

    /** {@code e} with each name replaced by its number, or null when a part is not a number. */
    private PyExpr literal(PyExpr e) {
        if (e instanceof PyExpr.Num) {
            return e;
        } else if (e instanceof PyExpr.Name n) {
            Value v = name(n, at(n.start()));
            if (v instanceof Value.Scalar s && s.node().kind() == Node.ScalarKind.NUMBER) {
                return new PyExpr.Num(n.start(), s.node().text());
            }
            if (v instanceof Value.Scalar s && s.node().kind() == Node.ScalarKind.BOOLEAN) {
                return new PyExpr.Num(n.start(), s.node().text().equals("true") ? "1" : "0");
            }
            return null;
        } else if (e instanceof PyExpr.Attribute || e instanceof PyExpr.Subscript) {
            Value v = evaluate(e);
            return v instanceof Value.Scalar s && s.node().kind() == Node.ScalarKind.NUMBER
                    ? new PyExpr.Num(e.start(), s.node().text()) : null;
        } else if (e instanceof PyExpr.Unary u && !u.op().equals("not")) {
            PyExpr operand = literal(u.operand());
            return operand == null ? null : new PyExpr.Unary(u.start(), u.op(), operand);
        } else if (e instanceof PyExpr.Binary b) {
            PyExpr l = literal(b.left());
            PyExpr r = literal(b.right());
            return l == null || r == null ? null : new PyExpr.Binary(b.start(), b.op(), b.at(), l, r);
        }
        return null;
    }

    // ---- from values to spec nodes

    /**
     * The value as a spec node.
     *
     * @throws InputException naming the file, line and column of the first part lrsched cannot read, and
     *                        {@code what} it was needed for
     */
    static Node node(Value v, String what) {
        if (v instanceof Value.Scalar s) {
            return s.node();
        } else if (v instanceof Value.Seq q) {
            List<Node> items = new ArrayList<>();
            for (Value item : q.items()) {
                items.add(node(item, what));
            }
            return new Node.ListNode(q.location(), items);
        } else if (v instanceof Value.Dict d) {
            Map<String, Node.Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : d.values().entrySet()) {
                if (e.getKey().equals("_delete_")) {
                    continue;
                }
                Node.Entry key = d.keys().get(e.getKey());
                Location keyAt = key != null ? key.keyLocation() : e.getValue().location();
                entries.put(e.getKey(), new Node.Entry(e.getKey(), keyAt, node(e.getValue(), what)));
            }
            return new Node.MapNode(d.location(), entries);
        }
        Value.Unreadable u = (Value.Unreadable) v;
        throw new InputException(u.location(), "cannot read " + u.what() + " (needed for " + what + "); lrsched "
                + "reads literal values (dict(...), lists, numbers, strings) without running the config: write "
                + "the value there");
    }
}
