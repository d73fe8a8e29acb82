package lrsched.input.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.core.Suggest;
import lrsched.input.document.Document;
import lrsched.registry.Registry;
import lrsched.registry.RunOptions;
import lrsched.registry.SpecKeys;
import lrsched.registry.TrainingRun;
import lrsched.registry.TypeDef;

/**
 * lrsched's own spec: a mapping with {@code schedules:} (and {@code steps:}, a {@code training:} block, run options
 * for every schedule of the file; {@link SpecKeys}), or a single schedule mapping with {@code type:}. The README's
 * "The spec" section is its manual.
 */
public final class LrschedFormat implements ConfigFormat {

    @Override
    public String name() {
        return "lrsched";
    }

    @Override
    public String title() {
        return "lrsched spec";
    }

    /** A mapping with a {@code schedules:} or {@code type:} key. */
    @Override
    public boolean recognizes(Document document) {
        return document.mapping().map(m -> m.get(SpecKeys.SCHEDULES.name()).isPresent()
                || m.get("type").isPresent()).orElse(false);
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Registry registry = context.registry();
        Node root = document.root().orElseThrow(() -> new InputException(Location.of(document.source()),
                document.isShellScript() ? "is a shell script no format reads; lrsched reads Megatron-LM launch "
                        + "scripts that run pretrain_*.py or torchrun with --lr, --train-iters or --train-samples"
                : document.extension().equals("py") ? "is a Python file no format reads; lrsched reads OpenMMLab "
                        + "configs (a top-level param_scheduler, optim_wrapper, train_cfg or _base_); write other "
                        + "schedules as an lrsched spec (a lambda's text works as a formula)"
                : "the spec is empty; write e.g. steps: 1000 and schedules: [...]"));
        List<Node.MapNode> schedules = new ArrayList<>();
        List<Imported.Fact> facts = new ArrayList<>();
        long[] updatesPerEpoch = {0};
        OptionalLong steps = topLevel(root, schedules, facts, updatesPerEpoch, registry);
        return new Imported(schedules, steps, facts, List.of(), List.of()).withUpdatesPerEpoch(updatesPerEpoch[0]);
    }

