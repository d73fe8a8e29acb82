package lrsched.input.config.hf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.Counts;
import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Versions;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;
import lrsched.registry.TrainingRun;
import lrsched.registry.TypeDef;

/**
 * The Hugging Face Trainer's run as a TrainingArguments file describes it: the keys that decide the learning rate
 * (read as TrainingArguments reads them), and the scheduler {@code Trainer.create_scheduler} builds from them:
 * {@code get_scheduler(lr_scheduler_type, optimizer, num_warmup_steps=args.get_warmup_steps(N),
 * num_training_steps=N, scheduler_specific_kwargs=args.lr_scheduler_kwargs)}, N the Trainer's max_steps
 * ({@link TrainingRun#size}). Shared by the formats built on TrainingArguments (hf, llamafactory).
 */
final class TrainerRun {
    static final String TRANSFORMERS = "transformers";

    static final String LEARNING_RATE = "learning_rate";
    static final String LR_SCHEDULER_TYPE = "lr_scheduler_type";
    static final String LR_SCHEDULER_KWARGS = "lr_scheduler_kwargs";
    static final String WARMUP_STEPS = "warmup_steps";
    static final String WARMUP_RATIO = "warmup_ratio";
    static final String NUM_TRAIN_EPOCHS = "num_train_epochs";
    static final String MAX_STEPS = "max_steps";
    static final String PER_DEVICE_TRAIN_BATCH_SIZE = "per_device_train_batch_size";
    static final String GRADIENT_ACCUMULATION_STEPS = "gradient_accumulation_steps";
    static final String DATALOADER_DROP_LAST = "dataloader_drop_last";
    static final String DEEPSPEED = "deepspeed";

    /** get_scheduler's names (transformers' SchedulerType), each an lrsched type {@code hf.NAME}. */
    static final List<String> SCHEDULERS = List.of("linear", "cosine", "cosine_with_restarts", "polynomial",
            "constant", "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr",
            "cosine_warmup_with_min_lr", "warmup_stable_decay");
    /** Schedulers get_scheduler builds from the optimizer alone, and those it passes only num_warmup_steps. */
    private static final Set<String> NO_RUN = Set.of("constant");
    private static final Set<String> WARMUP_ONLY = Set.of("constant_with_warmup", "inverse_sqrt");

    final Document document;
    final PythonValues values;
    final Node.MapNode map;
    final Optional<Versions.Version> version;
    /** Keys read (the rest are ignored: they do not change the learning rate). */
    final Set<String> read = new HashSet<>();
    final List<Imported.Fact> facts = new ArrayList<>();
    final List<String> defaults = new ArrayList<>();

    double learningRate;
    Node learningRateNode;
    String scheduler;
    Location schedulerAt;
    /** lr_scheduler_kwargs, as get_scheduler receives them. */
    Node.MapNode kwargs;
    /** The warmup get_warmup_steps reads (after __post_init__), and the key it came from. */
    double warmup;
    String warmupKey;
    Location warmupAt;
    double epochs;
    long maxSteps;
    long batch;
    long accumulation;
    boolean dropLast;
    Location lengthAt;
    Optional<Node> deepspeed = Optional.empty();

    private TrainerRun(Document document, Node.MapNode map, Optional<Versions.Version> version,
                       PythonValues.Loader loader) {
        this.document = document;
        this.values = new PythonValues(document, loader);
        this.map = map;
        this.version = version;
    }

    /** The TrainingArguments keys of {@code document}, checked as TrainingArguments checks them. */
    static TrainerRun read(Document document, ImportContext context, PythonValues.Loader loader) {
        Node.MapNode map = document.mapping().orElseThrow(() -> new InputException(Location.of(document.source()),
                "a TrainingArguments file is a mapping of argument names to values (learning_rate: 5.0e-5, ...)"));
        TrainerRun run = new TrainerRun(document, map, context.versions().of(TRANSFORMERS), loader);
        run.readArguments();
        return run;
    }

    private boolean before(int major, int minor) {
        return version.map(v -> v.before(major, minor)).orElse(false);
    }

    private String versionNote() {
        return version.map(v -> " (transformers " + v + ")").orElse("");
    }

    Optional<Node> get(String key) {
        Optional<Node> n = map.get(key).filter(v -> !(v instanceof Node.ScalarNode s
                && s.kind() == Node.ScalarKind.NULL));
        n.ifPresent(v -> read.add(key));
        if (n.isEmpty() && map.get(key).isPresent()) {
            read.add(key);
        }
        return n;
    }

    private Location at(String key) {
        return map.get(key).map(Node::location).orElse(Location.of(document.source()));
    }

