package lrsched.input.config.axolotl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Suggest;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.config.PyYaml;
import lrsched.input.document.Document;

/**
 * axolotl's YAML training config ({@code axolotl train config.yaml}): the scheduler its trainer builds (the
 * {@code SchedulerMixin}, or the Hugging Face Trainer's), sized as axolotl sizes the run ({@link AxolotlRun}).
 * src/docs/configs/axolotl.md is its manual.
 *
 * <p>Recognized: a YAML mapping with {@code base_model:} and at least one of {@code micro_batch_size:},
 * {@code sequence_len:}, {@code adapter:} or {@code datasets:}, and none of lrsched's {@code schedules:} /
 * {@code type:} or the Trainer's own {@code per_device_train_batch_size:} / {@code lr_scheduler_type:}.
 */
public final class AxolotlFormat implements ConfigFormat {
    /** axolotl's own names besides the Trainer's scheduler types. */
    private static final List<String> OWN = List.of("one_cycle", "rex");
    /** transformers' SchedulerType values (5.x), each an hf.* type of the same name. */
    private static final List<String> HF = List.of("linear", "cosine", "cosine_with_restarts", "polynomial",
            "constant", "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr",
            "cosine_warmup_with_min_lr", "warmup_stable_decay");
    /** Trainer types whose get_scheduler call drops lr_scheduler_kwargs. */
    private static final Set<String> NO_KWARGS = Set.of("constant", "constant_with_warmup", "inverse_sqrt");
    /** Trainer types that take no num_training_steps. */
    private static final Set<String> NO_LENGTH = Set.of("constant", "constant_with_warmup", "inverse_sqrt",
            "reduce_lr_on_plateau");
    /** Keys that change the learning rate, read here. */
    private static final Set<String> READ = Set.of("learning_rate", "lr_scheduler", "lr_scheduler_kwargs",
            "cosine_min_lr_ratio", "cosine_constant_lr_ratio", "lr_quadratic_warmup", "warmup_steps", "warmup_ratio",
            "num_epochs", "micro_batch_size", "gradient_accumulation_steps", "batch_size", "max_steps", "ddp", "fsdp",
            "fsdp_config", "context_parallel_size", "tensor_parallel_size", "streaming", "pretraining_dataset", "rl",
            "sample_packing", "jagged_restart_steps", "deepspeed", "val_set_size", "dataset_shard_num");

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("axolotl builds the Hugging Face Trainer's schedules (lrsched types hf), torch's "
                + "OneCycleLR (lrsched types torch.OneCycleLR) and its own rex and min-lr cosines; "
                + "its YAML configs are read directly: lrsched explain --spec config.yaml --run "
                + "dataset_size=N (src/docs/configs/axolotl.md)");
    }

    @Override
    public String name() {
        return "axolotl";
    }

    @Override
    public String title() {
        return "axolotl training config";
    }

    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> m.get("base_model").isPresent()
                && (m.get("micro_batch_size").isPresent() || m.get("sequence_len").isPresent()
                        || m.get("adapter").isPresent() || m.get("datasets").isPresent())
                && m.get("per_device_train_batch_size").isEmpty() && m.get("lr_scheduler_type").isEmpty());
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Node.MapNode map = document.mapping().orElseThrow(() -> new InputException(Location.of(document.source()),
                "an axolotl config is a YAML mapping (base_model:, learning_rate:, ...)"));
        AxolotlConfig c = new AxolotlConfig(document, map);
        if (c.has("jagged_restart_steps")) {
            throw new InputException(c.at("jagged_restart_steps"), "jagged_restart_steps (ReLoRA's "
                    + "JaggedLRRestartScheduler) is not supported: lrsched has no type for its restarts; remove it "
                    + "to see the underlying schedule");
        }
        List<Imported.Fact> facts = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        refuseDeepSpeedScheduler(c, context, defaults);
        double lr = learningRate(c, facts);
        String scheduler = c.text("lr_scheduler").orElse("cosine");
        if (!c.has("lr_scheduler")) {
            defaults.add("lr_scheduler: cosine (axolotl's default)");
        }
        if (!OWN.contains(scheduler) && !HF.contains(scheduler)) {
            List<String> all = new ArrayList<>(HF);
            all.addAll(OWN);
            throw new InputException(c.at("lr_scheduler"), "lr_scheduler: '" + scheduler + "' is not a scheduler "
                    + "axolotl builds" + Suggest.didYouMean(scheduler, all) + " (supported: " + String.join(", ",
                    all) + ")");
        }
        AxolotlRun run = AxolotlRun.of(c, context.facts(), facts, defaults);
        List<String> ignored = new ArrayList<>();
        if (c.has("warmup_steps") && c.has("warmup_ratio")) {
            ignored.add("warmup_ratio (axolotl takes warmup_steps first)");
        }
        Node.MapNode schedule = schedule(c, scheduler, lr, run, facts, ignored);
        for (Node.Entry e : map.entries().values()) {
            if (!READ.contains(e.key())) {
                ignored.add(e.key());
            }
        }
        return new Imported(List.of(schedule), OptionalLong.of(run.numTrainingSteps()), facts, defaults, ignored);
    }

    /** learning_rate: required; text is converted with float() by axolotl's schema. */
    private static double learningRate(AxolotlConfig c, List<Imported.Fact> facts) {
        if (!c.has("learning_rate")) {
            throw new InputException(Location.of(c.document.source()), "learning_rate is required (axolotl's "
                    + "schema has no default); add learning_rate: 2e-5");
        }
        double lr = c.real("learning_rate").getAsDouble();
        Node.ScalarNode written = (Node.ScalarNode) c.value("learning_rate").get();
        String text = written.text().strip();
        if (written.kind() == Node.ScalarKind.STRING || !PyYaml.isInt(text) && !PyYaml.isFloat(text)) {
            // PyYAML (YAML 1.1) reads 2e-5 or 1.0e4 as text: a float needs a dot and a signed exponent there
            facts.add(new Imported.Fact("learning_rate", DoubleFormat.format(lr), "float('" + written.text()
                    + "') (axolotl reads it as text and its schema converts it)"));
        }
        if (lr < 0) {
            throw new InputException(c.at("learning_rate"), "learning_rate must be >= 0 (torch's optimizers "
                    + "refuse a negative one), not " + DoubleFormat.format(lr));
        }
        return lr;
    }

    /**
     * A DeepSpeed scheduler replaces axolotl's: refuse a deepspeed config that has one (inline, or a file beside the
     * config). axolotl opens a path relative to its working directory, which lrsched cannot know: a file not found
     * beside the config is taken to have no scheduler, as none of axolotl's deepspeed_configs/*.json has.
     */
    private static void refuseDeepSpeedScheduler(AxolotlConfig c, ImportContext context, List<String> defaults) {
        Optional<Node> ds = c.value("deepspeed");
        if (ds.isPresent() && ds.get() instanceof Node.ScalarNode path && path.kind() == Node.ScalarKind.STRING) {
            Optional<Path> folder = c.document.file().map(Path::getParent);
            Path named = Path.of(path.text());
            Path resolved = folder.isPresent() && !named.isAbsolute() ? folder.get().resolve(named)
                    : named;
            if (Files.isRegularFile(resolved)) {
                Document followed = context.follow(c.document, path);
                if (followed.mapping().isPresent() && followed.mapping().get().get("scheduler").isPresent()) {
                    ds = Optional.of(followed.mapping().get());
                }
            } else {
                defaults.add("deepspeed: " + path.text() + " not found beside the config; taken to have no "
                        + "scheduler section (axolotl's deepspeed_configs/*.json have none)");
            }
        }
        if (ds.isPresent() && ds.get() instanceof Node.MapNode m && m.get("scheduler").isPresent()) {
            throw new InputException(m.entries().get("scheduler").keyLocation(), "the deepspeed config has a "
                    + "scheduler section, which replaces axolotl's scheduler; read it as a DeepSpeed config, or "
                    + "remove the section to see axolotl's");
        }
    }

    private Node.MapNode schedule(AxolotlConfig c, String scheduler, double lr, AxolotlRun run,
                                  List<Imported.Fact> facts, List<String> ignored) {
        long n = run.numTrainingSteps(), w = run.numWarmupSteps();
        Location at = c.has("lr_scheduler") ? c.at("lr_scheduler") : c.keyAt("learning_rate");
        boolean cosine = scheduler.equals("cosine") || OWN.contains(scheduler); // one_cycle/rex: type "cosine"
        OptionalDouble minRatio = c.real("cosine_min_lr_ratio");
        OptionalDouble constantRatio = c.real("cosine_constant_lr_ratio");
        Map<String, Node.Entry> kwargs = kwargs(c);
        if (!cosine) {
            for (String k : List.of("cosine_min_lr_ratio", "cosine_constant_lr_ratio", "lr_quadratic_warmup")) {
                if (c.has(k)) {
                    ignored.add(k + " (only with lr_scheduler: cosine)");
                }
            }
        }
        if (OWN.contains(scheduler)) {
            List<String> unused = new ArrayList<>(List.of("cosine_constant_lr_ratio", "lr_quadratic_warmup"));
            unused.add(scheduler.equals("rex") ? "lr_scheduler_kwargs" : "cosine_min_lr_ratio");
            for (String k : unused) {
                if (c.has(k)) {
                    ignored.add(k + " (not used by " + scheduler + ")");
                }
            }
        }
        if (scheduler.equals("one_cycle")) {
            return oneCycle(c, lr, run, kwargs, at, facts);
        }
        if (scheduler.equals("rex")) {
            return AxolotlShapes.rex(c, lr, run, minRatio, at, facts);
        }
        boolean quadratic = cosine && c.flag("lr_quadratic_warmup");
        boolean withMin = cosine && minRatio.isPresent();
        if (quadratic || (withMin && minRatio.getAsDouble() != 0)) {
            if (!kwargs.isEmpty()) {
                ignored.add("lr_scheduler_kwargs (axolotl's own cosine takes none)");
            }
            if (quadratic) {
                if (withMin) {
                    ignored.add("cosine_min_lr_ratio (axolotl: quadratic warmup wins)");
                }
                return AxolotlShapes.quadratic(c, lr, run, at, facts);
            }
            double r = ratio(c, "cosine_min_lr_ratio", minRatio.getAsDouble());
            if (constantRatio.isPresent() && constantRatio.getAsDouble() != 0) {
                double k = ratio(c, "cosine_constant_lr_ratio", constantRatio.getAsDouble());
                return AxolotlShapes.decayConstant(c, lr, run, r, k, at, facts);
            }
            ScheduleMapping b = ScheduleMapping.of("hf.cosine_with_min_lr", at);
            b.number("lr", c.at("learning_rate"), lr);
            b.integer("num_warmup_steps", run.warmupAt(), w);
            b.integer("num_training_steps", run.lengthAt(), n);
            b.number("min_lr_rate", c.at("cosine_min_lr_ratio"), r);
            return b.build();
        }
        if (constantRatio.isPresent() && cosine) {
            ignored.add("cosine_constant_lr_ratio (axolotl uses it only with a nonzero cosine_min_lr_ratio)");
        }
        ScheduleMapping b = ScheduleMapping.of("hf." + scheduler, at);
        b.number("lr", c.at("learning_rate"), lr);
        if (!scheduler.equals("constant")) {
            b.integer("num_warmup_steps", run.warmupAt(), w);
        }
        if (!NO_LENGTH.contains(scheduler)) {
            b.integer("num_training_steps", run.lengthAt(), n);
        }
        if (NO_KWARGS.contains(scheduler)) {
            if (!kwargs.isEmpty()) {
                ignored.add("lr_scheduler_kwargs (the Trainer passes none to " + scheduler + ")");
            }
        } else {
            for (Node.Entry e : kwargs.values()) {
                b.put(e.key(), e.keyLocation(), e.value());
            }
        }
        return b.build();
    }

    /** torch's OneCycleLR as axolotl builds it: max_lr, total_steps, pct_start = warmup / total, cos. */
    private static Node.MapNode oneCycle(AxolotlConfig c, double lr, AxolotlRun run, Map<String, Node.Entry> kwargs,
                                         Location at, List<Imported.Fact> facts) {
        for (String fixed : List.of("max_lr", "total_steps")) {
            if (kwargs.containsKey(fixed)) {
                throw new InputException(kwargs.get(fixed).keyLocation(), "lr_scheduler_kwargs." + fixed + " is "
                        + "set by axolotl for one_cycle (OneCycleLR got multiple values); remove it");
            }
        }
        ScheduleMapping b = ScheduleMapping.of("torch.OneCycleLR", at);
        b.number("max_lr", c.at("learning_rate"), lr);
        b.integer("total_steps", run.lengthAt(), run.numTrainingSteps());
        if (!kwargs.containsKey("pct_start")) {
            double pct = (double) run.numWarmupSteps() / run.numTrainingSteps();
            facts.add(new Imported.Fact("pct_start", DoubleFormat.format(pct), run.numWarmupSteps() + " / "
                    + run.numTrainingSteps()));
            b.number("pct_start", run.warmupAt(), pct);
        }
        if (!kwargs.containsKey("anneal_strategy")) {
            b.put("anneal_strategy", at, new Node.ScalarNode(at, "cos", Node.ScalarKind.STRING));
        }
        for (Node.Entry e : kwargs.values()) {
            b.put(e.key(), e.keyLocation(), e.value());
        }
        return b.build();
    }

    private static double ratio(AxolotlConfig c, String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InputException(c.at(key), key + " must be between 0.0 and 1.0 (axolotl asserts it), not "
                    + DoubleFormat.format(value));
        }
        return value;
    }

    private static Map<String, Node.Entry> kwargs(AxolotlConfig c) {
        Optional<Node> v = c.value("lr_scheduler_kwargs");
        if (v.isEmpty()) {
            return Map.of();
        }
        if (!(v.get() instanceof Node.MapNode m)) {
            throw new InputException(v.get().location(), "lr_scheduler_kwargs must be a mapping of the scheduler's "
                    + "arguments, not " + v.get().describe());
        }
        return new LinkedHashMap<>(m.entries());
    }

    /** Builds one schedule mapping, each value located where it came from. */
    static final class ScheduleMapping {
        private final Location at;
        private final Map<String, Node.Entry> entries = new LinkedHashMap<>();

        private ScheduleMapping(Location at) {
            this.at = at;
        }

        static ScheduleMapping of(String type, Location at) {
            ScheduleMapping b = new ScheduleMapping(at);
            b.put("type", at, new Node.ScalarNode(at, type, Node.ScalarKind.STRING));
            return b;
        }

        void put(String key, Location keyAt, Node value) {
            entries.put(key, new Node.Entry(key, keyAt, value));
        }

        void number(String key, Location from, double value) {
            put(key, from, new Node.ScalarNode(from, DoubleFormat.format(value), Node.ScalarKind.NUMBER));
        }

        void integer(String key, Location from, long value) {
            put(key, from, new Node.ScalarNode(from, Long.toString(value), Node.ScalarKind.NUMBER));
        }

        void text(String key, Location from, String value) {
            put(key, from, new Node.ScalarNode(from, value, Node.ScalarKind.STRING));
        }

        void list(String key, Location from, List<Node> items) {
            put(key, from, new Node.ListNode(from, items));
        }

        Node.MapNode build() {
            return new Node.MapNode(at, entries);
        }
    }
}
