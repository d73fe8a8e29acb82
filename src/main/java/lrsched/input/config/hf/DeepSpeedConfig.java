package lrsched.input.config.hf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.input.document.Document;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;

/**
 * A DeepSpeed config (ds_config.json): its {@code optimizer} and {@code scheduler} blocks, with the "auto" values the
 * Hugging Face Trainer fills in ({@code HfTrainerDeepSpeedConfig.trainer_config_process} and
 * {@code trainer_config_finalize} in huggingface/transformers src/transformers/integrations/deepspeed.py, the same at
 * 02348331baea70aaedce3b76c18481b2b441fe2d and 3a80c166389f65756701d6afe22bc6ec954603da: of a scheduler only
 * warmup_min_lr, warmup_max_lr, total_num_steps and warmup_num_steps) and the mismatches it refuses. The DeepSpeed
 * engine builds {@code lr_schedules.TYPE(optimizer, **params)} (or a torch scheduler of that name) and steps it after
 * every optimizer update.
 */
final class DeepSpeedConfig {
    /** lr_schedules.VALID_LR_SCHEDULES, less LRRangeTest (not a schedule of the run). */
    static final List<String> SCHEDULERS = List.of("WarmupLR", "WarmupDecayLR", "WarmupCosineLR", "OneCycle");
    private static final String AUTO = "auto";

    final Document document;
    final Node.MapNode root;
    private final Map<String, Node> filled = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private Location firstMismatch;
    /** Whether the Trainer filled this config (linked from TrainingArguments), not DeepSpeed reading it alone. */
    private boolean linked;

    private DeepSpeedConfig(Document document, Node.MapNode root) {
        this.document = document;
        this.root = root;
    }

    static DeepSpeedConfig read(Document document) {
        Node.MapNode root = document.mapping().orElseThrow(() -> new InputException(Location.of(document.source()),
                "a DeepSpeed config is a JSON object ({\"scheduler\": {\"type\": ..., \"params\": {...}}, ...)"));
        return new DeepSpeedConfig(document, root);
    }

    /** The node at a dotted key ({@code scheduler.params.lr}), if present and not null. */
    Optional<Node> node(String dotted) {
        Node at = root;
        for (String part : dotted.split("\\.")) {
            if (!(at instanceof Node.MapNode m) || m.get(part).isEmpty()) {
                return Optional.empty();
            }
            at = m.get(part).get();
        }
        return at instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL ? Optional.empty()
                : Optional.of(at);
    }

    boolean isAuto(String dotted) {
        return node(dotted).filter(n -> n instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING
                && s.text().equals(AUTO)).isPresent();
    }

    boolean hasScheduler() {
        return node("scheduler").isPresent();
    }

    boolean hasOptimizer() {
        return node("optimizer").isPresent();
    }

    /**
     * HfTrainerDeepSpeedConfig.fill_match: "auto" becomes the Trainer's value (located at the Trainer's key); another
     * value that differs is a mismatch when {@code mustMatch}.
     */
    void fill(String dotted, double hfValue, String hfKey, Location hfAt, boolean mustMatch) {
        linked = true;
        Optional<Node> n = node(dotted);
        if (n.isEmpty()) {
            return;
        }
        String text = hfValue == Math.rint(hfValue) && Math.abs(hfValue) < 1e15 ? Long.toString((long) hfValue)
                : lrsched.core.DoubleFormat.formatCompact(hfValue);
        if (isAuto(dotted)) {
            filled.put(dotted, new Node.ScalarNode(hfAt, text, Node.ScalarKind.NUMBER));
            return;
        }
        if (!mustMatch) {
            return;
        }
        double ds = number(dotted);
        if (ds != hfValue) {
            mismatches.add("- ds " + dotted + "=" + ((Node.ScalarNode) n.get()).text() + " vs hf " + hfKey + "="
                    + pythonRepr(hfValue));
            if (firstMismatch == null) {
                firstMismatch = n.get().location();
            }
        }
    }