    private void readArguments() {
        Optional<Node> lr = get(LEARNING_RATE);
        learningRate = lr.map(n -> values.real(LEARNING_RATE, n)).orElse(5e-5);
        learningRateNode = lr.orElseGet(() -> {
            defaults.add("learning_rate: 5e-05 (TrainingArguments' default)");
            return new Node.ScalarNode(Location.of(document.source()), "5e-05", Node.ScalarKind.NUMBER);
        });
        Optional<Node> type = get(LR_SCHEDULER_TYPE);
        scheduler = type.map(n -> values.text(LR_SCHEDULER_TYPE, n)).orElseGet(() -> {
            defaults.add("lr_scheduler_type: linear (TrainingArguments' default)");
            return "linear";
        });
        schedulerAt = at(LR_SCHEDULER_TYPE);
        if (!SCHEDULERS.contains(scheduler)) {
            throw new InputException(schedulerAt, "lr_scheduler_type: '" + scheduler + "' is not a valid "
                    + "SchedulerType" + lrsched.core.Suggest.didYouMean(scheduler, SCHEDULERS) + "; the Trainer's "
                    + "schedulers are " + String.join(", ", SCHEDULERS));
        }
        kwargs = readKwargs();
        readWarmup();
        Optional<Node> epochsNode = get(NUM_TRAIN_EPOCHS);
        epochs = epochsNode.map(n -> values.real(NUM_TRAIN_EPOCHS, n)).orElse(3.0);
        maxSteps = get(MAX_STEPS).map(n -> values.integer(MAX_STEPS, n)).orElse(-1L);
        if (maxSteps == 0) {
            throw new InputException(at(MAX_STEPS), "max_steps: 0 makes a run of no updates (the Trainer counts "
                    + "epochs only when max_steps < 0); remove it or give the number of updates");
        }
        if (maxSteps < 0) {
            if (epochsNode.isEmpty()) {
                defaults.add("num_train_epochs: 3.0 (TrainingArguments' default)");
            }
            if (!(epochs > 0)) {
                throw new InputException(at(NUM_TRAIN_EPOCHS), "num_train_epochs: " + DoubleFormat.formatCompact(epochs)
                        + " gives ceil(" + DoubleFormat.formatCompact(epochs) + " x updates per epoch) = no updates; "
                        + "give a number of epochs > 0 (or max_steps)");
            }
        }
        lengthAt = maxSteps > 0 ? at(MAX_STEPS) : at(NUM_TRAIN_EPOCHS);
        Optional<Node> batchNode = get(PER_DEVICE_TRAIN_BATCH_SIZE);
        batch = batchNode.map(n -> values.integer(PER_DEVICE_TRAIN_BATCH_SIZE, n)).orElse(8L);
        if (batchNode.isEmpty() && maxSteps < 0) {
            defaults.add("per_device_train_batch_size: 8 (TrainingArguments' default)");
        }
        if (batch <= 0) {
            throw new InputException(at(PER_DEVICE_TRAIN_BATCH_SIZE), "per_device_train_batch_size: the DataLoader "
                    + "refuses it (batch_size should be a positive integer value, but got batch_size=" + batch
                    + "); give a whole number > 0");
        }
        accumulation = get(GRADIENT_ACCUMULATION_STEPS).map(n -> values.integer(GRADIENT_ACCUMULATION_STEPS, n))
                .orElse(1L);
        if (accumulation <= 0) {
            throw new InputException(at(GRADIENT_ACCUMULATION_STEPS), "gradient_accumulation_steps: the Trainer "
                    + "divides the batches by it; give a whole number > 0");
        }
        dropLast = get(DATALOADER_DROP_LAST).map(n -> values.bool(DATALOADER_DROP_LAST, n)).orElse(false);
        deepspeed = get(DEEPSPEED);
    }

    /** The DeepSpeed config the file names ({@code deepspeed: ds_config.json}, followed) or holds inline. */
    private Optional<DeepSpeedConfig> deepSpeedConfig(ImportContext context) {
        if (deepspeed.isEmpty()) {
            return Optional.empty();
        }
        Node n = deepspeed.get();
        if (n instanceof Node.MapNode m) {
            return Optional.of(DeepSpeedConfig.read(new Document(document.source(), document.file(), document.text(),
                    Optional.of(m))));
        }
        if (n instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING) {
            if (s.text().startsWith("{")) {
                return Optional.of(DeepSpeedConfig.read(new Document(document.source(), document.file(),
                        document.text(), Optional.of(values.jsonDict(DEEPSPEED, s)))));
            }
            Document followed = context.follow(document, s);
            facts.add(new Imported.Fact(DEEPSPEED, followed.source(), "the DeepSpeed config, read as the Trainer "
                    + "fills its \"auto\" values"));
            return Optional.of(DeepSpeedConfig.read(followed));
        }
        throw values.notA(DEEPSPEED, n, "the path of a DeepSpeed config (or the config as a mapping)");
    }

