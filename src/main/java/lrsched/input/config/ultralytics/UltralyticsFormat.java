package lrsched.input.config.ultralytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.Counts;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;
import lrsched.registry.ScheduleMapping;

/**
 * ultralytics' training configuration: the args.yaml its trainer writes into the run folder
 * (runs/detect/train/args.yaml: every argument, with task, mode and model), or a hyperparameter YAML given with
 * {@code cfg=} (only some keys; the rest take ultralytics/cfg/default.yaml's values). The keys become one
 * {@code ultralytics.BaseTrainer} schedule; the batches per epoch come from {@code --run batches_per_epoch=N}, or
 * from {@code --run dataset_size=N} as the dataloader counts them. The manual is src/docs/configs/ultralytics.md.
 */
public final class UltralyticsFormat implements ConfigFormat {
    private static final String DEFAULT = "ultralytics' default.yaml";
    private static final String TYPE = "ultralytics.BaseTrainer";

    @Override
    public String name() {
        return "ultralytics";
    }

    @Override
    public String title() {
        return "ultralytics train config (args.yaml or a hyperparameter YAML)";
    }

    @Override
    public Optional<String> whereSchedulesAre() {
        return Optional.of("ultralytics configs are read directly: lrsched explain --spec args.yaml --run "
                + "batches_per_epoch=N (src/docs/configs/ultralytics.md); the type is " + TYPE);
    }

    /**
     * A YAML mapping with {@code lr0} and either ultralytics' {@code task} and {@code mode} (args.yaml) or the
     * hyperparameters {@code lrf} and {@code warmup_epochs} (a hyp YAML), and no lrsched {@code schedules:} or
     * {@code type:}.
     */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> m.get("lr0").isPresent()
                && (m.get("task").isPresent() && m.get("mode").isPresent()
                || m.get("lrf").isPresent() && m.get("warmup_epochs").isPresent()));
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Location source = Location.of(document.source());
        Node.MapNode map = document.mapping().orElseThrow(() -> new InputException(source,
                "an ultralytics config is a mapping of its arguments (lr0: 0.01, epochs: 100, ...)"));
        List<String> defaults = new ArrayList<>();
        List<Imported.Fact> facts = new ArrayList<>();
        ConfigKeys k = new ConfigKeys(map, DEFAULT, defaults);
        if (k.value("time").isPresent()) {
            throw new InputException(k.at("time"), "time: a timed run re-plans its epochs (and its schedule) from "
                    + "the measured epoch time, which a config cannot know; set time: null and epochs to the "
                    + "epochs the run trained");
        }
        long epochs = k.integer("epochs", 100);
        if (epochs == 0) {
            // BaseTrainer: self.epochs = self.args.epochs or 100
            epochs = 100;
            facts.add(new Imported.Fact("epochs", "100", "epochs 0 (the trainer's `self.args.epochs or 100`)"));
        }
        double batch = k.real("batch", 16);
        boolean compile = k.value("compile").isPresent() && !k.text("compile", "").equalsIgnoreCase("false");
        long nb = batchesPerEpoch(context, source, batch, compile, facts);

        ScheduleMapping s = new ScheduleMapping(map.location(), TYPE);
        s.put("lr0", k.realNode("lr0", 0.01));
        s.put("lrf", k.realNode("lrf", 0.01));
        s.put("cos_lr", k.at("cos_lr"), k.bool("cos_lr", false));
        s.put("epochs", k.at("epochs"), epochs);
        s.put("warmup_epochs", k.realNode("warmup_epochs", 3.0));
        s.put("warmup_bias_lr", k.realNode("warmup_bias_lr", 0.1));
        String optimizer = k.text("optimizer", "auto");
        s.put("optimizer", new Node.ScalarNode(k.at("optimizer"), optimizer, Node.ScalarKind.STRING));
        s.put("batch", k.realNode("batch", 16));
        s.put("nbs", k.integerNode("nbs", 64));
        s.put("batches_per_epoch", source, nb);
        OptionalLong images = context.facts().get(RunFacts.DATASET_SIZE);
        if (images.isPresent()) {
            s.put("dataset_size", source, images.getAsLong());
        }
        k.markRead("momentum", "warmup_momentum", "weight_decay", "task", "mode", "model", "data");
        long steps = epochs * nb;
        facts.add(new Imported.Fact("batches in the run", Long.toString(steps), Counts.of(epochs, "epoch") + " x "
                + Counts.of(nb, "batch", "batches")));
        return new Imported(List.of(s.build()), OptionalLong.of(steps), facts, defaults, k.unread())
                .withUpdatesPerEpoch(nb);
    }

    /**
     * {@code nb = len(train_loader)}: given, or from the dataset size as build_dataloader batches it (one process:
     * {@code min(batch, n)} per batch, the last batch kept unless {@code compile} sets drop_last).
     */
    private static long batchesPerEpoch(ImportContext context, Location source, double batch, boolean compile,
                                        List<Imported.Fact> facts) {
        OptionalLong given = context.facts().get(RunFacts.BATCHES_PER_EPOCH);
        if (given.isPresent()) {
            return given.getAsLong();
        }
        OptionalLong images = context.facts().get(RunFacts.DATASET_SIZE);
        if (images.isEmpty()) {
            throw new InputException(source, "the warmup and the epochs are counted in batches, which need the "
                    + "batches per epoch (len(train_loader)): add --run batches_per_epoch=N (or --run "
                    + "dataset_size=N for one process)");
        }
        if (batch < 1 || batch != Math.rint(batch)) {
            throw new InputException(source, "batch " + lrsched.core.DoubleFormat.formatCompact(batch) + " is "
                    + "AutoBatch's (the batch is picked at run time), so dataset_size cannot give the batches per "
                    + "epoch; add --run batches_per_epoch=N");
        }
        long n = images.getAsLong();
        long b = Math.min((long) batch, n);
        long nb = compile ? n / b : (n + b - 1) / b;
        if (nb < 1) {
            throw new InputException(source, "dataset_size " + n + " with batch " + b + " and compile's drop_last "
                    + "leaves no batch per epoch; check --run dataset_size");
        }
        facts.add(new Imported.Fact("batches per epoch", Long.toString(nb), (compile ? "floor(" : "ceil(") + n
                + " / " + b + ")" + (compile ? " (compile drops the last partial batch)" : "")));
        return nb;
    }
}