    /** fill_match for a boolean ({@code fp16.enabled}): "auto" is filled, a different true/false is a mismatch. */
    void fillBool(String dotted, boolean hfValue, String hfKey) {
        Optional<Node> n = node(dotted);
        if (n.isEmpty() || isAuto(dotted)) {
            return;
        }
        if (n.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.BOOLEAN
                && Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)) != hfValue) {
            mismatches.add("- ds " + dotted + "=" + (hfValue ? "False" : "True") + " vs hf " + hfKey + "="
                    + (hfValue ? "True" : "False"));
            if (firstMismatch == null) {
                firstMismatch = n.get().location();
            }
        }
    }

    /** fill_match for optimizer.params.betas against [adam_beta1, adam_beta2]. */
    void fillBetas(double beta1, double beta2) {
        Optional<Node> n = node("optimizer.params.betas");
        if (n.isEmpty() || isAuto("optimizer.params.betas")) {
            return;
        }
        if (n.get() instanceof Node.ListNode l && l.items().size() == 2 && l.items().stream().allMatch(i ->
                i instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NUMBER)) {
            double b1 = Numbers.parseReal(((Node.ScalarNode) l.items().get(0)).text()).orElseThrow();
            double b2 = Numbers.parseReal(((Node.ScalarNode) l.items().get(1)).text()).orElseThrow();
            if (b1 == beta1 && b2 == beta2) {
                return;
            }
        }
        mismatches.add("- ds optimizer.params.betas vs hf adam_beta1+adam_beta2=[" + pythonRepr(beta1) + ", "
                + pythonRepr(beta2) + "]");
        if (firstMismatch == null) {
            firstMismatch = n.get().location();
        }
    }

    /** trainer_config_finalize's refusal, if any fill found a mismatch. */
    void checkMismatches() {
        if (!mismatches.isEmpty()) {
            throw new InputException(firstMismatch, "Please correct the following DeepSpeed config values that "
                    + "mismatch TrainingArguments values: " + String.join(" ", mismatches) + " (the Trainer raises "
                    + "this ValueError); set them to \"auto\" or to the Trainer's values");
        }
    }

    private static String pythonRepr(double v) {
        return lrsched.core.DoubleFormat.formatCompact(v);
    }

    /** The value at {@code dotted}, filled or as written; a number, or an error. */
    double number(String dotted) {
        Node n = value(dotted).orElseThrow();
        if (n instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NUMBER) {
            return Numbers.parseReal(s.text()).orElseThrow();
        }
        if (isAuto(dotted) && !filled.containsKey(dotted)) {
            throw new InputException(n.location(), dotted + (linked ? ": the Hugging Face Trainer does not fill this "
                    + "\"auto\" (of the optimizer and scheduler it fills lr, betas, eps, weight_decay, warmup_min_lr, "
                    + "warmup_max_lr, total_num_steps and warmup_num_steps); DeepSpeed would get the text 'auto'; "
                    + "give a number" : ": \"auto\" is filled in by the Hugging Face Trainer (TrainingArguments' "
                    + "deepspeed); DeepSpeed alone reads the text 'auto'; give a number"));
        }
        throw new InputException(n.location(), dotted + " takes a number, not " + n.describe());
    }

    /** The value at {@code dotted}: the filled one for an "auto". */
    Optional<Node> value(String dotted) {
        Node f = filled.get(dotted);
        return f != null ? Optional.of(f) : node(dotted);
    }

    /** The scheduler's type name as written. */
    Node.ScalarNode schedulerType() {
        Node type = node("scheduler.type").orElseThrow(() -> new InputException(node("scheduler").get().location(),
                "scheduler: missing 'type'; DeepSpeed's schedulers are " + String.join(", ", SCHEDULERS)));
        if (!(type instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
            throw new InputException(type.location(), "scheduler.type takes a name, not " + type.describe());
        }
        return s;
    }

    /**
     * The lrsched schedule the DeepSpeed engine builds from the scheduler block: {@code deepspeed.TYPE} for
     * DeepSpeed's own schedulers, {@code torch.TYPE} for a torch scheduler DeepSpeed falls back to, with the params
     * (the filled ones for "auto") and the optimizer's lr where the type takes it.
     *
     * @param optimizerLr the optimizer's lr node, if known
     */
    Node.MapNode schedule(Registry registry, Optional<Node> optimizerLr) {
        Node.ScalarNode typeNode = schedulerType();
        String name = typeNode.text();
        String lrschedType;
        if (SCHEDULERS.contains(name)) {
            lrschedType = "deepspeed." + name;
        } else if (!name.equals("LRRangeTest") && registry.find("torch." + name).isPresent()) {
            lrschedType = "torch." + name;
        } else {
            throw new InputException(typeNode.location(), "scheduler.type: " + (name.equals("LRRangeTest")
                    ? "LRRangeTest is a learning-rate range test, which lrsched does not offer"
                    : "DeepSpeed does not recognize LR scheduler " + name + lrsched.core.Suggest.didYouMean(name,
                    SCHEDULERS)) + "; DeepSpeed's schedulers are " + String.join(", ", SCHEDULERS)
                    + " (or a torch.optim.lr_scheduler class)");
        }
        TypeDef type = registry.find(lrschedType).orElseThrow();
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        entries.put("type", new Node.Entry("type", typeNode.location(), new Node.ScalarNode(typeNode.location(),
                lrschedType, Node.ScalarKind.STRING)));
        Optional<Node> params = node("scheduler.params");
        if (params.isPresent()) {
            if (!(params.get() instanceof Node.MapNode p)) {
                throw new InputException(params.get().location(), "scheduler.params takes a mapping of the "
                        + "scheduler's arguments, not " + params.get().describe());
            }
            for (Node.Entry e : p.entries().values()) {
                String dotted = "scheduler.params." + e.key();
                Node v = value(dotted).orElse(e.value());
                if (isAuto(dotted) && !filled.containsKey(dotted)) {
                    number(dotted); // the "auto" error
                }
                entries.put(e.key(), new Node.Entry(e.key(), e.keyLocation(), v));
            }
        }
        if (type.param("lr").isPresent() && !entries.containsKey("lr") && optimizerLr.isPresent()) {
            entries.put("lr", new Node.Entry("lr", optimizerLr.get().location(), optimizerLr.get()));
        }
        return new Node.MapNode(typeNode.location(), entries);
    }

    /** The optimizer's lr as the engine's optimizer gets it (optimizer.params.lr, filled), if the block has one. */
    Optional<Node> optimizerLr() {
        if (node("optimizer.params.lr").isEmpty()) {
            return Optional.empty();
        }
        number("optimizer.params.lr");
        return value("optimizer.params.lr");
    }

    /** scheduler.params.total_num_steps when it is a number (not absent, not "auto"). */
    OptionalLong totalNumSteps() {
        if (node("scheduler.params.total_num_steps").isEmpty() || isAuto("scheduler.params.total_num_steps")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) number("scheduler.params.total_num_steps"));
    }

    /** The keys of the config, as written (for the ignored list). */
    List<String> keys() {
        return new ArrayList<>(root.entries().keySet());
    }
}