    /**
     * Collects the schedule mappings of one file into {@code out}, the training block's derived numbers into
     * {@code facts} and its updates per epoch into {@code updatesPerEpoch[0]}, and returns its {@code steps:} if
     * present.
     */
    private static OptionalLong topLevel(Node root, List<Node.MapNode> out, List<Imported.Fact> facts,
                                         long[] updatesPerEpoch, Registry registry) {
        if (!(root instanceof Node.MapNode map)) {
            throw new InputException(root.location(), "a spec is a mapping with 'schedules:' (or a single "
                    + "schedule mapping with 'type:'), not " + root.describe());
        }
        OptionalLong steps = OptionalLong.empty();
        Optional<Node> stepsNode = map.get(SpecKeys.STEPS.name());
        if (map.get(SpecKeys.SCHEDULES.name()).isEmpty() && map.get("type").isPresent()) {
            // a file holding a single schedule; 'steps' is the run length unless the type declares it
            Node.MapNode single = map;
            TypeDef type = registry.typeOf(map, "schedule");
            if (stepsNode.isPresent() && type.param(SpecKeys.STEPS.name()).isEmpty()) {
                steps = OptionalLong.of(readSteps(stepsNode.get()));
                single = map.without(SpecKeys.STEPS.name());
            }
            out.add(single);
            return steps;
        }
        for (Node.Entry e : map.entries().values()) {
            if (!SpecKeys.all().contains(e.key())) {
                throw new InputException(e.keyLocation(), "unknown top-level key '" + e.key() + "'"
                        + Suggest.didYouMean(e.key(), SpecKeys.all()) + "; a spec has " + String.join(" and ",
                        SpecKeys.all()) + " (schedule parameters go inside each entry of schedules)");
            }
        }
        if (stepsNode.isPresent()) {
            steps = OptionalLong.of(readSteps(stepsNode.get()));
        }
        int firstOfFile = out.size();
        Node schedules = map.get(SpecKeys.SCHEDULES.name()).orElseThrow(() -> new InputException(map.location(),
                "missing 'schedules:'; add a list of schedules, e.g. schedules: [{type: cosine, lr: 1e-3, "
                        + "total: 1000}]"));
        if (!(schedules instanceof Node.ListNode list)) {
            throw new InputException(schedules.location(), "'schedules' must be a list of schedule mappings "
                    + "(each line starting with '- '), not " + schedules.describe());
        }
        if (list.items().isEmpty()) {
            throw new InputException(list.location(), "'schedules' is empty; add at least one schedule");
        }
        for (Node item : list.items()) {
            if (!(item instanceof Node.MapNode m)) {
                throw new InputException(item.location(), "each entry of 'schedules' must be a mapping with "
                        + "'type:' and parameters, not " + item.describe());
            }
            out.add(m);
        }
        // run options written once at the top apply to every schedule of the file that does not set its own
        for (Node.Entry e : map.entries().values()) {
            if (RunOptions.PARAMS.stream().anyMatch(p -> p.name().equals(e.key()))) {
                for (int i = firstOfFile; i < out.size(); i++) {
                    if (out.get(i).get(e.key()).isEmpty()) {
                        out.set(i, out.get(i).with(e.key(), e.keyLocation(), e.value()));
                    }
                }
            }
        }
        Optional<Node> training = map.get(SpecKeys.TRAINING.name());
        if (training.isPresent()) {
            if (!(training.get() instanceof Node.MapNode block)) {
                throw new InputException(training.get().location(), "'training' must be a mapping (dataset_size, "
                        + "per_device_batch_size, num_train_epochs, ...), not " + training.get().describe());
            }
            TrainingRun.Sizes sizes = TrainingRun.of(block);
            updatesPerEpoch[0] = sizes.updatesPerEpoch();
            sizes.derived().forEach(d -> facts.add(new Imported.Fact(d.name(), Long.toString(d.value()), d.how())));
            for (int i = firstOfFile; i < out.size(); i++) {
                out.set(i, fill(out.get(i), TrainingRun.FILLS.get(0), sizes.numTrainingSteps(), block.location(),
                        registry));
                out.set(i, fill(out.get(i), TrainingRun.FILLS.get(1), sizes.numWarmupSteps(), block.location(),
                        registry));
            }
            if (steps.isEmpty()) {
                steps = OptionalLong.of(sizes.numTrainingSteps());
            }
        }
        return steps;
    }

    /**
     * The entries of the spec's {@code versions:} mapping ({@code transformers: "4.45"}); none when the document is
     * not a spec with one. Read before any file is imported, since the versions apply to every file and log of the
     * command.
     */
    public static List<Node.Entry> versions(Document document) {
        Optional<Node> node = document.mapping().flatMap(m -> m.get(SpecKeys.SCHEDULES.name()).isPresent()
                ? m.get(SpecKeys.VERSIONS.name()) : Optional.empty());
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof Node.MapNode map)) {
            throw new InputException(node.get().location(), "'versions' must be a mapping of library to release, "
                    + "e.g. versions: {transformers: \"4.45\"}, not " + node.get().describe());
        }
        return List.copyOf(map.entries().values());
    }

    /** Sets {@code key} from the training run where the schedule's type has it and the schedule leaves it out. */
    private static Node.MapNode fill(Node.MapNode schedule, String key, long value, Location at,
                                     Registry registry) {
        TypeDef type = registry.typeOf(schedule, "schedule");
        if (type.param(key).isEmpty() || schedule.get(key).isPresent()) {
            return schedule;
        }
        return schedule.with(key, at, new Node.ScalarNode(at, Long.toString(value), Node.ScalarKind.NUMBER));
    }

    private static long readSteps(Node node) {
        if (node instanceof Node.ScalarNode s && s.kind() != Node.ScalarKind.NULL) {
            OptionalLong n = Numbers.parseInteger(s.text());
            if (n.isPresent() && n.getAsLong() >= 1) {
                return n.getAsLong();
            }
        }
        throw new InputException(node.location(), "'steps' must be a whole number >= 1 (the number of steps to "
                + "evaluate), not " + node.describe());
    }

}
