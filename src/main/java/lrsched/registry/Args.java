package lrsched.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.core.Schedule;
import lrsched.core.Suggest;
import lrsched.core.Versions;
import lrsched.expr.Expression;
import lrsched.expr.ExpressionException;

/**
 * The validated arguments of one schedule mapping, as its {@link TypeDef} declares them. Construction checks every
 * key (unknown names get a suggestion), converts every value to its declared kind, checks ranges and fills
 * defaults, so factories read plain values. Errors point at the offending value in the spec.
 */
public final class Args {
    private final TypeDef type;
    private final String scheduleName;
    private final Node.MapNode node;
    private final Registry registry;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Boolean> given = new LinkedHashMap<>();
    private final Map<String, Double> extras = new LinkedHashMap<>();
    /**
     * Values are read while the schedule is built, never per step: a schedule reading them in its {@code at} would
     * look a parameter up by name at every step (a constant schedule did: a third of a million-row CSV's time).
     * After the first build, a read outside a build fails an assertion (enabled in tests, as surefire does), so
     * any type that does so fails its tests; users' runs are not stopped for it.
     */
    private boolean built;
    private int building;

    Args(TypeDef type, String scheduleName, Node.MapNode node, Optional<Args> parent, Registry registry,
         List<String> reservedKeys) {
        this.type = type;
        this.scheduleName = scheduleName;
        this.node = node;
        this.registry = registry;
        for (Node.Entry e : node.entries().values()) {
            if (reservedKeys.contains(e.key())) {
                continue;
            }
            Optional<Param> p = type.param(e.key());
            if (p.isPresent()) {
                continue;
            }
            if (type.openParams() && e.value() instanceof Node.ScalarNode s) {
                extras.put(e.key(), readReal(e.key(), s, Range.ANY));
                continue;
            }
            List<String> names = type.params().stream().map(Param::name).toList();
            throw new InputException(e.keyLocation(), prefix() + "unknown parameter '" + e.key() + "'"
                    + Suggest.didYouMean(e.key(), names)
                    + (registry == null || registry.find(type.name()).isEmpty() ? ""
                    : " (see: lrsched types " + type.name() + ")"));
        }
        for (Param p : type.params()) {
            Optional<Node> value = node.get(p.name());
            boolean isNull = value.isPresent() && value.get() instanceof Node.ScalarNode s
                    && s.kind() == Node.ScalarKind.NULL;
            if (value.isPresent() && !isNull) {
                given.put(p.name(), true);
                if (p.kind() != Param.Kind.ANY) {
                    values.put(p.name(), convert(p, value.get()));
                }
            } else if (p.inherited() && parent.isPresent() && parent.get().values.containsKey(p.name())) {
                values.put(p.name(), parent.get().values.get(p.name()));
            } else if (p.defaultValue().isPresent()) {
                values.put(p.name(), normalizeDefault(p, p.defaultValue().get()));
            } else if (p.required()) {
                throw new InputException(isNull ? value.get().location() : node.location(),
                        prefix() + "missing required parameter '" + p.name() + "' (" + p.doc() + ")");
            }
        }
    }

    /** Validated arguments ready to build their schedule. */
    public static final class Bound {
        private final Args args;

        Bound(Args args) {
            this.args = args;
        }

        public Args args() {
            return args;
        }

        public Schedule build() {
            args.building++;
            try {
                return args.type.factory().apply(args);
            } finally {
                args.building--;
                args.built = true;
            }
        }
    }

    /** The library releases the schedule follows ({@code --versions}, a spec's {@code versions:}). */
    public Versions versions() {
        return registry == null ? Versions.newest() : registry.versions();
    }

    // Parameters are read through their declarations: args.real(LR) for the Param LR the type declares.

    /** Whether the parameter has a value (given, inherited or defaulted); false for an absent "none" parameter. */
    public boolean has(Param p) {
        return has(p.name());
    }

    /** Whether the spec wrote this parameter itself. */
    public boolean given(Param p) {
        return given(p.name());
    }

