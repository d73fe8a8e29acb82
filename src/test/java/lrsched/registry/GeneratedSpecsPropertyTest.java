package lrsched.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import lrsched.core.Curve;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.core.StepSelection;
import lrsched.library.Libraries;
import lrsched.output.CurveSampler;
import lrsched.output.chart.Decimator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every declared type, random parameter sets drawn from the declarations (kinds, ranges, choices): whenever
 * the type accepts them, the schedule is finite at every probed step (or refuses the step as its library does),
 * and a step's value does not depend on what was evaluated before (pure function). Seeded, so failures repeat.
 */
class GeneratedSpecsPropertyTest {
    private static final long SEED = 20261121L;
    private static final int TRIES = 300;
    private static final int FAR_REPLAYED_TRIES = 5;
    private static final int PIECE_TRIES = 60;
    /** At least this many accepted parameter sets per type in the pieces check, within MAX_PIECE_TRIES draws. */
    private static final int MIN_PIECE_SETS = 12;
    private static final int MAX_PIECE_TRIES = 4000;
    /** Draws with whole-number reals, for a type none of whose other sets named pieces (see checkPieces). */
    private static final int WHOLE_PIECE_TRIES = 60;
    private static final Location AT = new Location("generated", 1, 1);

    @TestFactory
    Stream<DynamicTest> everyTypeIsFiniteAndPure() {
        return Libraries.registry().types().stream()
                .map(t -> DynamicTest.dynamicTest(t.name(), () -> check(t)));
    }

