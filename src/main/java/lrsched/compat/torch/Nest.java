package lrsched.compat.torch;

import java.util.ArrayList;
import java.util.List;

import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Replay;

/**
 * SequentialLR and ChainedScheduler nested in each other, computed by replaying torch's own objects step by step:
 * every scheduler's {@code last_epoch} and the one shared lr, built in the order the spec lists them (children before
 * their parent), then stepped from the outermost. Used only when a composite has a composite child; flat ones are
 * {@link Sequential} and {@link Chained}.
 *
 * <p>What torch does with a nest (torch/optim/lr_scheduler.py): a SequentialLR's constructor resets the lr to
 * {@code initial_lr}, undoes one step and re-runs the first child's first step; from {@link TorchChange#RECURSIVE_UNDO}
 * on it undoes every scheduler below it ({@code recursive_undo}, leaves only), before it its direct children's
 * {@code last_epoch} (a ChainedScheduler has none: such a release fails when built, which {@link TorchTypes}
 * reports). ChainedScheduler steps every child. At a milestone SequentialLR starts the next child with
 * {@code step(0)}, or {@code _update_lr(0)} from {@link TorchChange#UPDATE_LR_AT_MILESTONE} on, which a composite
 * child cannot take (NotImplementedError from {@code LRScheduler.get_lr}; before: TypeError, its {@code step()} takes
 * no epoch): the step is refused. No closed form: steps past {@link Replay#LIMIT} are refused.
 */
final class Nest implements Composite {
    /** A torch scheduler object: a leaf, or a composite of nodes. */
    sealed interface Node permits Leaf, Seq, Chain {}

    /** One scheduler with a rule. */
    record Leaf(Rule rule) implements Node {}

    /** A SequentialLR. */
    record Seq(List<Node> children, long[] milestones) implements Node {}

    /** A ChainedScheduler. */
    record Chain(List<Node> children) implements Node {}

    /** A SequentialLR of {@code children}: {@link Sequential} when they are all leaves, else a nest. */
    static Schedule sequential(List<Node> children, long[] milestones, double optimizerLr, TorchRelease release) {
        Seq node = new Seq(List.copyOf(children), milestones.clone());
        List<Rule> rules = rules(children);
        return rules != null ? new Sequential(rules, milestones, optimizerLr, release)
                : new Nest(node, "SequentialLR", optimizerLr, release);
    }

    /** A ChainedScheduler of {@code children}: {@link Chained} when they are all leaves, else a nest. */
    static Schedule chained(List<Node> children, double optimizerLr, TorchRelease release) {
        Chain node = new Chain(List.copyOf(children));
        List<Rule> rules = rules(children);
        return rules != null ? new Chained(rules, optimizerLr) : new Nest(node, "ChainedScheduler", optimizerLr,
                release);
    }

    /** The leaves' rules, or null when a child is a composite. */
    private static List<Rule> rules(List<Node> children) {
        List<Rule> rules = new ArrayList<>();
        for (Node child : children) {
            if (!(child instanceof Leaf leaf)) {
                return null;
            }
            rules.add(leaf.rule());
        }
        return rules;
    }

    private final Node root;
    private final String type;
    private final TorchRelease release;
    // the nodes, numbered depth-first; state = [lr, last_epoch of node 0, of node 1, ...]
    private final List<Node> nodes = new ArrayList<>();
    private final List<int[]> children = new ArrayList<>();
    private final double[] bases;
    private final Replay replay;
    private double initialLr = Double.NaN;

    /**
     * @param root    the outermost composite
     * @param type    its torch class name, for messages
     * @param release the torch release whose objects to replay
     */
    Nest(Node root, String type, double optimizerLr, TorchRelease release) {
        this.root = root;
        this.type = type;
        this.release = release;
        number(root);
        this.bases = new double[nodes.size()];
        double[] state = new double[1 + nodes.size()];
        state[0] = optimizerLr;
        build(state, 0);
        this.replay = new Replay("torch." + type + " with a nested SequentialLR or ChainedScheduler", state,
                (s, t) -> step(s, 0, false, t));
    }