    public double real(Param p) {
        return real(p.name());
    }

    public long integer(Param p) {
        return integer(p.name());
    }

    public boolean bool(Param p) {
        return bool(p.name());
    }

    public String choice(Param p) {
        return choice(p.name());
    }

    public String text(Param p) {
        return text(p.name());
    }

    public double[] reals(Param p) {
        return reals(p.name());
    }

    public long[] integers(Param p) {
        return integers(p.name());
    }

    /** A mapping of steps to numbers, in the order written. */
    public StepValues stepValues(Param p) {
        return stepValues(p.name());
    }

    /** A recorded trace (at least one value; NaN and infinities as logged). */
    public double[] trace(Param p) {
        return ((double[]) get(p.name(), Param.Kind.TRACE)).clone();
    }

    /** The formula compiled with its declared variable and no named constants. */
    public Expression expression(Param p) {
        return expression(p.name(), Map.of());
    }

    /** The formula compiled with its declared variable and the given named constants. */
    public Expression expression(Param p, Map<String, Double> constants) {
        return expression(p.name(), constants);
    }

    /** The nested schedules, each built with this schedule as its parent (for inherited parameters). */
    public List<Schedule> schedules(Param p) {
        return schedules(p.name());
    }

    /**
     * For a {@link Param.Kind#REAL_OR_SCHEDULE} parameter: the schedule its mapping describes, built with this
     * schedule as its parent, or empty when it is a number (read it with {@link #real}).
     */
    public Optional<Schedule> nestedSchedule(Param p) {
        Object v = get(p.name(), Param.Kind.REAL_OR_SCHEDULE);
        return v instanceof Node.MapNode m
                ? Optional.of(registry.build(m, scheduleName + "." + p.name(), Optional.of(this)))
                : Optional.empty();
    }

    /**
     * A schedule made of other declared types, from a mapping the factory composed (PaddleOCR's Cosine is Paddle's
     * LinearWarmup around CosineAnnealingDecay). Its values should carry the locations of the arguments they came
     * from, so that the composed types' refusals point at what the user wrote.
     */
    public Schedule compose(Node.MapNode mapping) {
        if (registry == null) {
            throw new IllegalStateException(type.name() + " composes other types, which needs the registry");
        }
        return registry.build(mapping, scheduleName, Optional.of(this));
    }

    /** The nested schedule mappings as written. */
    public List<Node.MapNode> childNodes(Param p) {
        return childNodes(p.name());
    }

    /**
     * The mappings of a {@link Param.Kind#RECORDS} parameter as written (for what its fields cannot say: whether a
     * value was a list or a single number, where a key stands).
     */
    @SuppressWarnings("unchecked")
    public List<Node.MapNode> recordNodes(Param p) {
        return (List<Node.MapNode>) get(p.name(), Param.Kind.RECORDS);
    }

    /** Each mapping of a {@link Param.Kind#RECORDS} parameter, read with its declared fields. */
    public List<Args> records(Param p) {
        return records(p.name());
    }

    /** Where the parameter's value stands in the spec (the schedule's mapping when it was not written). */
    public Location location(Param p) {
        return location(p.name());
    }

    /** An error about {@code p}, located at its value: {@code throw args.error(GAMMA, "must be < 1")}. */
    public InputException error(Param p, String problem) {
        return error(p.name(), problem);
    }

    /** Throws {@link #error(Param, String)} unless {@code ok}. */
    public void check(boolean ok, Param p, Supplier<String> problem) {
        check(ok, p.name(), problem);
    }

