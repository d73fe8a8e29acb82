package lrsched.input.config.fairseq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import lrsched.core.Counts;
import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.core.Schedule;
import lrsched.core.Suggest;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.config.Interpolations;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;

/**
 * A fairseq Hydra config, as {@code fairseq-hydra-train --config-dir DIR --config-name NAME} reads it: the
 * {@code lr_scheduler:} section (its {@code _name} and the scheduler's dataclass fields, whose {@code lr},
 * {@code max_update} and {@code total_num_update} default to {@code ${optimization.lr}} and
 * {@code ${optimization.max_update}}) becomes a {@code fairseq.NAME} schedule; {@code optimization:} gives the run's
 * length (max_update, or max_epoch with the batches per epoch and update_freq). src/docs/configs/fairseq.md is its
 * manual; the facts are from facebookresearch/fairseq 3d262bb (fairseq/optim/lr_scheduler/*.py,
 * fairseq/dataclass/configs.py, fairseq/dataclass/initialize.py, fairseq/data/iterators.py, fairseq_cli/train.py).
 */
public final class FairseqFormat implements ConfigFormat {

    /**
     * A scheduler lrsched reproduces: its dataclass fields; {@code lr} defaults to {@code ${optimization.lr}} and
     * {@code fromMaxUpdate} (if any) to {@code ${optimization.max_update}}.
     */
    private record Scheduler(String name, List<String> fields, Optional<String> fromMaxUpdate) {}