    private int number(Node node) {
        int id = nodes.size();
        nodes.add(node);
        children.add(null);
        List<Node> kids = node instanceof Seq q ? q.children() : node instanceof Chain c ? c.children() : List.of();
        int[] ids = new int[kids.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = number(kids.get(i));
        }
        children.set(id, ids);
        return id;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public double at(long t) {
        return Group.finite(type, t, replay.at(t));
    }

    /** The constructors, children first: what each leaves in the group and in its {@code last_epoch}. */
    private void build(double[] s, int id) {
        Node node = nodes.get(id);
        for (int child : children.get(id)) {
            build(s, child);
        }
        if (node instanceof Leaf leaf) {
            Rule rule = leaf.rule();
            s[0] = rule.groupLrBeforeInit(s[0]);
            if (!Double.isNaN(rule.initialLrOverride())) {
                initialLr = rule.initialLrOverride();
            } else if (Double.isNaN(initialLr)) {
                initialLr = s[0];
            }
            bases[id] = initialLr;
            s[1 + id] = 0;
            s[0] = rule.constructorStep(s[0], initialLr);
        } else if (node instanceof Seq) {
            s[1 + id] = 0;
            s[0] = initialLr;
            for (int child : children.get(id)) {
                undo(s, child);
            }
            int first = children.get(id)[Sequential.startingChild(((Seq) node).milestones(), release)];
            step(s, first, nodes.get(first) instanceof Leaf, 0); // _initial_step(): a leaf in its initial mode
        }
    }

    /** SequentialLR's undo of one child: every leaf below it ({@code recursive_undo}), or its own last_epoch. */
    private void undo(double[] s, int id) {
        if (release.has(TorchChange.RECURSIVE_UNDO) && !(nodes.get(id) instanceof Leaf)) {
            for (int child : children.get(id)) {
                undo(s, child);
            }
        } else {
            s[1 + id] -= 1;
        }
    }

    /**
     * {@code step()} of node {@code id} at outer step {@code t}; {@code initial}: inside the node's own
     * {@code _initial_step} (its {@code _is_initial}, which only leaves read, from {@link TorchChange#INITIAL_MODE}
     * on).
     */
    private void step(double[] s, int id, boolean initial, long t) {
        Node node = nodes.get(id);
        int[] kids = children.get(id);
        if (node instanceof Leaf leaf) {
            Rule rule = leaf.rule();
            long e = (long) s[1 + id] + 1;
            s[1 + id] = e;
            if (rule.failure().reachedBy(e)) {
                throw Group.failure(type, rule, t, rule.failure().message());
            }
            s[0] = initial ? rule.update(s[0], e, bases[id]) : rule.step(release, s[0], e, bases[id]);
        } else if (node instanceof Seq seq) {
            long e = (long) s[1 + id] + 1;
            s[1 + id] = e;
            int idx = Sequential.bisectRight(seq.milestones(), e);
            if (idx > 0 && seq.milestones()[idx - 1] == e) {
                enter(s, kids[idx], t);
            } else {
                step(s, kids[idx], false, t);
            }
        } else {
            for (int child : kids) {
                step(s, child, false, t);
            }
        }
    }

    /** SequentialLR starting child {@code id} at its milestone: {@code step(0)} or {@code _update_lr(0)}. */
    private void enter(double[] s, int id, long t) {
        if (!(nodes.get(id) instanceof Leaf leaf)) {
            String child = nodes.get(id) instanceof Seq ? "SequentialLR" : "ChainedScheduler";
            throw new StepOutOfRangeException(t, "torch." + type + " raises at step " + t + ": a nested " + child
                    + " cannot be started at a milestone (" + (release.has(TorchChange.UPDATE_LR_AT_MILESTONE)
                    ? "NotImplementedError: _update_lr(0) calls LRScheduler.get_lr"
                    : "TypeError: " + child + ".step() takes 1 positional argument but 2 were given") + ")");
        }
        Rule rule = leaf.rule();
        Rule.Failure f = rule.enterFailure();
        if (f != Rule.Failure.NONE) {
            throw Group.failure(type, rule, t, f.message());
        }
        s[1 + id] = 0;
        s[0] = rule.enter(release, s[0], bases[id]);
    }
}