    /**
     * HfTrainerDeepSpeedConfig: the "auto" values filled from these arguments and the run's sizes, the explicit ones
     * checked (trainer_config_process, then trainer_config_finalize; transformers' integrations/deepspeed.py at
     * 02348331baea70aaedce3b76c18481b2b441fe2d and 3a80c166389f65756701d6afe22bc6ec954603da alike): warmup_min_lr 0
     * unchecked, warmup_max_lr the learning_rate, total_num_steps N, warmup_num_steps get_warmup_steps(N).
     */
    private void fillDeepSpeed(DeepSpeedConfig ds, ImportContext context, long devices, boolean devicesGiven,
                               TrainingRun.Sizes sizes) {
        ds.fill("train_micro_batch_size_per_gpu", batch, PER_DEVICE_TRAIN_BATCH_SIZE, at(PER_DEVICE_TRAIN_BATCH_SIZE),
                true);
        ds.fill("gradient_accumulation_steps", accumulation, GRADIENT_ACCUMULATION_STEPS,
                at(GRADIENT_ACCUMULATION_STEPS), true);
        if (devicesGiven) {
            ds.fill("train_batch_size", devices * batch * accumulation, "train_batch_size (calculated)",
                    Location.of(document.source()), true);
        }
        ds.fill("gradient_clipping", optionalReal("max_grad_norm", 1.0), "max_grad_norm", at("max_grad_norm"), true);
        ds.fill("optimizer.params.lr", learningRate, LEARNING_RATE, learningRateNode.location(), true);
        ds.fillBetas(optionalReal("adam_beta1", 0.9), optionalReal("adam_beta2", 0.999));
        ds.fill("optimizer.params.eps", optionalReal("adam_epsilon", 1e-8), "adam_epsilon", at("adam_epsilon"), true);
        ds.fill("optimizer.params.weight_decay", optionalReal("weight_decay", 0.0), "weight_decay", at("weight_decay"),
                true);
        ds.fill("scheduler.params.warmup_min_lr", 0, "", ds.node("scheduler.params.warmup_min_lr")
                .map(Node::location).orElse(Location.of(document.source())), false);
        ds.fill("scheduler.params.warmup_max_lr", learningRate, LEARNING_RATE, learningRateNode.location(), true);
        ds.fillBool("fp16.enabled", optionalBool("fp16") || optionalBool("fp16_full_eval"),
                "fp16|fp16_full_eval+fp16_backend(amp)");
        ds.fillBool("bf16.enabled", optionalBool("bf16") || optionalBool("bf16_full_eval"), "bf16|bf16_full_eval");
        ds.fill("scheduler.params.total_num_steps", sizes.numTrainingSteps(), "num_training_steps (calculated)",
                lengthAt, true);
        ds.fill("scheduler.params.warmup_num_steps", sizes.numWarmupSteps(), WARMUP_STEPS, warmupAt, true);
        ds.checkMismatches();
    }

    private double optionalReal(String key, double otherwise) {
        return get(key).map(n -> values.real(key, n)).orElse(otherwise);
    }

    private boolean optionalBool(String key) {
        return get(key).map(n -> values.bool(key, n)).orElse(false);
    }

