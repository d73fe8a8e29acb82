package lrsched.input.config.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;

/**
 * A DeepSpeed config (ds_config.json) on its own: the scheduler the DeepSpeed engine builds from its
 * {@code scheduler} block, with the optimizer's lr from its {@code optimizer} block. "auto" values are the Hugging
 * Face Trainer's to fill (a TrainingArguments file with {@code deepspeed: ds_config.json} reads this file that way);
 * alone, only {@code total_num_steps: "auto"} (or none) is accepted, the run's length then given as
 * {@code --run num_updates=N}. src/docs/configs/deepspeed.md is its manual.
 *
 * <p>Recognised: a mapping (not an lrsched spec) with a {@code scheduler} or {@code optimizer} block that has a
 * {@code type}, or one of DeepSpeed's own keys {@code zero_optimization}, {@code train_micro_batch_size_per_gpu},
 * {@code train_batch_size}.
 */
public final class DeepSpeedFormat implements ConfigFormat {
    private static final Set<String> OWN_KEYS = Set.of("zero_optimization", "train_micro_batch_size_per_gpu",
            "train_batch_size");

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("DeepSpeed ds_config.json files are read directly: lrsched explain --spec "
                + "ds_config.json (src/docs/configs/deepspeed.md)");
    }

    @Override
    public String name() {
        return "deepspeed";
    }

    @Override
    public String title() {
        return "DeepSpeed config";
    }

    @Override
    public boolean recognizes(Document document) {
        // DeepSpeed reads its config as JSON only (a file or a dict): kohya's TOML has train_batch_size too
        boolean json = document.extension().equals("json") || document.text().stripLeading().startsWith("{");
        return json && HfFormat.frameworkMapping(document, m -> typed(m, "scheduler") || typed(m, "optimizer")
                || OWN_KEYS.stream().anyMatch(k -> m.get(k).isPresent()));
    }

    private static boolean typed(Node.MapNode m, String block) {
        return m.get(block).filter(b -> b instanceof Node.MapNode bm && bm.get("type").isPresent()).isPresent();
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        DeepSpeedConfig ds = DeepSpeedConfig.read(document);
        List<Imported.Fact> facts = new ArrayList<>();
        List<String> ignored = new ArrayList<>(ds.keys());
        ignored.removeAll(List.of("optimizer", "scheduler"));
        Location at = Location.of(document.source());
        Optional<Node> lr = ds.optimizerLr();
        if (!ds.hasScheduler()) {
            long n = context.facts().require(RunFacts.NUM_UPDATES, at, "the run's length (the config has no "
                    + "scheduler: the optimizer's lr holds)");
            Node lrNode = lr.orElseThrow(() -> new InputException(at, "no scheduler and no optimizer.params.lr: "
                    + "nothing gives the learning rate; add a scheduler block or the optimizer's lr"));
            Node.MapNode constant = new Node.MapNode(at, Map.of(
                    "type", new Node.Entry("type", at, new Node.ScalarNode(at, "constant", Node.ScalarKind.STRING)),
                    "lr", new Node.Entry("lr", lrNode.location(), lrNode)));
            return new Imported(List.of(constant), OptionalLong.of(n), facts, List.of(), ignored);
        }
        OptionalLong updates = context.facts().get(RunFacts.NUM_UPDATES);
        OptionalLong total = ds.totalNumSteps();
        boolean needsTotal = ds.node("scheduler.params.total_num_steps").isPresent()
                || ds.schedulerType().text().equals("WarmupDecayLR") || ds.schedulerType().text().equals(
                "WarmupCosineLR");
        if (needsTotal && total.isEmpty()) {
            long n = context.facts().require(RunFacts.NUM_UPDATES, at, "scheduler.params.total_num_steps (absent or "
                    + "\"auto\", which only the Hugging Face Trainer fills in)");
            ds.fill("scheduler.params.total_num_steps", n, "num_updates", Location.of("--run"), false);
            if (ds.node("scheduler.params.total_num_steps").isEmpty()) {
                Node.MapNode schedule = ds.schedule(context.registry(), lr);
                Location r = Location.of("--run num_updates");
                schedule = schedule.with("total_num_steps", r, new Node.ScalarNode(r, Long.toString(n),
                        Node.ScalarKind.NUMBER));
                facts.add(new Imported.Fact("total_num_steps", Long.toString(n), "--run num_updates"));
                return new Imported(List.of(schedule), OptionalLong.of(n), facts, List.of(), ignored);
            }
            facts.add(new Imported.Fact("total_num_steps", Long.toString(n), "--run num_updates (for \"auto\")"));
        }
        long steps = updates.isPresent() ? updates.getAsLong() : total.isPresent() ? total.getAsLong()
                : context.facts().require(RunFacts.NUM_UPDATES, at, "the run's length (the scheduler has no "
                + "total_num_steps)");
        return new Imported(List.of(ds.schedule(context.registry(), lr)), OptionalLong.of(steps), facts, List.of(),
                ignored);
    }
}