    private static final List<Scheduler> SUPPORTED = List.of(
            new Scheduler("inverse_sqrt", List.of("warmup_updates", "warmup_init_lr", "lr"), Optional.empty()),
            new Scheduler("cosine", List.of("warmup_updates", "warmup_init_lr", "lr", "min_lr", "t_mult",
                    "lr_period_updates", "lr_shrink", "max_update"), Optional.of("max_update")),
            new Scheduler("polynomial_decay", List.of("warmup_updates", "force_anneal", "end_learning_rate", "power",
                    "total_num_update", "lr"), Optional.of("total_num_update")),
            new Scheduler("tri_stage", List.of("warmup_steps", "hold_steps", "decay_steps", "phase_ratio",
                    "init_lr_scale", "final_lr_scale", "max_update", "lr"), Optional.of("max_update")),
            new Scheduler("triangular", List.of("max_lr", "lr_period_updates", "lr_shrink", "shrink_min", "lr"),
                    Optional.empty()));
    /** fairseq's other schedulers (fairseq/optim/lr_scheduler/), with why lrsched does not offer them. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "fixed", "it sets lr[epoch - 1] at each epoch start and anneals by lr_shrink after force_anneal",
            "reduce_lr_on_plateau", "it follows the validation loss",
            "step", "lrsched has no fairseq.step type",
            "manual", "it follows its epoch2lr and update2lr tables",
            "pass_through", "the optimizer's own schedulers (the composite optimizer) set the LR");
    /** fairseq's OptimizationConfig defaults for the keys read here (fairseq/dataclass/configs.py). */
    private static final Map<String, String> DEFAULTS = Map.of("optimization.lr", "[0.25]",
            "optimization.max_update", "0", "optimization.max_epoch", "0", "optimization.update_freq", "[1]",
            "optimization.skip_remainder_batch", "false", "optimization.stop_min_lr", "-1.0");
    private static final Set<String> OPTIMIZATION_READ = Set.of("lr", "max_update", "max_epoch", "update_freq",
            "skip_remainder_batch", "stop_min_lr");
    /** The schedulers' int fields. */
    private static final Set<String> INT_FIELDS = Set.of("warmup_updates", "warmup_steps", "hold_steps",
            "decay_steps", "force_anneal");
    /** Fields whose dataclass default is None: a null there is the default. */
    private static final Set<String> OPTIONAL = Set.of("force_anneal", "phase_ratio");

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("fairseq Hydra configs are read directly: lrsched explain --spec config.yaml "
                + "(src/docs/configs/fairseq.md)");
    }

    @Override
    public String name() {
        return "fairseq";
    }

    @Override
    public String title() {
        return "fairseq Hydra config (fairseq-hydra-train)";
    }

    /**
     * A YAML mapping (extension .yaml, .yml or none) that is no lrsched spec (no {@code schedules:} or {@code type:})
     * and has either an {@code optimization:} mapping beside an {@code lr_scheduler:} with {@code _name} (or a
     * scheduler's name: {@code lr_scheduler: cosine}), or the {@code task:} and {@code criterion:} sections every
     * fairseq training config has.
     */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> {
            Node section = m.get("lr_scheduler").orElse(null);
            boolean scheduler = m.get("optimization").orElse(null) instanceof Node.MapNode
                    && (section instanceof Node.MapNode s && s.get("_name").isPresent()
                    || section instanceof Node.ScalarNode n && n.kind() == Node.ScalarKind.STRING);
            return scheduler || (m.get("task").isPresent() && m.get("criterion").isPresent());
        });
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Node.MapNode root = document.mapping().orElseThrow(() -> new InputException(Location.of(document.source()),
                "a fairseq config is a mapping of sections (optimization:, lr_scheduler:, ...)"));
        Interpolations refs = new Interpolations(root, DEFAULTS, "fairseq", false);
        List<Imported.Fact> facts = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        Location file = Location.of(document.source());

        Optional<Node> optimizationNode = refs.at("optimization");
        if (optimizationNode.isPresent() && !(optimizationNode.get() instanceof Node.MapNode)) {
            throw new InputException(optimizationNode.get().location(), "'optimization' must be a mapping (lr, "
                    + "max_update, max_epoch, update_freq, ...), not " + optimizationNode.get().describe());
        }
        refs.at("optimization.lr").ifPresent(lr -> checkType("lr", lr, "optimization.lr"));
        Node.MapNode schedule = schedule(root, refs, file, defaults, facts);
        OptionalLong steps = OptionalLong.of(runLength(refs, file, context.facts(), facts, defaults,
                () -> context.registry().build(schedule, schedule.get("type").map(t -> ((Node.ScalarNode) t).text())
                        .orElseThrow(), Optional.empty())));
        List<Imported.Fact> all = new ArrayList<>();
        for (String r : refs.resolved()) {
            int eq = r.indexOf(" = ");
            all.add(new Imported.Fact(r.substring(0, eq), r.substring(eq + 3), "OmegaConf interpolation, resolved "
                    + "against the whole config"));
        }
        all.addAll(facts);
        return new Imported(List.of(schedule), steps, all, defaults, ignored(root));
    }

    /** The lr_scheduler section as a fairseq.NAME schedule mapping. */
    private static Node.MapNode schedule(Node.MapNode root, Interpolations refs, Location file, List<String> defaults,
                                         List<Imported.Fact> facts) {
        Node section = refs.at("lr_scheduler").orElseThrow(() -> new InputException(file, "no lr_scheduler "
                + "section: fairseq then uses its default scheduler, fixed, which lrsched does not offer; add "
                + "lr_scheduler: with _name: " + String.join(", ", supportedNames())));
        Node.ScalarNode nameNode;
        Map<String, Node.Entry> given = new LinkedHashMap<>();
        if (section instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING) {
            nameNode = s; // lr_scheduler: cosine (fairseq's add_defaults reads it as {_name: cosine})
        } else if (section instanceof Node.MapNode map) {
            Node n = map.get("_name").map(v -> refs.resolve(v, "lr_scheduler._name")).orElseThrow(() ->
                    new InputException(map.location(), "lr_scheduler has no _name; add _name: one of "
                            + String.join(", ", supportedNames())));
            if (!(n instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
                throw new InputException(n.location(), "lr_scheduler._name must be a scheduler's name, not "
                        + n.describe());
            }
            nameNode = s;
            given.putAll(map.entries());
            given.remove("_name");
        } else {
            throw new InputException(section.location(), "'lr_scheduler' must be a mapping with _name (or a "
                    + "scheduler's name), not " + section.describe());
        }
        Scheduler scheduler = scheduler(nameNode);
        Map<String, Node.Entry> out = new LinkedHashMap<>();
        out.put("type", new Node.Entry("type", nameNode.location(), new Node.ScalarNode(nameNode.location(),
                "fairseq." + scheduler.name(), Node.ScalarKind.STRING)));
        for (Node.Entry e : given.values()) {
            if (!scheduler.fields().contains(e.key())) {
                throw new InputException(e.keyLocation(), "fairseq's " + scheduler.name() + " has no '" + e.key()
                        + "'" + Suggest.didYouMean(e.key(), scheduler.fields()) + " (OmegaConf's ConfigKeyError); its "
                        + "keys are " + String.join(", ", scheduler.fields()));
            }
            Node value = refs.resolve(e.value(), "lr_scheduler." + e.key());
            if (value instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING && s.text().equals("???")) {
                throw new InputException(s.location(), "lr_scheduler." + e.key() + " is '???', a value fairseq "
                        + "requires (MissingMandatoryValue); write it");
            }
            if (value instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL && OPTIONAL.contains(e.key())) {
                continue; // None is the dataclass default
            }
            checkType(e.key(), value, "lr_scheduler." + e.key());
            out.put(e.key(), new Node.Entry(e.key(), e.keyLocation(), value));
        }
        if (scheduler.name().equals("triangular") && !out.containsKey("max_lr")) {
            throw new InputException(nameNode.location(), "fairseq's triangular needs max_lr (its default is "
                    + "'???': MissingMandatoryValue); add max_lr: under lr_scheduler");
        }
        Map<String, String> fromOptimization = new LinkedHashMap<>();
        fromOptimization.put("lr", "optimization.lr");
        scheduler.fromMaxUpdate().ifPresent(k -> fromOptimization.put(k, "optimization.max_update"));
        for (Map.Entry<String, String> d : fromOptimization.entrySet()) {
            if (out.containsKey(d.getKey())) {
                continue;
            }
            String path = d.getValue();
            Optional<Node> value = refs.at(path);
            value.ifPresent(v -> checkType(d.getKey(), v, path));
            Location at = value.map(Node::location).orElse(file);
            out.put(d.getKey(), new Node.Entry(d.getKey(), at, value.orElseGet(() ->
                    Interpolations.parseDefault(DEFAULTS.get(path), file))));
            defaults.add("lr_scheduler." + d.getKey() + ": ${" + path + "}" + (value.isPresent() ? ""
                    : " = " + DEFAULTS.get(path) + " (fairseq's default)"));
        }
        Node.MapNode mapping = new Node.MapNode(nameNode.location(), out);
        derivedLengths(scheduler.name(), mapping, facts);
        return mapping;
    }

    /**
     * OmegaConf's validation of the dataclass types: {@code lr} is a List[float] (a bare number is refused), the
     * stage and warmup lengths are ints (4000.0 is refused).
     */
    private static void checkType(String field, Node value, String path) {
        if (field.equals("lr") && !(value instanceof Node.ListNode)) {
            throw new InputException(value.location(), path + " must be a list such as [0.0005]: fairseq declares "
                    + "it List[float] and OmegaConf refuses " + value.describe() + " (ValidationError)");
        }
        if (INT_FIELDS.contains(field) && value instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NUMBER
                && Numbers.parseInteger(s.text()).isPresent() && !s.text().matches("[+-]?[\\d_]+")) {
            throw new InputException(value.location(), path + " must be written as a whole number: fairseq declares "
                    + "it int and OmegaConf refuses " + s.text() + " (ValidationError: could not be converted to "
                    + "Integer)");
        }
    }

    private static Scheduler scheduler(Node.ScalarNode name) {
        Optional<Scheduler> known = SUPPORTED.stream().filter(s -> s.name().equals(name.text())).findFirst();
        if (known.isPresent()) {
            return known.get();
        }
        String offered = "lrsched reads " + String.join(", ", supportedNames());
        String why = UNSUPPORTED.get(name.text());
        if (why != null) {
            throw new InputException(name.location(), "fairseq's " + name.text() + " scheduler is not offered ("
                    + why + "); " + offered);
        }
        List<String> all = new ArrayList<>(supportedNames());
        all.addAll(UNSUPPORTED.keySet());
        throw new InputException(name.location(), "'" + name.text() + "' is not a fairseq LR scheduler"
                + Suggest.didYouMean(name.text(), all) + "; " + offered);
    }

    private static List<String> supportedNames() {
        return SUPPORTED.stream().map(Scheduler::name).toList();
    }

    /** The stage lengths and periods fairseq derives from max_update, for explain. */
    private static void derivedLengths(String scheduler, Node.MapNode m, List<Imported.Fact> facts) {
        OptionalDouble maxUpdate = real(m, "max_update");
        switch (scheduler) {
            case "tri_stage" -> {
                if (m.get("phase_ratio").orElse(null) instanceof Node.ListNode ratios && maxUpdate.isPresent()
                        && ratios.items().size() == 3) {
                    String[] stages = {"warmup_steps", "hold_steps", "decay_steps"};
                    for (int i = 0; i < 3; i++) {
                        OptionalDouble r = number(ratios.items().get(i));
                        if (r.isPresent()) {
                            facts.add(new Imported.Fact(stages[i], Long.toString((long) (maxUpdate.getAsDouble()
                                    * r.getAsDouble())), "int(" + py(maxUpdate.getAsDouble()) + " x "
                                    + py(r.getAsDouble()) + ")"));
                        }
                    }
                }
            }
            case "cosine" -> {
                OptionalDouble period = real(m, "lr_period_updates");
                if ((period.isEmpty() || period.getAsDouble() <= 0) && maxUpdate.isPresent()) {
                    long warmup = (long) real(m, "warmup_updates").orElse(0);
                    facts.add(new Imported.Fact("period", Long.toString((long) maxUpdate.getAsDouble() - warmup),
                            "max_update - warmup_updates = " + (long) maxUpdate.getAsDouble() + " - " + warmup
                                    + " (lr_period_updates " + (period.isEmpty() ? "-1, the default" : "<= 0") + ")"));
                }
            }
            default -> { }
        }
    }

    /**
     * The run's length in updates: max_update, or the updates of max_epoch epochs, whichever ends it first; and
     * fairseq's stop_min_lr, checked at every epoch start against the LR of the schedule then (fairseq_cli/train.py).
     */
    private static long runLength(Interpolations refs, Location file, RunFacts runFacts, List<Imported.Fact> facts,
                                  List<String> defaults, Supplier<Schedule> schedule) {
        long maxUpdate = whole(refs, "optimization.max_update", 0);
        long maxEpoch = whole(refs, "optimization.max_epoch", 0);
        OptionalDouble stopMinLr = refs.at("optimization.stop_min_lr").map(FairseqFormat::number)
                .orElse(OptionalDouble.empty());
        boolean stopping = stopMinLr.isPresent() && stopMinLr.getAsDouble() >= 0;
        if (maxEpoch == 0 && maxUpdate == 0) {
            long n = runFacts.require(RunFacts.NUM_UPDATES, file, "fairseq trains until stopped (max_update and "
                    + "max_epoch are 0), so the number of updates");
            facts.add(new Imported.Fact("num_updates", Long.toString(n), "--run num_updates (max_update and "
                    + "max_epoch are 0)"));
            notApplied(stopping, stopMinLr, facts, "the run has no epochs lrsched knows");
            return n;
        }
        OptionalLong batchesGiven = maxEpoch > 0 && maxUpdate == 0 ? OptionalLong.of(runFacts.require(
                RunFacts.BATCHES_PER_EPOCH, file, "max_epoch " + maxEpoch + " ends the run, so the number of updates"))
                : maxEpoch > 0 || stopping ? runFacts.get(RunFacts.BATCHES_PER_EPOCH) : OptionalLong.empty();
        if (batchesGiven.isEmpty()) {
            facts.add(new Imported.Fact("num_updates", Long.toString(maxUpdate), maxEpoch > 0 ? "max_update (max_epoch "
                    + maxEpoch + " may end the run earlier: --run batches_per_epoch=N tells)" : "max_update (max_epoch "
                    + "0: no epoch limit)"));
            notApplied(stopping, stopMinLr, facts, "the epochs need --run batches_per_epoch=N");
            return maxUpdate;
        }
        long batches = batchesGiven.getAsLong();
        long[] updateFreq = updateFreq(refs);
        boolean skipRemainder = flag(refs, "optimization.skip_remainder_batch");
        long total = 0;
        long epochs = 0;
        String end = null;
        Map<Long, Long> perFreq = new LinkedHashMap<>();
        Schedule curve = stopping ? schedule.get() : null;
        double lr = stopping ? curve.at(0) : Double.POSITIVE_INFINITY;
        for (long epoch = 1; maxEpoch == 0 || epoch <= maxEpoch; epoch++) {
            if (lr <= stopMinLr.orElse(-1)) {
                end = "stop_min_lr: the LR at the start of epoch " + epoch + " is " + py(lr) + " <= " + py(stopMinLr
                        .getAsDouble());
                break;
            }
            long freq = updateFreq[(int) Math.min(epoch, updateFreq.length) - 1];
            long updates = skipRemainder ? batches / freq : (batches + freq - 1) / freq;
            if (perFreq.putIfAbsent(freq, updates) == null) {
                facts.add(new Imported.Fact("updates per epoch" + (updateFreq.length > 1 ? " (update_freq " + freq
                        + ")" : ""), Long.toString(updates), (skipRemainder ? "floor(" : "ceil(") + batches + " / "
                        + freq + ")" + (skipRemainder ? " (skip_remainder_batch)" : "")));
            }
            if (updates == 0 && epoch >= updateFreq.length && maxEpoch == 0) {
                break; // every later epoch is empty too: fairseq would never reach max_update
            }
            total += updates;
            epochs = epoch;
            if (maxUpdate > 0 && total >= maxUpdate) {
                total = maxUpdate;
                end = "max_update" + (maxEpoch > 0 ? ", reached before the end of max_epoch " + maxEpoch : "");
                break;
            }
            if (stopping) {
                lr = curve.at(total); // lr_step after the epoch: step_update(num_updates)
            }
        }
        if (total == 0) {
            throw new InputException(file, "the run has no updates: " + (end != null ? end : batches + " batches per "
                    + "epoch grouped by update_freq with skip_remainder_batch leave none; check batches_per_epoch and "
                    + "update_freq"));
        }
        if (end == null && maxEpoch == 0) {
            throw new InputException(file, "the run never reaches max_update " + maxUpdate + ": " + batches
                    + " batches per epoch grouped by update_freq with skip_remainder_batch leave no update per epoch; "
                    + "check batches_per_epoch and update_freq");
        }
        if (end == null) {
            end = (perFreq.size() == 1 ? maxEpoch + " x " + perFreq.values().iterator().next()
                    : "the updates of the " + maxEpoch + " epochs") + " (max_epoch " + maxEpoch
                    + (maxUpdate > 0 ? ", before max_update " + maxUpdate : "") + ")";
        } else if (end.startsWith("stop_min_lr")) {
            end += ", after " + Counts.of(epochs, "epoch");
        }
        facts.add(new Imported.Fact("num_updates", Long.toString(total), end));
        if (refs.at("optimization.update_freq").isEmpty()) {
            defaults.add("optimization.update_freq: [1] (fairseq's default)");
        }
        return total;
    }

    /** Says that stop_min_lr, when set, could not be checked and why. */
    private static void notApplied(boolean stopping, OptionalDouble stopMinLr, List<Imported.Fact> facts,
                                   String why) {
        if (stopping) {
            facts.add(new Imported.Fact("stop_min_lr", py(stopMinLr.getAsDouble()), "not applied (" + why + "): "
                    + "fairseq stops at an epoch start whose LR is <= this"));
        }
    }

    private static long[] updateFreq(Interpolations refs) {
        Optional<Node> node = refs.at("optimization.update_freq");
        if (node.isEmpty()) {
            return new long[] {1};
        }
        if (!(node.get() instanceof Node.ListNode list)) {
            throw new InputException(node.get().location(), "optimization.update_freq must be a list such as [4] "
                    + "(one entry per epoch, the last for the rest): fairseq declares it List[int] and OmegaConf "
                    + "refuses " + node.get().describe() + " (ValidationError)");
        }
        List<Node> items = list.items();
        if (items.isEmpty()) {
            throw new InputException(node.get().location(), "optimization.update_freq is empty; fairseq takes "
                    + "its last entry for later epochs: give at least one, e.g. [1]");
        }
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = wholeValue(items.get(i), "optimization.update_freq", 1);
        }
        return out;
    }

    private static long whole(Interpolations refs, String path, long fallback) {
        Optional<Node> node = refs.at(path);
        return node.isEmpty() ? fallback : wholeValue(node.get(), path, 0);
    }

    private static long wholeValue(Node node, String path, long min) {
        OptionalLong n = node instanceof Node.ScalarNode s && s.kind() != Node.ScalarKind.NULL
                && !s.text().contains(".") ? Numbers.parseInteger(s.text()) : OptionalLong.empty();
        if (n.isEmpty() || n.getAsLong() < min) {
            throw new InputException(node.location(), path + " takes a whole number >= " + min + " (an int in "
                    + "fairseq's OptimizationConfig), not " + node.describe());
        }
        return n.getAsLong();
    }

    private static boolean flag(Interpolations refs, String path) {
        Optional<Node> node = refs.at(path);
        if (node.isEmpty() || node.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL) {
            return false;
        }
        if (node.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.BOOLEAN) {
            return s.text().equalsIgnoreCase("true");
        }
        throw new InputException(node.get().location(), path + " takes true or false, not " + node.get().describe());
    }

    private static OptionalDouble real(Node.MapNode m, String key) {
        Optional<Node> node = m.get(key);
        return node.isEmpty() ? OptionalDouble.empty() : number(node.get());
    }

    private static OptionalDouble number(Node node) {
        return node instanceof Node.ScalarNode s && s.kind() != Node.ScalarKind.NULL ? Numbers.parseReal(s.text())
                : OptionalDouble.empty();
    }

    private static String py(double v) {
        return DoubleFormat.format(v);
    }

    /** The sections and optimization keys that do not change the learning rate. */
    private static List<String> ignored(Node.MapNode root) {
        List<String> out = new ArrayList<>();
        for (Node.Entry e : root.entries().values()) {
            if (e.key().equals("optimization") && e.value() instanceof Node.MapNode opt) {
                opt.entries().keySet().stream().filter(k -> !OPTIMIZATION_READ.contains(k))
                        .forEach(k -> out.add("optimization." + k));
            } else if (!e.key().equals("lr_scheduler") && !e.key().equals("optimization")) {
                out.add(e.key());
            }
        }
        return out;
    }
}
