package lrsched.input.config.kohya;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.core.Suggest;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;
import lrsched.registry.TypeDef;

/**
 * kohya-ss sd-scripts training configs: the TOML file given with {@code --config_file}, its sections merged into one
 * set of arguments as {@code library/train_util.py read_config_from_file} does, and the scheduler
 * {@code get_scheduler_fix} builds from them, stepped {@code num_processes} times per optimizer update by
 * Accelerate. src/docs/configs/kohya.md is the manual.
 */
public final class KohyaFormat implements ConfigFormat {
    /** sd-scripts' defaults (add_optimizer_arguments, add_training_arguments). */
    private static final String DEFAULT_LR = "2e-06";
    private static final long DEFAULT_MAX_TRAIN_STEPS = 1600;

    /** The keys besides pretrained_model_name_or_path that only a kohya training config has together with it. */
    private static final List<String> DISTINCTIVE = List.of("network_module", "train_data_dir", "dataset_config",
            "output_name", "lr_scheduler", "lr_scheduler_type", "max_train_steps", "max_train_epochs");

    /** The keys this format reads; every other key of the file is listed as not changing the learning rate. */
    private static final Set<String> READ = Set.of("learning_rate", "unet_lr", "lr_scheduler", "lr_warmup_steps",
            "lr_decay_steps", "lr_scheduler_num_cycles", "lr_scheduler_power", "lr_scheduler_timescale",
            "lr_scheduler_min_lr_ratio", "lr_scheduler_type", "lr_scheduler_args", "max_train_steps",
            "max_train_epochs", "gradient_accumulation_steps", "optimizer_type");

    /** transformers' SchedulerType values, as get_scheduler_fix takes them, and diffusers' piecewise_constant. */
    private static final List<String> SCHEDULERS = List.of("linear", "cosine", "cosine_with_restarts", "polynomial",
            "constant", "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr",
            "cosine_warmup_with_min_lr", "warmup_stable_decay", "piecewise_constant");