    /**
     * The parameter's value as a spec would write it ({@code 0.0003}, {@code [30, 60]}, {@code cos}), or
     * {@code none} when it has none; for explanations.
     */
    public String shown(Param p) {
        Object v = values.get(declared(p.name()).name());
        if (v == null) {
            return p.kind() == Param.Kind.ANY ? "ignored" : "none";
        }
        if (v instanceof Double d) {
            return DoubleFormat.format(d);
        }
        if (v instanceof double[] ds && p.kind() == Param.Kind.TRACE && ds.length > 6) {
            return ds.length + " values: " + DoubleFormat.format(ds[0]) + ", " + DoubleFormat.format(ds[1]) + ", "
                    + DoubleFormat.format(ds[2]) + ", ..., " + DoubleFormat.format(ds[ds.length - 1]);
        }
        if (v instanceof double[] ds) {
            return java.util.Arrays.stream(ds).mapToObj(DoubleFormat::format).toList().toString();
        }
        if (v instanceof long[] ls) {
            return java.util.Arrays.toString(ls);
        }
        if (v instanceof StepValues sv) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < sv.size(); i++) {
                pairs.add(sv.steps()[i] + ": " + DoubleFormat.format(sv.values()[i]));
            }
            return "{" + String.join(", ", pairs) + "}";
        }
        if (v instanceof List<?> list) {
            return list.size() + (p.kind() == Param.Kind.SCHEDULES ? " schedules" : " mappings");
        }
        if (v instanceof lrsched.core.Node n) {
            return flow(n); // a nested schedule mapping (paddle.LinearWarmup's learning_rate)
        }
        return String.valueOf(v);
    }

    /** A mapping or list as YAML flow text, {type: paddle.PolynomialDecay, learning_rate: 0.01, ...}. */
    private static String flow(lrsched.core.Node n) {
        if (n instanceof lrsched.core.Node.MapNode m) {
            List<String> parts = new ArrayList<>();
            m.entries().values().forEach(e -> parts.add(e.key() + ": " + flow(e.value())));
            return "{" + String.join(", ", parts) + "}";
        }
        if (n instanceof lrsched.core.Node.ListNode l) {
            return l.items().stream().map(Args::flow).toList().toString();
        }
        return n instanceof lrsched.core.Node.ScalarNode s ? s.text() : n.describe();
    }

    /** The schedule's name, for messages. */
    public String scheduleName() {
        return scheduleName;
    }

    public TypeDef type() {
        return type;
    }

    /** Whether the parameter has a value (given, inherited or defaulted); false for an absent "none" parameter. */
    private boolean has(String name) {
        return values.containsKey(declared(name).name());
    }

    /** Whether the spec wrote this parameter itself. */
    private boolean given(String name) {
        return given.containsKey(declared(name).name());
    }

    private double real(String name) {
        Param.Kind kind = declared(name).kind() == Param.Kind.REAL_OR_SCHEDULE ? Param.Kind.REAL_OR_SCHEDULE
                : Param.Kind.REAL;
        return ((Number) get(name, kind)).doubleValue();
    }

    private long integer(String name) {
        return (Long) get(name, Param.Kind.INTEGER);
    }

    private boolean bool(String name) {
        return (Boolean) get(name, Param.Kind.BOOLEAN);
    }

    private String choice(String name) {
        return (String) get(name, Param.Kind.CHOICE);
    }

    private String text(String name) {
        return (String) get(name, Param.Kind.TEXT);
    }

    private double[] reals(String name) {
        return ((double[]) get(name, Param.Kind.REALS)).clone();
    }

    private long[] integers(String name) {
        return ((long[]) get(name, Param.Kind.INTEGERS)).clone();
    }

    /** A mapping of steps to numbers, in the order written. */
    private StepValues stepValues(String name) {
        return (StepValues) get(name, Param.Kind.STEP_VALUES);
    }

    /** The formula compiled with its declared variable and no named constants. */
    private Expression expression(String name) {
        return expression(name, Map.of());
    }

    /** The formula compiled with its declared variable and the given named constants. */
    private Expression expression(String name, Map<String, Double> constants) {
        Param p = declared(name);
        String text = (String) get(name, Param.Kind.EXPRESSION);
        try {
            return Expression.compile(text, p.variable(), constants);
        } catch (ExpressionException e) {
            Location at = location(name);
            Node v = node.get(name).orElse(null);
            int quote = v instanceof Node.ScalarNode s && !at.source().startsWith("-") && s.kind() ==
                    Node.ScalarKind.STRING && quoted(s) ? 1 : 0;
            throw new InputException(at.shifted(e.offset() + quote), prefix() + name + ": " + e.getMessage()
                    + " in formula '" + excerpt(text, e.offset()) + "'");
        }
    }

    /** The formula, or for a long one the 60 characters around {@code offset} with ... where it is cut. */
    static String excerpt(String text, int offset) {
        int keep = 60;
        if (text.length() <= keep) {
            return text;
        }
        int from = Math.max(0, Math.min(offset - keep / 2, text.length() - keep));
        int to = Math.min(text.length(), from + keep);
        return (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
    }

    /** The nested schedules, each built with this schedule as its parent (for inherited parameters). */
    private List<Schedule> schedules(String name) {
        List<Schedule> out = new ArrayList<>();
        for (Node.MapNode child : childNodes(name)) {
            out.add(registry.build(child, scheduleName + "." + name + "[" + out.size() + "]", Optional.of(this)));
        }
        return out;
    }

    /** The nested schedule mappings as written. */
    @SuppressWarnings("unchecked")
    private List<Node.MapNode> childNodes(String name) {
        return (List<Node.MapNode>) get(name, Param.Kind.SCHEDULES);
    }

    /** Each mapping of a {@link Param.Kind#RECORDS} parameter, read with its declared fields. */
    @SuppressWarnings("unchecked")
    private List<Args> records(String name) {
        Param p = declared(name);
        List<Node.MapNode> maps = (List<Node.MapNode>) get(name, Param.Kind.RECORDS);
        TypeDef fields = new TypeDef(type.name() + " " + name, p.doc(), "", "", p.fields(), false, a -> s -> 0);
        List<Args> out = new ArrayList<>();
        for (Node.MapNode m : maps) {
            out.add(new Args(fields, scheduleName + "." + name + "[" + out.size() + "]", m, Optional.empty(),
                    registry, List.of()));
        }
        return out;
    }

    /** The extra numeric parameters of an open type, in the order written. */
    public Map<String, Double> extras() {
        return new LinkedHashMap<>(extras);
    }

    /** Where the parameter's value stands in the spec (the schedule's mapping when it was not written). */
    private Location location(String name) {
        return node.get(name).map(Node::location).orElse(node.location());
    }

    /** An error about {@code param}, located at its value: {@code throw args.error("gamma", "must be < 1")}. */
    private InputException error(String param, String problem) {
        // a library's own message that names the parameter first ("anneal_strategy must by one of ...") is quoted
        // as it is, not behind the name a second time
        boolean named = problem.startsWith(param) && problem.length() > param.length()
                && (problem.charAt(param.length()) == ' ' || problem.charAt(param.length()) == ':');
        return new InputException(location(param), prefix() + (named ? "" : param + ": ") + problem);
    }

    /** An error about the schedule's type itself, located at its {@code type:} value (a type lrsched refuses). */
    public InputException typeError(String problem) {
        return new InputException(node.get("type").map(Node::location).orElse(node.location()), prefix() + "type: "
                + problem);
    }

    /** An error about the schedule as a whole. */
    public InputException error(String problem) {
        return new InputException(node.location(), prefix() + problem);
    }

    /** Throws {@link #error(String, String)} unless {@code ok}. */
    private void check(boolean ok, String param, Supplier<String> problem) {
        if (!ok) {
            throw error(param, problem.get());
        }
    }

    private String prefix() {
        // an unnamed schedule is named after its type: "schedule 'cosine'", not "schedule 'cosine' (cosine)"
        return "schedule '" + scheduleName + "'" + (scheduleName.equals(type.name()) ? "" : " (" + type.name() + ")")
                + ": ";
    }

    private Param declared(String name) {
        return type.param(name).orElseThrow(() -> new IllegalArgumentException(
                type.name() + " does not declare parameter " + name));
    }

    private Object get(String name, Param.Kind kind) {
        assert !built || building > 0 : type.name() + "." + name
                + " read after its schedule was built: read parameters once, in the factory, not per step";
        Param p = declared(name);
        if (p.kind() != kind) {
            throw new IllegalArgumentException(type.name() + "." + name + " is " + p.kind() + ", not " + kind);
        }
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(type.name() + "." + name + " has no value; check has() first");
        }
        return v;
    }

    private Object normalizeDefault(Param p, Object v) {
        switch (p.kind()) {
            case REAL:
                return ((Number) v).doubleValue();
            case INTEGER:
                return ((Number) v).longValue();
            case REALS:
                return ((List<?>) v).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
            case INTEGERS:
                return ((List<?>) v).stream().mapToLong(x -> ((Number) x).longValue()).toArray();
            case SCHEDULES:
            case RECORDS:
                return List.of();
            default:
                return v;
        }
    }

    private Object convert(Param p, Node v) {
        switch (p.kind()) {
            case REAL:
                checkPythonType(p, scalar(p, v));
                return readReal(p.name(), scalar(p, v), p.range());
            case INTEGER:
                checkPythonType(p, scalar(p, v));
                return readInteger(p.name(), scalar(p, v), p.range());
            case BOOLEAN:
                return readBoolean(p.name(), scalar(p, v));
            case CHOICE: {
                String word = scalar(p, v).text();
                if (!p.choices().contains(word)) {
                    throw new InputException(v.location(), prefix() + p.name() + " must be one of "
                            + String.join(", ", p.choices()) + ", not '" + word + "'"
                            + Suggest.didYouMean(word, p.choices()));
                }
                return word;
            }
            case TEXT:
            case EXPRESSION:
                return scalar(p, v).text();
            case REALS: {
                List<Node> items = items(v);
                double[] out = new double[items.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = readReal(p.name(), scalar(p, items.get(i)), p.range());
                }
                return out;
            }
            case INTEGERS: {
                List<Node> items = items(v);
                long[] out = new long[items.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = readInteger(p.name(), scalar(p, items.get(i)), p.range());
                }
                return out;
            }
            case SCHEDULES:
            case RECORDS: {
                List<Node.MapNode> maps = new ArrayList<>();
                for (Node item : items(v)) {
                    if (!(item instanceof Node.MapNode m)) {
                        throw new InputException(item.location(), prefix() + p.name()
                                + " takes a list of mappings, but an item is " + item.describe());
                    }
                    maps.add(m);
                }
                return maps;
            }
            case REAL_OR_SCHEDULE:
                if (v instanceof Node.MapNode m) {
                    return m;
                }
                return readReal(p.name(), scalar(p, v), p.range());
            case STEP_VALUES:
                return readStepValues(p, v);
            case TRACE:
                return readTrace(p, v);
            default:
                throw new IllegalStateException("unhandled kind " + p.kind());
        }
    }

    private StepValues readStepValues(Param p, Node v) {
        List<Long> steps = new ArrayList<>();
        List<Double> numbers = new ArrayList<>();
        if (v instanceof Node.MapNode m) {
            for (Node.Entry e : m.entries().values()) {
                Node.ScalarNode key = new Node.ScalarNode(e.keyLocation(), e.key(), Node.ScalarKind.STRING);
                steps.add(readInteger(p.name(), key, Range.ANY));
                numbers.add(readReal(p.name(), scalar(p, e.value()), p.range()));
            }
        } else if (v instanceof Node.ListNode l) {
            for (Node item : l.items()) {
                if (!(item instanceof Node.ListNode pair) || pair.items().size() != 2) {
                    throw new InputException(item.location(), prefix() + p.name()
                            + " takes a mapping {step: value, ...} or a list of [step, value] pairs");
                }
                steps.add(readInteger(p.name(), scalar(p, pair.items().get(0)), Range.ANY));
                numbers.add(readReal(p.name(), scalar(p, pair.items().get(1)), p.range()));
            }
        } else {
            throw new InputException(v.location(), prefix() + p.name()
                    + " takes a mapping {step: value, ...}, not " + v.describe());
        }
        return new StepValues(steps.stream().mapToLong(Long::longValue).toArray(),
                numbers.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private double[] readTrace(Param p, Node v) {
        if (v instanceof Node.MapNode) {
            throw new InputException(v.location(), prefix() + p.name() + ": a {log: FILE, column: NAME} trace is read "
                    + "by the spec reader, which was not asked here; write the values as a list");
        }
        List<Node> items = items(v);
        if (items.isEmpty()) {
            throw new InputException(v.location(), prefix() + p.name() + " is empty; give one value per call of the "
                    + "scheduler's step(metric), e.g. [0.91, 0.85, 0.86]");
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            Node.ScalarNode s = scalar(p, items.get(i));
            String t = s.text().strip().toLowerCase(java.util.Locale.ROOT);
            if (t.matches("[+-]?\\.?(nan|inf|infinity)")) {
                // a run can log a diverged metric; the libraries compare it like any float
                out[i] = t.contains("nan") ? Double.NaN : t.startsWith("-") ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY;
            } else {
                out[i] = readReal(p.name() + "[" + i + "]", s, Range.ANY);
            }
        }
        return out;
    }

    private List<Node> items(Node v) {
        if (v instanceof Node.ListNode l) {
            return l.items();
        }
        return List.of(v); // a single value stands for a one-element list
    }

    /** For libraries that check isinstance(x, int) or isinstance(x, float): YAML's 10.0 is a float, 1 an int. */
    private void checkPythonType(Param p, Node.ScalarNode s) {
        if (!p.pythonTyped() || s.kind() != Node.ScalarKind.NUMBER) {
            return;
        }
        boolean floatText = s.text().matches(".*[.eE].*|[+-]?\\.?(inf|nan).*");
        if (p.kind() == Param.Kind.INTEGER && floatText) {
            throw new InputException(s.location(), prefix() + p.name() + " must be an int, not the float " + s.text()
                    + " (the library checks the type); write it without a decimal point");
        }
        if (p.kind() == Param.Kind.REAL && !floatText) {
            throw new InputException(s.location(), prefix() + p.name() + " must be a float, not the int " + s.text()
                    + " (the library checks the type); write " + s.text() + ".0");
        }
    }

    private Node.ScalarNode scalar(Param p, Node v) {
        if (v instanceof Node.ScalarNode s && s.kind() != Node.ScalarKind.NULL) {
            return s;
        }
        throw new InputException(v.location(), prefix() + p.name() + " takes " + article(p.kind().label())
                + ", not " + v.describe());
    }

    private static String article(String label) {
        return (label.startsWith("i") ? "an " : "a ") + label;
    }

    private double readReal(String name, Node.ScalarNode s, Range range) {
        double d = Numbers.parseReal(s.text()).orElseThrow(() -> new InputException(s.location(),
                prefix() + name + (Numbers.looksNumeric(s.text()) ? " must be a finite number, not " + s.text()
                        : " takes a number, not " + s.describe())));
        if (!range.contains(d)) {
            throw new InputException(s.location(), prefix() + name + " must be " + range.describe() + ", not "
                    + s.text());
        }
        return d;
    }

    private long readInteger(String name, Node.ScalarNode s, Range range) {
        long n = Numbers.parseInteger(s.text()).orElseThrow(() -> new InputException(s.location(),
                prefix() + name + " takes a whole number, not " + s.describe()));
        if (!range.contains(n)) {
            throw new InputException(s.location(), prefix() + name + " must be " + range.describe() + ", not "
                    + s.text());
        }
        return n;
    }

    private boolean readBoolean(String name, Node.ScalarNode s) {
        switch (s.text()) {
            case "true": case "True": case "TRUE": return true;
            case "false": case "False": case "FALSE": return false;
            default:
                throw new InputException(s.location(), prefix() + name + " takes true or false, not "
                        + s.describe());
        }
    }

    private static boolean quoted(Node.ScalarNode s) {
        return false; // the parser does not report quoting; columns point at the scalar start
    }
}