    private Node.MapNode readKwargs() {
        Optional<Node> given = get(LR_SCHEDULER_KWARGS);
        if (given.isEmpty()) {
            return new Node.MapNode(at(LR_SCHEDULER_KWARGS), Map.of());
        }
        Node n = given.get();
        if (n instanceof Node.MapNode m) {
            for (Node.Entry e : m.entries().values()) {
                if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NUMBER
                        && !values.isPythonNumber(s)) {
                    values.real(LR_SCHEDULER_KWARGS + "." + e.key(), s); // the PyYAML-text error
                }
            }
            return m;
        }
        if (n instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING && s.text().startsWith("{")) {
            Node.MapNode parsed = values.jsonDict(LR_SCHEDULER_KWARGS, s);
            facts.add(new Imported.Fact(LR_SCHEDULER_KWARGS, s.text(), "json.loads, as TrainingArguments does"));
            return parsed;
        }
        throw values.notA(LR_SCHEDULER_KWARGS, n, "a mapping of the scheduler's arguments (or a JSON dict as text, "
                + "starting with '{')");
    }

    private void readWarmup() {
        Optional<Node> steps = get(WARMUP_STEPS);
        Optional<Node> ratio = get(WARMUP_RATIO);
        double stepsValue = steps.map(n -> values.real(WARMUP_STEPS, n)).orElse(0.0);
        if (before(5, 0)) {
            // transformers 4: warmup_steps (an int) wins when > 0; warmup_ratio, in [0, 1], otherwise
            // (get_warmup_steps in src/transformers/training_args.py at fd798335c275520af034c678b35e8167820c7c80)
            double ratioValue = ratio.map(n -> values.real(WARMUP_RATIO, n)).orElse(0.0);
            if (steps.isPresent() && stepsValue != Math.rint(stepsValue)) {
                throw new InputException(at(WARMUP_STEPS), "warmup_steps: an int before transformers 5"
                        + versionNote() + ", not " + DoubleFormat.formatCompact(stepsValue) + "; write a whole number "
                        + "of steps or use warmup_ratio");
            }
            if (stepsValue < 0) {
                throw new InputException(at(WARMUP_STEPS), "warmup_steps must be >= 0; give a number of steps");
            }
            if (ratioValue < 0 || ratioValue > 1) {
                throw new InputException(at(WARMUP_RATIO), "warmup_ratio must lie in range [0,1] (TrainingArguments' "
                        + "check); give a fraction of the run");
            }
            boolean bySteps = stepsValue > 0;
            warmup = bySteps ? stepsValue : ratioValue;
            warmupKey = bySteps ? WARMUP_STEPS : WARMUP_RATIO;
            warmupAt = bySteps ? at(WARMUP_STEPS) : at(WARMUP_RATIO);
            if (bySteps && ratioValue > 0) {
                facts.add(new Imported.Fact("warmup", "warmup_steps", "warmup_steps > 0 overrides warmup_ratio"
                        + versionNote()));
            }
            return;
        }
        if (ratio.isPresent()) {
            // transformers 5: __post_init__ copies the deprecated warmup_ratio into warmup_steps; get_warmup_steps
            // then reads warmup_steps >= 1 as int(warmup_steps) steps and below 1 as the ratio ceil(N x warmup_steps)
            // (src/transformers/training_args.py at 00349ae87eddc872ffa21a8a54f264375a0056a8)
            warmup = values.real(WARMUP_RATIO, ratio.get());
            warmupKey = WARMUP_RATIO;
            warmupAt = at(WARMUP_RATIO);
            facts.add(new Imported.Fact(WARMUP_STEPS, DoubleFormat.formatCompact(warmup), "warmup_ratio (deprecated; "
                    + "TrainingArguments copies it into warmup_steps" + (steps.isPresent() ? ", replacing warmup_steps"
                    : "") + ")"));
        } else {
            warmup = stepsValue;
            warmupKey = WARMUP_STEPS;
            warmupAt = at(WARMUP_STEPS);
        }
        if (warmup < 0) {
            throw new InputException(warmupAt, warmupKey + ": TrainingArguments refuses a negative warmup "
                    + "(warmup_steps must be an integer or a float); give a number of steps, or a ratio below 1");
        }
    }

    /** The dataset_size fact when the run's length needs it (max_steps <= 0), and num_devices if given. */
    OptionalLong datasetSize(ImportContext context) {
        if (maxSteps > 0) {
            return context.facts().get(RunFacts.DATASET_SIZE);
        }
        return OptionalLong.of(context.facts().require(RunFacts.DATASET_SIZE, Location.of(document.source()),
                "the number of updates (num_train_epochs x updates per epoch)"));
    }

    /**
     * The Trainer's sizes and scheduler for {@code datasetSize} training examples per epoch (empty only with
     * max_steps > 0), with {@code extra} scheduler arguments the caller derives from the sizes where
     * lr_scheduler_kwargs leaves them out, as an {@link Imported}.
     */
    Imported imported(ImportContext context, OptionalLong datasetSize,
                      java.util.function.Function<TrainingRun.Sizes, List<Node.Entry>> extra) {
        long devices = 1;
        boolean devicesGiven = false;
        if (datasetSize.isPresent()) {
            OptionalLong given = context.facts().get(RunFacts.NUM_DEVICES);
            devicesGiven = given.isPresent();
            if (given.isEmpty()) {
                defaults.add("num_devices: 1 (no --run num_devices)");
            }
            devices = given.orElse(1);
            long perDevice = TrainingRun.batchesPerDevice(datasetSize.getAsLong(), batch, devices, dropLast);
            if (perDevice == 0) {
                throw new InputException(Location.of(document.source()), "dataset_size " + datasetSize.getAsLong()
                        + " gives no complete batch per device (" + batch + " per batch, "
                        + Counts.of(devices, "device") + ", "
                        + "dataloader_drop_last); the Trainer would train on nothing; check --run dataset_size");
            }
        }
        TrainingRun.Sizes sizes = TrainingRun.size(new TrainingRun.Run(datasetSize, batch, accumulation, devices,
                dropLast, epochs, maxSteps, before(4, 46)), warmup, before(5, 0) && warmupKey.equals(WARMUP_RATIO),
                warmupKey);
        if (before(4, 46) && datasetSize.isPresent()) {
            facts.add(new Imported.Fact("rounding", "floor", "transformers before 4.46 floored the updates per epoch"
                    + versionNote()));
        }
        sizes.derived().forEach(d -> facts.add(new Imported.Fact(d.name(), Long.toString(d.value()), d.how())));
        Location docAt = Location.of(document.source());
        Optional<DeepSpeedConfig> ds = deepSpeedConfig(context);
        List<String> ignored = new ArrayList<>();
        if (ds.isPresent()) {
            fillDeepSpeed(ds.get(), context, devices, devicesGiven, sizes);
            if (ds.get().hasScheduler()) {
                // deepspeed_optim_sched: a scheduler in the DeepSpeed config is the one DeepSpeed builds and steps
                Node.MapNode schedule = ds.get().schedule(context.registry(), Optional.of(ds.get().optimizerLr()
                        .orElse(learningRateNode)));
                facts.add(new Imported.Fact("scheduler", ds.get().schedulerType().text(), "the DeepSpeed config's "
                        + "(it wins over lr_scheduler_type)"));
                for (String key : List.of(LR_SCHEDULER_TYPE, LR_SCHEDULER_KWARGS)) {
                    if (map.get(key).isPresent()) {
                        ignored.add(key + " (the DeepSpeed config's scheduler is used)");
                    }
                }
                map.entries().keySet().stream().filter(k -> !read.contains(k)).forEach(ignored::add);
                defaults.removeIf(d -> d.startsWith(LR_SCHEDULER_TYPE));
                return new Imported(List.of(schedule), OptionalLong.of(sizes.numTrainingSteps()), facts, defaults,
                        ignored).withUpdatesPerEpoch(sizes.updatesPerEpoch());
            }
            Optional<Node> dsLr = ds.get().optimizerLr();
            if (dsLr.isPresent()) {
                learningRateNode = dsLr.get();
            }
        }
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        String typeName = "hf." + scheduler;
        entries.put("type", new Node.Entry("type", schedulerAt, new Node.ScalarNode(schedulerAt, typeName,
                Node.ScalarKind.STRING)));
        entries.put("lr", new Node.Entry("lr", learningRateNode.location(), learningRateNode));
        TypeDef type = context.registry().find(typeName).orElseThrow();
        if (!NO_RUN.contains(scheduler)) {
            put(entries, type, TrainingRun.FILLS.get(1), sizes.numWarmupSteps(), warmupAt);
        } else if (warmup > 0) {
            ignored.add(warmupKey + " (get_scheduler builds constant from the optimizer alone; use "
                    + "constant_with_warmup)");
        }
        if (!NO_RUN.contains(scheduler) && !WARMUP_ONLY.contains(scheduler)) {
            put(entries, type, TrainingRun.FILLS.get(0), sizes.numTrainingSteps(), lengthAt);
        }
        boolean takesKwargs = !NO_RUN.contains(scheduler) && !WARMUP_ONLY.contains(scheduler);
        for (Node.Entry e : kwargs.entries().values()) {
            if (takesKwargs) {
                entries.put(e.key(), e);
            } else {
                ignored.add(LR_SCHEDULER_KWARGS + "." + e.key() + " (get_scheduler does not pass it to " + scheduler
                        + ")");
            }
        }
        for (Node.Entry e : extra.apply(sizes)) {
            entries.putIfAbsent(e.key(), e);
        }
        for (Node.Entry e : map.entries().values()) {
            if (!read.contains(e.key())) {
                ignored.add(e.key());
            }
        }
        Node.MapNode schedule = new Node.MapNode(docAt, entries);
        return new Imported(List.of(schedule), OptionalLong.of(sizes.numTrainingSteps()), facts, defaults, ignored)
                .withUpdatesPerEpoch(sizes.updatesPerEpoch());
    }

    private static void put(Map<String, Node.Entry> entries, TypeDef type, String key, long value, Location at) {
        if (type.param(key).isPresent()) {
            entries.put(key, new Node.Entry(key, at, new Node.ScalarNode(at, Long.toString(value),
                    Node.ScalarKind.NUMBER)));
        }
    }
}