    private static final String TORCH_MODULE = "torch.optim.lr_scheduler.";

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("kohya sd-scripts builds its schedules with transformers' functions (lrsched "
                + "types hf) and diffusers' piecewise_constant (lrsched types "
                + "diffusers.piecewise_constant); its TOML configs are read directly, the process "
                + "count included: lrsched explain --spec config.toml (src/docs/configs/kohya.md)");
    }

    @Override
    public String name() {
        return "kohya";
    }

    @Override
    public String title() {
        return "kohya-ss sd-scripts config";
    }

    /**
     * A {@code .toml} file whose keys (sections merged) hold {@code pretrained_model_name_or_path} and one of
     * {@link #DISTINCTIVE}; never a mapping with lrsched's {@code schedules:} or {@code type:}.
     */
    @Override
    public boolean recognizes(Document document) {
        if (!document.extension().equals("toml")) {
            return false;
        }
        return document.mapping().map(m -> {
            Map<String, Node.Entry> args = merged(m);
            return ConfigKeys.notASpec(m) && args.containsKey("pretrained_model_name_or_path")
                    && DISTINCTIVE.stream().anyMatch(args::containsKey);
        }).orElse(false);
    }

    /** The arguments as read_config_from_file makes them: a section's keys at the top level, later ones winning. */
    private static Map<String, Node.Entry> merged(Node.MapNode root) {
        Map<String, Node.Entry> args = new LinkedHashMap<>();
        for (Node.Entry e : root.entries().values()) {
            if (e.value() instanceof Node.MapNode section) {
                section.entries().values().forEach(s -> {
                    args.remove(s.key());
                    args.put(s.key(), s);
                });
            } else {
                args.remove(e.key());
                args.put(e.key(), e);
            }
        }
        return args;
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Node.MapNode root = document.mapping().orElseThrow(() -> new InputException(Location.of(document.source()),
                "a kohya config is a TOML table of arguments (learning_rate = 1e-4, ...); this file has none"));
        Run run = new Run(document, merged(root), context);
        return run.read();
    }

    /** One reading: the merged arguments, and what was derived from them. */
    private static final class Run {
        private final Document document;
        private final Map<String, Node.Entry> args;
        private final ImportContext context;
        private final List<Imported.Fact> facts = new ArrayList<>();
        private final List<String> defaults = new ArrayList<>();
        private final Location file;

        Run(Document document, Map<String, Node.Entry> args, ImportContext context) {
            this.document = document;
            this.args = args;
            this.context = context;
            this.file = Location.of(document.source());
        }

        Imported read() {
            refuseOptimizerSchedules();
            long processes = context.facts().get(RunFacts.NUM_DEVICES).orElse(1);
            fact("num_processes", Long.toString(processes), context.facts().get(RunFacts.NUM_DEVICES).isPresent()
                    ? "--run num_devices" : "one process (give --run num_devices=N for more)");
            Length length = maxTrainSteps();
            long maxTrainSteps = length.steps;
            long total = Math.multiplyExact(maxTrainSteps, processes);
            fact("num_training_steps", Long.toString(total), "max_train_steps x num_processes = " + maxTrainSteps
                    + " x " + processes);
            Steps warmup = steps("lr_warmup_steps", total);
            Steps decay = steps("lr_decay_steps", total);

            Node.MapNode schedule = args.containsKey("lr_scheduler_type")
                    && !text(args.get("lr_scheduler_type")).isEmpty()
                    ? custom(warmup) : builtIn(warmup, decay, total, length.at);
            if (processes > 1) {
                schedule = schedule.with("num_processes", file, number(file, Long.toString(processes)));
            }
            List<String> ignored = args.keySet().stream().filter(k -> !READ.contains(k)).toList();
            return new Imported(List.of(schedule), OptionalLong.of(maxTrainSteps), facts, defaults, ignored);
        }

        // ---- the schedule ------------------------------------------------------------------------------------

        private Node.MapNode builtIn(Steps warmup, Steps decay, long total, Location totalAt) {
            Optional<Node.Entry> given = Optional.ofNullable(args.get("lr_scheduler"));
            String name = given.map(this::text).orElse("constant");
            Location nameAt = given.map(e -> e.value().location()).orElse(file);
            if (given.isEmpty()) {
                defaults.add("lr_scheduler: constant (sd-scripts' default)");
            }
            if (name.startsWith("adafactor")) {
                throw new InputException(nameAt, "lr_scheduler \"" + name + "\" is Adafactor's own relative-step "
                        + "schedule (transformers AdafactorSchedule), computed inside the optimizer from its state, not "
                        + "a function of the step; lrsched cannot reproduce it");
            }
            if (!SCHEDULERS.contains(name)) {
                throw new InputException(nameAt, "unknown lr_scheduler \"" + name + "\"" + Suggest.didYouMean(name,
                        SCHEDULERS) + " (transformers: '" + name + " is not a valid SchedulerType'); sd-scripts takes "
                        + String.join(", ", SCHEDULERS) + ", or lr_scheduler_type for a torch scheduler");
            }
            Map<String, Node> kwargs = schedulerArgs();
            Node.ScalarNode w = number(warmup.at, Long.toString(warmup.value));
            Node.ScalarNode n = number(totalAt, Long.toString(total));
            Map<String, Node> params = new LinkedHashMap<>();
            String type = "hf." + name;
            switch (name) {
                case "constant" -> {
                    if (warmup.value != 0) {
                        throw noWarmup(name, warmup.at);
                    }
                }
                case "constant_with_warmup" -> params.put("num_warmup_steps", w);
                case "inverse_sqrt" -> {
                    params.put("num_warmup_steps", w);
                    optionalNumber("lr_scheduler_timescale").ifPresent(t -> params.put("timescale", t));
                }
                case "cosine_with_restarts" -> {
                    params.put("num_warmup_steps", w);
                    params.put("num_training_steps", n);
                    params.put("num_cycles", numberOr("lr_scheduler_num_cycles", "1"));
                }
                case "polynomial" -> {
                    params.put("num_warmup_steps", w);
                    params.put("num_training_steps", n);
                    params.put("power", numberOr("lr_scheduler_power", "1"));
                }
                case "cosine_with_min_lr" -> {
                    params.put("num_warmup_steps", w);
                    params.put("num_training_steps", n);
                    params.put("num_cycles", halfCycles());
                    optionalNumber("lr_scheduler_min_lr_ratio").ifPresent(r -> params.put("min_lr_rate", r));
                }
                case "linear", "cosine" -> {
                    params.put("num_warmup_steps", w);
                    params.put("num_training_steps", n);
                }
                case "warmup_stable_decay" -> {
                    params.put("num_warmup_steps", w);
                    // sd-scripts passes num_stable_steps = N - W - D, which transformers computes the same way
                    params.put("num_training_steps", n);
                    params.put("num_decay_steps", number(decay.at, Long.toString(decay.value)));
                    fact("num_stable_steps", Long.toString(total - warmup.value - decay.value),
                            "num_training_steps - num_warmup_steps - num_decay_steps = " + total + " - "
                                    + warmup.value + " - " + decay.value);
                    params.put("num_cycles", halfCycles());
                    params.put("min_lr_ratio", optionalNumber("lr_scheduler_min_lr_ratio")
                            .orElse(number(file, "0.0")));
                }
                case "piecewise_constant" -> type = "diffusers.piecewise_constant";
                default -> throw new InputException(nameAt, "lr_scheduler \"" + name + "\" cannot be built by "
                        + "sd-scripts: get_scheduler_fix passes it num_warmup_steps, num_training_steps and "
                        + "num_decay_steps, which " + (name.equals("reduce_lr_on_plateau") ? "ReduceLROnPlateau"
                        : "get_cosine_with_min_lr_schedule_with_warmup_lr_rate") + " does not take (TypeError: "
                        + "unexpected keyword argument); choose another lr_scheduler");
            }
            if (params.containsKey("num_warmup_steps") && !args.containsKey("lr_warmup_steps")) {
                defaults.add("lr_warmup_steps: 0 (sd-scripts' default)");
            }
            if (params.containsKey("num_decay_steps") && !args.containsKey("lr_decay_steps")) {
                defaults.add("lr_decay_steps: 0 (sd-scripts' default)");
            }
            for (Map.Entry<String, Node> k : kwargs.entrySet()) {
                if (params.containsKey(k.getKey())) {
                    throw new InputException(k.getValue().location(), "lr_scheduler_args sets '" + k.getKey()
                            + "', which sd-scripts already passes to " + name + " (TypeError: got multiple values "
                            + "for keyword argument '" + k.getKey() + "'); set it through its own key instead");
                }
                params.put(k.getKey(), k.getValue());
            }
            return schedule(type, params, nameAt);
        }

        /** lr_scheduler_type: a class of torch.optim.lr_scheduler, built from lr_scheduler_args alone. */
        private Node.MapNode custom(Steps warmup) {
            Node.Entry given = args.get("lr_scheduler_type");
            String name = text(given);
            String cls = name.startsWith(TORCH_MODULE) ? name.substring(TORCH_MODULE.length()) : name;
            if (cls.contains(".")) {
                throw new InputException(given.value().location(), "lr_scheduler_type \"" + name + "\" is a class "
                        + "of another module; lrsched reproduces the classes of torch.optim.lr_scheduler (write the "
                        + "class name, e.g. CosineAnnealingLR), or use lr_scheduler");
            }
            String type = "torch." + cls;
            Optional<TypeDef> def = context.registry().find(type);
            if (def.isEmpty() || def.get().param("lr").isEmpty()) {
                List<String> torch = context.registry().types().stream().map(TypeDef::name)
                        .filter(t -> t.startsWith("torch.")).map(t -> t.substring("torch.".length())).toList();
                throw new InputException(given.value().location(), "lr_scheduler_type \"" + name + "\" is not a "
                        + "torch scheduler lrsched has" + Suggest.didYouMean(cls, torch) + "; it has "
                        + String.join(", ", torch));
            }
            if (warmup.value != 0) {
                // the check uses args.lr_scheduler, which is "constant" unless the file sets it
                String scheduler = Optional.ofNullable(args.get("lr_scheduler")).map(this::text).orElse("constant");
                throw noWarmup(scheduler, warmup.at);
            }
            return schedule(type, new LinkedHashMap<>(schedulerArgs()), given.value().location());
        }

        private Node.MapNode schedule(String type, Map<String, Node> params, Location at) {
            Map<String, Node.Entry> entries = new LinkedHashMap<>();
            entries.put("name", new Node.Entry("name", at, new Node.ScalarNode(at, "unet", Node.ScalarKind.STRING)));
            entries.put("type", new Node.Entry("type", at, new Node.ScalarNode(at, type, Node.ScalarKind.STRING)));
            Node.ScalarNode lr = learningRate();
            entries.put("lr", new Node.Entry("lr", lr.location(), lr));
            params.forEach((k, v) -> entries.put(k, new Node.Entry(k, v.location(), v)));
            return new Node.MapNode(at, entries);
        }

        private InputException noWarmup(String scheduler, Location at) {
            return new InputException(at, "lr_scheduler \"" + scheduler + "\" takes no warmup, and sd-scripts "
                    + "refuses one (\"" + scheduler + " does not require `num_warmup_steps`. Set None or 0.\"); "
                    + "remove lr_warmup_steps or choose constant_with_warmup");
        }

        // ---- the numbers -------------------------------------------------------------------------------------

        /** The UNet group's lr: unet_lr when set (networks' prepare_optimizer_params), else learning_rate. */
        private Node.ScalarNode learningRate() {
            Node.Entry unet = args.get("unet_lr");
            if (unet != null && !(unet.value() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL)) {
                return real(unet);
            }
            Node.Entry lr = args.get("learning_rate");
            if (lr == null) {
                defaults.add("learning_rate: " + DEFAULT_LR + " (sd-scripts' default)");
                return number(file, DEFAULT_LR);
            }
            return real(lr);
        }

        private record Length(long steps, Location at) {}

        private Length maxTrainSteps() {
            Node.Entry epochs = args.get("max_train_epochs");
            if (epochs != null) {
                long e = integer(epochs, 1);
                long accumulation = Optional.ofNullable(args.get("gradient_accumulation_steps"))
                        .map(g -> integer(g, 1)).orElse(1L);
                long batches = context.facts().require(RunFacts.BATCHES_PER_EPOCH, epochs.value().location(),
                        "max_train_epochs");
                long perEpoch = (long) Math.ceil((double) batches / accumulation);
                long steps = Math.multiplyExact(e, perEpoch);
                fact("batches per epoch", Long.toString(batches), "--run batches_per_epoch (\"num batches per "
                        + "epoch\" as sd-scripts prints it, per process)");
                fact("max_train_steps", Long.toString(steps), "max_train_epochs x ceil(batches per epoch / "
                        + "gradient_accumulation_steps) = " + e + " x ceil(" + batches + " / " + accumulation + ")"
                        + (args.containsKey("max_train_steps") ? "; overrides max_train_steps" : ""));
                return new Length(steps, epochs.value().location());
            }
            Node.Entry steps = args.get("max_train_steps");
            if (steps == null) {
                defaults.add("max_train_steps: " + DEFAULT_MAX_TRAIN_STEPS + " (sd-scripts' default)");
                return new Length(DEFAULT_MAX_TRAIN_STEPS, file);
            }
            return new Length(integer(steps, 1), steps.value().location());
        }

        private record Steps(long value, Location at) {}

        /** lr_warmup_steps / lr_decay_steps: an integer as is, a float a ratio of num_training_steps. */
        private Steps steps(String key, long total) {
            Node.Entry e = args.get(key);
            if (e == null) {
                return new Steps(0, file);
            }
            Node.ScalarNode s = scalarNumber(e, "a whole number of scheduler steps, or a float ratio of "
                    + "num_training_steps");
            Location at = s.location();
            if (!isFloat(s.text())) {
                long n = integer(e, 0);
                fact(key, Long.toString(n), "an integer: scheduler steps, not multiplied by num_processes");
                return new Steps(n, at);
            }
            double ratio = Numbers.parseReal(s.text()).orElseThrow(() -> new InputException(at, key
                    + " must be finite, not " + s.text()));
            // Python's int(): toward zero
            double product = ratio * total;
            long n = (long) product;
            String how = "int(" + s.text() + " x " + total + "): a float is a ratio of num_training_steps";
            if (ratio >= 1) {
                how += ", even " + s.text() + " (write " + (long) ratio + " for " + (long) ratio + " steps)";
            }
            fact(key, Long.toString(n), how);
            return new Steps(n, at);
        }

        private Node halfCycles() {
            Node.ScalarNode cycles = numberOr("lr_scheduler_num_cycles", "1");
            double half = Numbers.parseReal(cycles.text()).orElseThrow() / 2;
            String text = repr(half);
            fact("num_cycles", text, "lr_scheduler_num_cycles / 2 = " + cycles.text() + " / 2 (sd-scripts halves it "
                    + "for cosine_with_min_lr and warmup_stable_decay)");
            return number(cycles.location(), text);
        }

        private Optional<Node> optionalNumber(String key) {
            Node.Entry e = args.get(key);
            if (e == null || e.value() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL) {
                return Optional.empty();
            }
            return Optional.of(scalarNumber(e, "a number"));
        }

        private Node.ScalarNode numberOr(String key, String fallback) {
            Node.Entry e = args.get(key);
            if (e == null) {
                defaults.add(key + ": " + fallback + " (sd-scripts' default)");
                return number(file, fallback);
            }
            return scalarNumber(e, "a number");
        }

        private Node.ScalarNode real(Node.Entry e) {
            return scalarNumber(e, "a number");
        }

        private Node.ScalarNode scalarNumber(Node.Entry e, String what) {
            if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NUMBER) {
                return s;
            }
            String hint = e.value() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING
                    ? " (TOML keeps quoted values as text and sd-scripts passes them on as they are: write it "
                    + "without quotes)" : "";
            throw new InputException(e.value().location(), e.key() + " must be " + what + ", not "
                    + e.value().describe() + hint);
        }

        private long integer(Node.Entry e, long min) {
            Node.ScalarNode s = scalarNumber(e, "a whole number");
            OptionalLong n = Numbers.parseInteger(s.text());
            if (isFloat(s.text()) || n.isEmpty()) {
                throw new InputException(s.location(), e.key() + " must be a whole number, not " + s.text()
                        + " (a TOML float stays a float, and sd-scripts counts steps with it: 'float' object "
                        + "cannot be interpreted as an integer); write it without the point");
            }
            if (n.getAsLong() < min) {
                throw new InputException(s.location(), e.key() + " must be >= " + min + ", not " + s.text());
            }
            return n.getAsLong();
        }

        private String text(Node.Entry e) {
            if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING) {
                return s.text();
            }
            throw new InputException(e.value().location(), e.key() + " must be a quoted name, not "
                    + e.value().describe());
        }

        /** lr_scheduler_args: "key=value" strings, each value read as Python's ast.literal_eval reads it. */
        private Map<String, Node> schedulerArgs() {
            Node.Entry e = args.get("lr_scheduler_args");
            Map<String, Node> out = new LinkedHashMap<>();
            if (e == null || e.value() instanceof Node.ScalarNode s
                    && (s.kind() == Node.ScalarKind.NULL || s.text().isEmpty())) {
                return out; // sd-scripts skips an empty value (len(...) > 0)
            }
            if (!(e.value() instanceof Node.ListNode list)) {
                throw new InputException(e.value().location(), "lr_scheduler_args must be a list of \"key=value\" "
                        + "texts, e.g. [\"T_max=100\"], not " + e.value().describe());
            }
            for (Node item : list.items()) {
                if (!(item instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
                    throw new InputException(item.location(), "each lr_scheduler_args item is a \"key=value\" text, "
                            + "not " + item.describe());
                }
                String[] parts = s.text().split("=", -1);
                if (parts.length != 2) {
                    throw new InputException(s.location(), "lr_scheduler_args item '" + s.text() + "' must hold "
                            + "exactly one '=' (sd-scripts: " + (parts.length < 2 ? "not enough values to unpack "
                            + "(expected 2, got 1)" : "too many values to unpack (expected 2)") + ")");
                }
                if (parts[0].equals("lr")) {
                    throw new InputException(s.location(), "lr_scheduler_args cannot set lr: the scheduler takes it "
                            + "from the optimizer (TypeError: unexpected keyword argument 'lr'); set learning_rate");
                }
                out.put(parts[0], PythonLiteral.read(parts[1], s.location()));
            }
            return out;
        }

        private void refuseOptimizerSchedules() {
            Node.Entry optimizer = args.get("optimizer_type");
            if (optimizer != null && optimizer.value() instanceof Node.ScalarNode s
                    && s.text().toLowerCase(Locale.ROOT).endsWith("schedulefree")) {
                throw new InputException(s.location(), "optimizer_type \"" + s.text() + "\" is schedule-free: "
                        + "sd-scripts then uses no scheduler (get_dummy_scheduler) and the optimizer computes the "
                        + "learning rate from its own state; lrsched cannot reproduce it");
            }
        }

        private void fact(String name, String value, String how) {
            facts.add(new Imported.Fact(name, value, how));
        }
    }

    private static boolean isFloat(String text) {
        return text.chars().anyMatch(c -> ".eEnN".indexOf(c) >= 0);
    }

    private static Node.ScalarNode number(Location at, String text) {
        return new Node.ScalarNode(at, text, Node.ScalarKind.NUMBER);
    }

    /** Python's repr of a float that is a small multiple of 0.5 or any finite double (enough for num_cycles). */
    private static String repr(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return (long) value + ".0";
        }
        return BigDecimal.valueOf(value).toString();
    }

    /** The values ast.literal_eval reads that a schedule parameter can hold: numbers, texts, booleans, lists. */
    static final class PythonLiteral {
        private PythonLiteral() {}

        static Node read(String text, Location at) {
            String t = text.strip();
            if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.endsWith(t.substring(0, 1))) {
                return new Node.ScalarNode(at, t.substring(1, t.length() - 1), Node.ScalarKind.STRING);
            }
            if (t.equals("True") || t.equals("False")) {
                return new Node.ScalarNode(at, t.toLowerCase(Locale.ROOT), Node.ScalarKind.BOOLEAN);
            }
            if (t.equals("None")) {
                return new Node.ScalarNode(at, "null", Node.ScalarKind.NULL);
            }
            if ((t.startsWith("[") && t.endsWith("]")) || (t.startsWith("(") && t.endsWith(")"))) {
                String body = t.substring(1, t.length() - 1).strip();
                List<Node> items = new ArrayList<>();
                if (!body.isEmpty()) {
                    for (String item : body.split(",", -1)) {
                        if (item.isBlank()) {
                            continue; // a trailing comma
                        }
                        items.add(read(item, at));
                    }
                }
                return new Node.ListNode(at, items);
            }
            if (t.matches("[+-]?(\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)([eE][+-]?\\d+)?")) {
                return new Node.ScalarNode(at, t.replace("_", ""), Node.ScalarKind.NUMBER);
            }
            throw new InputException(at, "'" + text + "' is not a Python literal (sd-scripts reads each "
                    + "lr_scheduler_args value with ast.literal_eval: quote texts, e.g. name='value')");
        }
    }
}