    private static void check(TypeDef type) {
        Random random = new Random(SEED ^ type.name().hashCode());
        int valid = 0;
        List<String> rejections = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Node.MapNode mapping = generate(type, random);
            Schedule s;
            try {
                s = Libraries.registry().build(mapping, "generated", Optional.empty());
            } catch (InputException e) {
                if (rejections.size() < 3) {
                    rejections.add(e.problem());
                }
                continue;
            }
            valid++;
            long[] steps = probeSteps(random, valid <= FAR_REPLAYED_TRIES);
            double[] first = new double[steps.length];
            for (int k = 0; k < steps.length; k++) {
                first[k] = value(s, steps[k]);
                assertThat(Double.isNaN(first[k]) || Double.isInfinite(first[k]))
                        .as("%s with %s gives %s at step %d", type.name(), describe(mapping), first[k], steps[k])
                        .isFalse();
            }
            for (int k = steps.length - 1; k >= 0; k--) {
                assertThat(value(s, steps[k])).as("%s at step %d evaluated again, in another order",
                        type.name(), steps[k]).isEqualTo(first[k]);
            }
        }
        boolean computable = type.computable();
        // records are drawn from their fields, which some (mmengine's scheduler lists) cannot fill in
        boolean generatable = type.params().stream().noneMatch(p -> p.required() && (p.kind() == Param.Kind.RECORDS
                || p.kind() == Param.Kind.TEXT && !SAMPLES.containsKey(type.name() + "." + p.name())));
        if (computable && generatable) {
            assertThat(valid).as("%s: no generated parameter set was accepted; e.g. %s", type.name(), rejections)
                    .isPositive();
        }
    }

    /**
     * For every type whose schedules name their monotone pieces, random parameter sets and random ranges (starting
     * and ending mid-piece, columns wider and narrower than a step): the chart points from the pieces equal those
     * from every step, bit for bit.
     */
    @TestFactory
    Stream<DynamicTest> chartPointsFromPiecesEqualEveryStep() {
        return Libraries.registry().types().stream()
                .map(t -> DynamicTest.dynamicTest(t.name(), () -> checkPieces(t)));
    }

    /** Whether some generated parameter set of {@code type} names its pieces (for the list in plotting.md). */
    static boolean namesPieces(TypeDef type) {
        return checkPieces(type);
    }

    private static boolean checkPieces(TypeDef type) {
        Random random = new Random(SEED ^ type.name().hashCode() ^ 18);
        boolean named = false;
        int accepted = 0;
        // types whose parameters must agree (Megatron's iteration- or sample-based arguments) accept few random
        // sets: draw on until a few are accepted (the first PIECE_TRIES draws are the same for every type)
        // some types name their pieces only for whole values of a real parameter (timm.StepLRScheduler's decay_t)
        // or for a constant lambda (torch.MultiplicativeLR): when no other set did, WHOLE_PIECE_TRIES more draws
        // round the reals to whole numbers and write constant expressions
        int wholeFrom = Integer.MAX_VALUE;
        for (int i = 0; i < PIECE_TRIES || accepted < MIN_PIECE_SETS && i < MAX_PIECE_TRIES
                || !named && i < (long) wholeFrom + WHOLE_PIECE_TRIES; i++) {
            if (wholeFrom == Integer.MAX_VALUE && !named && i >= PIECE_TRIES
                    && (accepted >= MIN_PIECE_SETS || i >= MAX_PIECE_TRIES)) {
                wholeFrom = i;
            }
            Node.MapNode mapping = generate(type, random, i >= wholeFrom);
            Schedule s;
            try {
                s = Libraries.registry().build(mapping, "generated", Optional.empty());
            } catch (InputException e) {
                continue;
            }
            accepted++;
            if (!s.pieces().known()) {
                continue;
            }
            named = true;
            long from = random.nextInt(3000);
            long to = from + random.nextInt(random.nextBoolean() ? 50 : 6000);
            int columns = 1 + random.nextInt(random.nextBoolean() ? 40 : 2500);
            Curve curve = new Curve("generated", s);
            Decimator.Points pieces;
            try {
                pieces = CurveSampler.byPieces(curve, from, to, columns);
            } catch (RuntimeException e) {
                continue; // not finite or refused on the way: the chart takes every step
            }
            assertThat(pieces).as("%s with %s, steps %d..%d, %d columns", type.name(), describe(mapping), from, to,
                    columns).isEqualTo(CurveSampler.everyStep(curve, new StepSelection.Range(from, to, 1), columns));
        }
        return named;
    }

    /**
     * For every type, a few random parameter sets: evaluating consecutive steps (as csv, stats and verify do)
     * allocates nothing per step once started, so the heap, and with it the process, does not grow with the number
     * of steps (G1 enlarges the young generation with the rate of garbage: half a gigabyte for 10^7 rows of a
     * schedule that made 50 bytes of it per step). Allocation is counted on this thread; of two windows of steps
     * the smaller counts, so a one-off allocation on the way (a first use, a kept replay state) is not taken for a
     * per-step one.
     */
    @TestFactory
    Stream<DynamicTest> consecutiveStepsAllocateNothingPerStep() {
        return Libraries.registry().types().stream()
                .map(t -> DynamicTest.dynamicTest(t.name(), () -> checkAllocation(t)));
    }

    private static final int ALLOCATION_SETS = 4;
    private static final int WINDOW = 8192;

    private static void checkAllocation(TypeDef type) {
        Random random = new Random(SEED ^ type.name().hashCode() ^ 31);
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        // HotSpot JDKs (the project's) count each thread's allocation; a JVM that cannot skips this check
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        long thread = Thread.currentThread().getId();
        int accepted = 0;
        for (int i = 0; i < TRIES && accepted < ALLOCATION_SETS; i++) {
            Node.MapNode mapping = generate(type, random);
            Schedule s;
            try {
                s = Libraries.registry().build(mapping, "generated", Optional.empty());
            } catch (InputException e) {
                continue;
            }
            long from = random.nextInt(5000);
            double sink = 0;
            long least = Long.MAX_VALUE;
            try {
                for (long t = from; t < from + WINDOW; t++) { // first uses: class loading, linking, caches
                    sink += s.at(t);
                }
                for (int window = 1; window <= 2; window++) {
                    long before = threads.getThreadAllocatedBytes(thread);
                    for (long t = from + window * WINDOW; t < from + (window + 1) * WINDOW; t++) {
                        sink += s.at(t);
                    }
                    least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
                }
            } catch (StepOutOfRangeException e) {
                continue; // a refused step ends a run: not a run of steps
            }
            accepted++;
            assertThat((double) least / WINDOW).as("%s with %s: bytes allocated per step from step %d on (sum %s)",
                    type.name(), describe(mapping), from + WINDOW, sink).isLessThan(1.0);
        }
    }

    /** The value, or 0 where the library refuses the step (refusal is checked by the golden tests). */
    private static double value(Schedule s, long step) {
        try {
            return s.at(step);
        } catch (StepOutOfRangeException e) {
            return 0;
        }
    }

    /**
     * 30 steps below 3,000 and 10 far ones, 10^4 to 10^12. Steps from 10^5 to 10^7 are replayed step by step by the
     * recursive types (torch's chainable forms, nests, Paddle's recursions: up to {@code Replay.LIMIT}), which costs
     * up to a second per schedule; only the first {@value #FAR_REPLAYED_TRIES} accepted parameter sets of a type probe
     * them, the others probe 10^8 to 10^10 instead (the same random draws, so every type sees the same parameters).
     */
    private static long[] probeSteps(Random random, boolean replayedRange) {
        long[] steps = new long[40];
        for (int i = 0; i < steps.length; i++) {
            if (i < 30) {
                steps[i] = random.nextInt(3000);
                continue;
            }
            int exponent = 4 + random.nextInt(9);
            if (!replayedRange && exponent >= 5 && exponent <= 7) {
                exponent += 3;
            }
            steps[i] = (long) Math.pow(10, exponent) + random.nextInt(7);
        }
        steps[0] = 0;
        return steps;
    }

    private static Node.MapNode generate(TypeDef type, Random random) {
        return generate(type, random, false);
    }

    /**
     * @param whole whether real parameters are rounded to whole numbers (where their range allows) and expressions
     *              are constants
     */
    private static Node.MapNode generate(TypeDef type, Random random, boolean whole) {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        entries.put("type", entry("type", scalar(type.name(), Node.ScalarKind.STRING)));
        for (Param p : type.params()) {
            boolean include = p.required() || random.nextInt(3) > 0;
            if (!include || p.kind() == Param.Kind.ANY) {
                continue;
            }
            Sample sample = SAMPLES.get(type.name() + "." + p.name());
            Node value = sample != null ? sample.draw(random, entries)
                    : value(p, random, type.params(), type.library(), whole);
            if (value != null) {
                entries.put(p.name(), entry(p.name(), value));
            }
        }
        return new Node.MapNode(AT, entries);
    }

    /** A drawn value for one parameter of one type, which may depend on the entries drawn before it. */
    private interface Sample {
        Node draw(Random random, Map<String, Node.Entry> before);
    }

    /**
     * Draws for the parameters the generic generator cannot make (free text; lengths that must sum to 1 with one
     * per scheduler), by type.param: without them these types would never accept a set.
     */
    private static final Map<String, Sample> SAMPLES = Map.of(
            "optax.piecewise_interpolate_schedule.interpolate_type",
                (r, before) -> scalar(r.nextBoolean() ? "linear" : "cosine", Node.ScalarKind.STRING),
            "fvcore.CompositeParamScheduler.interval_scaling", (r, before) -> {
                StringBuilder words = new StringBuilder();
                for (int i = 0; i < schedulerCount(before); i++) {
                    words.append(i == 0 ? "" : ",").append(r.nextBoolean() ? "rescaled" : "fixed");
                }
                return scalar(words.toString(), Node.ScalarKind.STRING);
            },
            "fvcore.CompositeParamScheduler.lengths", (r, before) -> {
                int n = schedulerCount(before);
                List<Node> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(number(Double.toString(1.0 / n)));
                }
                return new Node.ListNode(AT, items);
            },
            "diffusers.piecewise_constant.step_rules", (r, before) -> {
                StringBuilder rules = new StringBuilder();
                for (int i = 0, n = r.nextInt(4); i < n; i++) {
                    rules.append(r.nextDouble()).append(':').append(r.nextInt(3000)).append(',');
                }
                return scalar(rules.append(r.nextDouble()).toString(), Node.ScalarKind.STRING);
            });

    private static int schedulerCount(Map<String, Node.Entry> before) {
        Node.Entry schedulers = before.get("schedulers");
        return schedulers != null && schedulers.value() instanceof Node.ListNode l ? l.items().size() : 1;
    }

    private static Node value(Param p, Random random, List<Param> all, String library, boolean whole) {
        switch (p.kind()) {
            case REAL:
            case REAL_OR_SCHEDULE: { // the nested form is covered by the golden tests
                String v = real(p.range(), random);
                double w = Math.rint(Double.parseDouble(v));
                return number(whole && p.range().contains(w) ? Double.toString(w) : v);
            }
            case INTEGER:
                return number(Long.toString(integer(p.range(), random)));
            case BOOLEAN:
                return scalar(Boolean.toString(random.nextBoolean()), Node.ScalarKind.BOOLEAN);
            case CHOICE:
                return scalar(p.choices().get(random.nextInt(p.choices().size())), Node.ScalarKind.STRING);
            case REALS:
            case INTEGERS: {
                int n = 1 + random.nextInt(4);
                List<Node> items = new ArrayList<>();
                long at = 0;
                for (int i = 0; i < n; i++) {
                    at += 1 + random.nextInt(500);
                    items.add(p.kind() == Param.Kind.INTEGERS ? number(Long.toString(Math.max(at,
                            (long) Math.max(0, p.range().min())))) : number(real(p.range(), random)));
                }
                return new Node.ListNode(AT, items);
            }
            case TRACE: {
                List<Node> items = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(60); i < n; i++) {
                    items.add(number(Double.toString(random.nextDouble() * 3 - 1)));
                }
                return new Node.ListNode(AT, items);
            }
            case STEP_VALUES: {
                Map<String, Node.Entry> pairs = new LinkedHashMap<>();
                long at = random.nextInt(3) * 100L;
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    pairs.put(Long.toString(at), new Node.Entry(Long.toString(at), AT, number(real(p.range(),
                            random))));
                    at += 1 + random.nextInt(1000);
                }
                return new Node.MapNode(AT, pairs);
            }
            case SCHEDULES: {
                List<Node> children = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                    Map<String, Node.Entry> child = new LinkedHashMap<>();
                    // detectron2's and fvcore's schedulers nest fvcore schedulers only
                    boolean fvcore = library.equals("detectron2") || library.equals("fvcore");
                    child.put("type", entry("type", scalar(fvcore ? "fvcore.ConstantParamScheduler" : "constant",
                            Node.ScalarKind.STRING)));
                    child.put(fvcore ? "value" : "lr", entry(fvcore ? "value" : "lr",
                            number(real(Range.FRACTION, random))));
                    children.add(new Node.MapNode(AT, child));
                }
                return new Node.ListNode(AT, children);
            }
            case EXPRESSION: {
                boolean ramp = random.nextBoolean();
                if (whole) { // a constant factor (torch.MultiplicativeLR names its pieces only for one)
                    return scalar(ramp ? "0.5" : "0.95", Node.ScalarKind.STRING);
                }
                return scalar(ramp ? "0.5 * min(1, (" + p.variable() + " + 1) / 100)" : "0.95 ** " + p.variable(),
                        Node.ScalarKind.STRING);
            }
            case RECORDS: { // one or two mappings drawn from the fields (a required text field stays missing)
                List<Node> items = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                    Map<String, Node.Entry> fields = new LinkedHashMap<>();
                    for (Param f : p.fields()) {
                        Node v = f.required() || random.nextInt(3) > 0 ? value(f, random, p.fields(), library, whole)
                                : null;
                        if (v != null) {
                            fields.put(f.name(), entry(f.name(), v));
                        }
                    }
                    items.add(new Node.MapNode(AT, fields));
                }
                return new Node.ListNode(AT, items);
            }
            case TEXT:
            default:
                return null; // free text has no generic generator (see SAMPLES); the golden tests cover it
        }
    }

    private static String real(Range range, Random random) {
        double lo = Double.isInfinite(range.min()) ? -1 : range.min();
        double hi = Double.isInfinite(range.max()) ? Math.max(lo, 0) + 2 : range.max();
        double v = lo + (hi - lo) * random.nextDouble();
        if (!range.contains(v)) {
            v = (lo + hi) / 2;
        }
        return Double.toString(v);
    }

    private static long integer(Range range, Random random) {
        long lo = Double.isInfinite(range.min()) ? 0 : (long) Math.ceil(range.min());
        long span = Double.isInfinite(range.max()) ? 2000 : Math.max(1, (long) range.max() - lo + 1);
        long v = lo + (long) (random.nextDouble() * Math.min(span, 2000));
        while (!range.contains(v)) {
            v++;
        }
        return v;
    }

    private static Node.Entry entry(String key, Node value) {
        return new Node.Entry(key, AT, value);
    }

    private static Node scalar(String text, Node.ScalarKind kind) {
        return new Node.ScalarNode(AT, text, kind);
    }

    private static Node number(String text) {
        return scalar(text, Node.ScalarKind.NUMBER);
    }

    private static String describe(Node.MapNode m) {
        StringBuilder sb = new StringBuilder();
        m.entries().forEach((k, e) -> sb.append(k).append('=').append(e.value() instanceof Node.ScalarNode s
                ? s.text() : e.value().describe()).append(' '));
        return sb.toString().strip();
    }
}
