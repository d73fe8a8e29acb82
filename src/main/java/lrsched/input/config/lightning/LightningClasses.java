package lrsched.input.config.lightning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Suggest;

/**
 * The {@code optimizer:} and {@code lr_scheduler:} sections of a LightningCLI config as jsonargparse reads them: a
 * class given by {@code class_path} (a full import path or, for torch's own classes, the bare class name) with
 * {@code init_args}, or just the class name.
 */
final class LightningClasses {
    private static final String CLASS_PATH = "class_path";
    private static final String INIT_ARGS = "init_args";
    private static final String OPTIM = "torch.optim.";
    private static final String LR_SCHEDULER_MODULE = "torch.optim.lr_scheduler.";

    /**
     * torch.optim's default lr per optimizer (torch 1.13's signatures; SGD's from torch >= 2.2, where lr became
     * optional with 1e-3).
     */
    private static final Map<String, String> DEFAULT_LR = new LinkedHashMap<>();

    static {
        String table = "Adam 0.001, AdamW 0.001, SGD 0.001, Adamax 0.002, NAdam 0.002, RAdam 0.001, RMSprop 0.01, "
                + "Adagrad 0.01, Adadelta 1.0, ASGD 0.01, Rprop 0.01, SparseAdam 0.001, LBFGS 1";
        for (String entry : table.split(", ")) {
            String[] classAndLr = entry.split(" ");
            DEFAULT_LR.put(classAndLr[0], classAndLr[1]);
        }
    }

    /** torch.optim.lr_scheduler classes lrsched computes, all as lrsched types {@code torch.<name>}. */
    static final List<String> SUPPORTED = List.of("StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
            "ExponentialLR", "PolynomialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR",
            "OneCycleLR");

    /** torch's schedulers a LightningCLI config cannot use for lrsched, with the reason. */
    private static final Map<String, String> REFUSED = new LinkedHashMap<>();

    static {
        String callable = " takes a Python callable (lr_lambda), which a config file names but lrsched cannot run";
        REFUSED.put("LambdaLR", "LambdaLR" + callable);
        REFUSED.put("MultiplicativeLR", "MultiplicativeLR" + callable);
        String nested = " takes scheduler objects built on the same optimizer, which LightningCLI cannot build "
                + "from a config (each needs the optimizer); configure them in the model's configure_optimizers()";
        REFUSED.put("SequentialLR", "SequentialLR" + nested);
        REFUSED.put("ChainedScheduler", "ChainedScheduler" + nested);
        REFUSED.put("SWALR", "SWALR is stepped by the StochasticWeightAveraging callback, not by LightningCLI");
    }

    private LightningClasses() {}

    /** The optimizer: its class and the lr it starts the schedule from. */
    record Optimizer(String className, Node lr, Location location) {}

    /** The scheduler: its class name (one of {@link #SUPPORTED}) and init_args. */
    record Scheduler(String className, Location location, Node.MapNode initArgs) {

        /**
         * The lrsched schedule: {@code torch.<class>} on the optimizer's lr, stepped once per epoch of
         * {@code updatesPerEpoch} updates. OneCycleLR declares its own {@code steps_per_epoch}, so it is stepped
         * per epoch inside a one-child {@code torch.ChainedScheduler} (which steps it exactly as it steps itself).
         */
        Node.MapNode schedule(Node lr, long updatesPerEpoch, Location derivedAt) {
            Map<String, Node> values = new LinkedHashMap<>();
            values.put("name", LightningFormat.text(location, className));
            String type = "torch." + className;
            Map<String, Node> own = new LinkedHashMap<>();
            initArgs.entries().forEach((k, e) -> own.put(k, e.value()));
            if (className.equals("OneCycleLR")) {
                own.put("type", LightningFormat.text(location, type));
                Node.MapNode child = LightningFormat.mapping(location, own);
                values.put("type", LightningFormat.text(location, "torch.ChainedScheduler"));
                values.put("lr", lr);
                values.put("schedulers", new Node.ListNode(location, List.of(child)));
            } else {
                values.put("type", LightningFormat.text(location, type));
                values.put("lr", lr);
                values.putAll(own);
            }
            values.put("stepping", LightningFormat.text(derivedAt, "epoch"));
            values.put("steps_per_epoch", LightningFormat.number(derivedAt, updatesPerEpoch));
            return LightningFormat.mapping(location, values);
        }
    }

