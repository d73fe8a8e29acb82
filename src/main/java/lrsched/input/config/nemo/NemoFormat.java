package lrsched.input.config.nemo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Suggest;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.config.Interpolations;
import lrsched.input.document.Document;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * A NeMo training config (the Hydra YAML of NeMo's example scripts): {@code model.optim.lr} is the optimizer's LR and
 * {@code model.optim.sched} (its {@code name} and the scheduler's keyword arguments) becomes a {@code nemo.NAME}
 * schedule; {@code trainer:} sizes the run (max_steps, or the epochs as NeMo turns them into max_steps). {@code ${...}}
 * references are resolved inside the file. src/docs/configs/nemo.md is its manual; the facts are from NVIDIA/NeMo
 * 8cfedd7 (nemo/core/optim/lr_scheduler.py: prepare_lr_scheduler, compute_max_steps, AVAILABLE_SCHEDULERS;
 * nemo/core/classes/modelPT.py: setup_optimization).
 */
public final class NemoFormat implements ConfigFormat {
    static final String SCHED = "model.optim.sched";
    /** Keys prepare_lr_scheduler removes before calling the constructor. */
    private static final Set<String> POPPED = Set.of("name", "t_max_epochs", "t_accumulate_grad_batches",
            "t_limit_train_batches", "t_num_workers", "monitor", "reduce_on_plateau", "max_steps");
    /** NeMo's own schedulers that AVAILABLE_SCHEDULERS registers (nemo.NAME types). */
    private static final List<String> NEMO = List.of("WarmupPolicy", "WarmupHoldPolicy", "SquareAnnealing",
            "CosineAnnealing", "NoamAnnealing", "NoamHoldAnnealing", "WarmupHoldAnnealOneMinusSquareRoot",
            "WarmupHoldAnnealLinear", "WarmupAnnealing", "InverseSquareRootAnnealing", "T5InverseSquareRootAnnealing",
            "SquareRootAnnealing", "PolynomialDecayAnnealing", "PolynomialHoldDecayAnnealing");
    /** The torch schedulers AVAILABLE_SCHEDULERS also registers that run per step (torch.NAME types). */
    private static final List<String> TORCH = List.of("StepLR", "CyclicLR");
    private static final Map<String, String> REFUSED = Map.of(
            "ExponentialLR", "NeMo steps it once per epoch (EPOCH_SCHEDULERS); write a torch.ExponentialLR spec with "
                    + "stepping: epoch instead",
            "ReduceLROnPlateau", "it follows the validation metric; see lrsched's plateau schedules (compat/plateau.md)");
    /** Constructor arguments whose default is None: a null there is the default. */
    private static final Set<String> NONE_DEFAULT = Set.of("warmup_steps", "warmup_ratio", "hold_steps",
            "hold_ratio", "constant_steps", "constant_ratio");

    @Override
    public String name() {
        return "nemo";
    }

    @Override
    public String title() {
        return "NeMo training config (Hydra YAML: model.optim, trainer)";
    }

    /**
     * A YAML mapping without lrsched's {@code schedules:}/{@code type:} whose {@code model:} has an {@code optim:}
     * mapping with {@code sched:} or {@code lr:}, beside a {@code trainer:} mapping or {@code model.optim.sched}.
     */
    @Override
    public boolean recognizes(Document document) {
        return ConfigKeys.yamlConfig(document, m -> {
            Optional<Node.MapNode> optim = m.get("model").flatMap(NemoFormat::map).flatMap(x -> x.get("optim"))
                    .flatMap(NemoFormat::map);
            boolean sched = optim.flatMap(o -> o.get("sched")).flatMap(NemoFormat::map).isPresent();
            boolean lr = optim.flatMap(o -> o.get("lr")).isPresent();
            boolean trainer = m.get("trainer").flatMap(NemoFormat::map).isPresent();
            return sched || (lr && trainer);
        });
    }

    private static Optional<Node.MapNode> map(Node n) {
        return n instanceof Node.MapNode m ? Optional.of(m) : Optional.empty();
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        Location file = Location.of(document.source());
        Node.MapNode root = document.mapping().orElseThrow(() -> new InputException(file, "a NeMo config is a "
                + "mapping with model: (optim:) and trainer: sections"));
        Interpolations refs = new Interpolations(root, Map.of(), "NeMo", true);
        List<Imported.Fact> facts = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        Node lr = refs.at("model.optim.lr").orElseThrow(() -> new InputException(refs.at("model.optim")
                .map(Node::location).orElse(file), "model.optim has no lr; NeMo's optimizers need one (write lr: "
                + "under model.optim)"));
        Node.MapNode sched = refs.at(SCHED).map(n -> map(n).orElseThrow(() -> new InputException(n.location(),
                SCHED + " must be a mapping with name: and the scheduler's arguments, not " + n.describe())))
                .orElseThrow(() -> new InputException(lr.location(), "model.optim has no sched: NeMo then trains at "
                        + "the constant lr; add sched: with name: (e.g. CosineAnnealing) or use a constant spec"));
        Node.ScalarNode name = schedulerName(sched, refs);
        NemoRun run = NemoRun.of(root, refs, sched, file, context.facts(), facts, defaults);
        String type = (TORCH.contains(name.text()) ? "torch." : "nemo.") + name.text();
        TypeDef def = context.registry().find(type).orElseThrow();
        Map<String, Node.Entry> out = new LinkedHashMap<>();
        out.put("type", new Node.Entry("type", name.location(), new Node.ScalarNode(name.location(), type,
                Node.ScalarKind.STRING)));
        if (def.param("lr").isPresent()) {
            out.put("lr", new Node.Entry("lr", lr.location(), lr));
        }
        if (def.param("max_steps").isPresent()) {
            out.put("max_steps", new Node.Entry("max_steps", run.maxStepsAt(), new Node.ScalarNode(run.maxStepsAt(),
                    Long.toString(run.maxSteps()), Node.ScalarKind.NUMBER)));
        }
        for (Node.Entry e : sched.entries().values()) {
            if (POPPED.contains(e.key())) {
                continue;
            }
            Node value = refs.resolve(e.value(), SCHED + "." + e.key());
            if (e.key().equals("last_epoch") && value instanceof Node.ScalarNode s && s.text().equals("-1")) {
                continue; // a fresh scheduler, the default
            }
            if (value instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL && NONE_DEFAULT.contains(
                    e.key())) {
                continue;
            }
            if (e.key().equals("lr") || def.param(e.key()).isEmpty()) {
                List<String> keys = def.params().stream().map(Param::name).filter(k -> !k.equals("lr")
                        && !k.equals("max_steps")).toList();
                throw new InputException(e.keyLocation(), "NeMo's " + name.text() + " takes no '" + e.key() + "'"
                        + Suggest.didYouMean(e.key(), keys) + " (TypeError: __init__() got an unexpected keyword "
                        + "argument '" + e.key() + "'); its keys are " + String.join(", ", keys));
            }
            out.put(e.key(), new Node.Entry(e.key(), e.keyLocation(), value));
        }
        List<Imported.Fact> all = new ArrayList<>();
        for (String r : refs.resolved()) {
            int eq = r.indexOf(" = ");
            all.add(new Imported.Fact(r.substring(0, eq), r.substring(eq + 3), "OmegaConf interpolation, resolved "
                    + "against the whole config"));
        }
        all.addAll(facts);
        Imported imported = new Imported(List.of(new Node.MapNode(name.location(), out)), run.steps(), all,
                defaults, ignored(root));
        return imported.withUpdatesPerEpoch(run.updatesPerEpoch());
    }

    private static Node.ScalarNode schedulerName(Node.MapNode sched, Interpolations refs) {
        if (sched.get("args").isPresent() || sched.get("_target_").isPresent()) {
            String key = sched.get("args").isPresent() ? "args" : "_target_";
            throw new InputException(sched.get(key).get().location(), SCHED + "." + key + ": lrsched reads the flat "
                    + "form (name: plus the scheduler's arguments beside it, as NeMo's example configs write it); "
                    + "move the arguments up into sched:");
        }
        Node n = sched.get("name").map(v -> refs.resolve(v, SCHED + ".name")).orElseThrow(() -> new InputException(
                sched.location(), SCHED + " has no name; NeMo then builds no scheduler (the LR stays at lr); add "
                + "name: one of " + String.join(", ", NEMO)));
        if (!(n instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
            throw new InputException(n.location(), SCHED + ".name must be a scheduler's name, not " + n.describe());
        }
        if (NEMO.contains(s.text()) || TORCH.contains(s.text())) {
            return s;
        }
        if (REFUSED.containsKey(s.text())) {
            throw new InputException(s.location(), "NeMo's " + s.text() + " is not read: " + REFUSED.get(s.text()));
        }
        List<String> known = new ArrayList<>(NEMO);
        known.addAll(TORCH);
        throw new InputException(s.location(), "'" + s.text() + "' is not in NeMo's AVAILABLE_SCHEDULERS"
                + Suggest.didYouMean(s.text(), known) + " (ValueError: Cannot resolve scheduler); lrsched reads "
                + String.join(", ", known));
    }

    /** The sections that do not change the learning rate. */
    private static List<String> ignored(Node.MapNode root) {
        List<String> out = new ArrayList<>();
        for (Node.Entry e : root.entries().values()) {
            if (e.key().equals("model") && e.value() instanceof Node.MapNode model) {
                for (String k : model.entries().keySet()) {
                    if (k.equals("optim") && model.get(k).get() instanceof Node.MapNode optim) {
                        optim.entries().keySet().stream().filter(o -> !o.equals("lr") && !o.equals("sched"))
                                .forEach(o -> out.add("model.optim." + o));
                    } else if (!k.equals("optim") && !k.equals("train_ds")) {
                        out.add("model." + k);
                    }
                }
            } else if (!e.key().equals("trainer")) {
                out.add(e.key());
            }
        }
        return out;
    }
}