    static Optimizer optimizer(Node node, String key, List<String> defaults) {
        Written w = written(node, key);
        String simple = simpleName(w.className);
        Optional<Node> lr = w.initArgs.get("lr").filter(n -> !LightningFormat.isNull(n));
        if (lr.isPresent()) {
            return new Optimizer(simple, lr.get(), w.location);
        }
        boolean torchClass = w.className.equals(simple) || w.className.equals(OPTIM + simple);
        String dflt = torchClass ? DEFAULT_LR.get(simple) : null;
        if (dflt == null) {
            throw new InputException(w.location, "the optimizer " + w.className + " has no init_args.lr, and its "
                    + "default lr is not one lrsched knows (it knows torch.optim's: " + String.join(", ",
                    DEFAULT_LR.keySet()) + "); add init_args: {lr: ...}");
        }
        defaults.add(key + ".init_args.lr: " + dflt + " (torch.optim." + simple + "'s default)");
        return new Optimizer(simple, new Node.ScalarNode(w.location, dflt, Node.ScalarKind.NUMBER), w.location);
    }

    static Scheduler scheduler(Node node, String key) {
        Written w = written(node, key);
        String simple = simpleName(w.className);
        boolean torchClass = w.className.equals(simple) || w.className.equals(LR_SCHEDULER_MODULE + simple);
        if (simple.equals("ReduceLROnPlateau")) {
            throw new InputException(w.location, "ReduceLROnPlateau lowers the lr when the monitored metric "
                    + "stops improving, so its curve depends on the metric values of the run, which a config does "
                    + "not have; lrsched cannot compute it (plot the logged lr with lrsched plot --overlay instead)");
        }
        if (!torchClass) {
            throw new InputException(w.location, "the scheduler class " + w.className + " is not one of torch's; "
                    + "lrsched reads the torch.optim.lr_scheduler classes " + String.join(", ", SUPPORTED));
        }
        if (REFUSED.containsKey(simple)) {
            throw new InputException(w.location, REFUSED.get(simple) + "; lrsched reads " + String.join(", ",
                    SUPPORTED));
        }
        if (!SUPPORTED.contains(simple)) {
            throw new InputException(w.location, "unknown scheduler class '" + simple + "'"
                    + Suggest.didYouMean(simple, SUPPORTED) + "; lrsched reads the torch.optim.lr_scheduler "
                    + "classes " + String.join(", ", SUPPORTED));
        }
        Optional<Node.Entry> scaleFn = Optional.ofNullable(w.initArgs.entries().get("scale_fn"))
                .filter(e -> !LightningFormat.isNull(e.value()));
        if (scaleFn.isPresent()) {
            throw new InputException(scaleFn.get().keyLocation(), "scale_fn is a Python callable, which lrsched "
                    + "cannot run; use mode: triangular, triangular2 or exp_range");
        }
        return new Scheduler(simple, w.location, w.initArgs);
    }

    /** The class a section names ({@code class_path}, or the section written as a bare class name). */
    static Optional<String> className(Node node) {
        if (node instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING) {
            return Optional.of(s.text());
        }
        if (node instanceof Node.MapNode m && m.get(CLASS_PATH).orElse(null) instanceof Node.ScalarNode s
                && s.kind() == Node.ScalarKind.STRING) {
            return Optional.of(s.text());
        }
        return Optional.empty();
    }

    private record Written(String className, Location location, Node.MapNode initArgs) {}

    private static Written written(Node node, String key) {
        if (node instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.STRING) {
            return new Written(s.text(), s.location(), new Node.MapNode(s.location(), Map.of()));
        }
        if (!(node instanceof Node.MapNode m)) {
            throw new InputException(node.location(), key + " must be a class name or a mapping with class_path "
                    + "and init_args, not " + node.describe());
        }
        for (Node.Entry e : m.entries().values()) {
            if (!e.key().equals(CLASS_PATH) && !e.key().equals(INIT_ARGS)) {
                throw new InputException(e.keyLocation(), "unknown key '" + e.key() + "' in " + key
                        + Suggest.didYouMean(e.key(), List.of(CLASS_PATH, INIT_ARGS)) + "; write the class as "
                        + "class_path and its arguments under init_args");
            }
        }
        Node path = m.get(CLASS_PATH).orElseThrow(() -> new InputException(m.location(), key + " has no "
                + "class_path; add class_path: with the class (e.g. torch.optim.AdamW)"));
        if (!(path instanceof Node.ScalarNode ps) || ps.kind() != Node.ScalarKind.STRING) {
            throw new InputException(path.location(), key + ".class_path must be a class name such as "
                    + "torch.optim.AdamW, not " + path.describe());
        }
        Node args = m.get(INIT_ARGS).orElse(new Node.MapNode(m.location(), Map.of()));
        if (LightningFormat.isNull(args)) {
            args = new Node.MapNode(args.location(), Map.of());
        }
        if (!(args instanceof Node.MapNode initArgs)) {
            throw new InputException(args.location(), key + ".init_args must be a mapping of the class's "
                    + "arguments, not " + args.describe());
        }
        return new Written(ps.text(), ps.location(), initArgs);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
