package lrsched.compat.torch;

import java.util.List;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.schedule.Replay;

/**
 * torch 1.13 ChainedScheduler: every child steps, in list order, on the one shared lr (their constructors already
 * did so once each). A child whose {@code get_lr()} ignores the lr (LambdaLR, CyclicLR, OneCycleLR, warm restarts)
 * overwrites what came before it; the others multiply.
 *
 * <p>torch's stepping is replayed (bit for bit) up to {@link Replay#LIMIT}. Past it, a closed form when every child
 * after the last overwriting one multiplies (products of ratios telescope, equal up to rounding). A
 * CosineAnnealingLR in that tail has no closed form (its recursion is affine, with an additive restart one step
 * after each minimum that forgets the other children's factors): such steps are refused.
 */
final class Chained implements Composite {
    private final List<Rule> rules;
    private final double optimizerLr;
    private final Group group;
    private final int lastOverride;
    private final Replay replay;
    private final long failStep;
    private final Rule failing;

    Chained(List<Rule> rules, double optimizerLr) {
        this.rules = List.copyOf(rules);
        this.optimizerLr = optimizerLr;
        this.group = Group.build(rules, optimizerLr);
        int last = -1;
        boolean tailMultiplies = true;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof Rule.Overriding) {
                last = i;
                tailMultiplies = true;
            } else if (!(rules.get(i) instanceof Rule.Multiplier)) {
                tailMultiplies = false;
            }
        }
        this.lastOverride = last;
        this.replay = tailMultiplies ? new Replay(new double[] {group.lr()}, this::advance, this::closedForm)
                : new Replay("torch.ChainedScheduler with a CosineAnnealingLR", new double[] {group.lr()},
                        this::advance);
        long step = Long.MAX_VALUE;
        Rule first = null;
        for (Rule r : rules) {
            if (r.failure().epoch() < step) {
                step = r.failure().epoch();
                first = r;
            }
        }
        this.failStep = step;
        this.failing = first;
    }

    @Override
    public Nest.Node node() {
        return new Nest.Chain(leaves());
    }

    private List<Nest.Node> leaves() {
        return rules.stream().<Nest.Node>map(Nest.Leaf::new).toList();
    }

    @Override
    public double at(long t) {
        return Group.finite("ChainedScheduler", t, value(t));
    }

    private double value(long t) {
        if (t >= failStep) {
            throw Group.failure("ChainedScheduler", failing, failStep, failing.failure().message());
        }
        return replay.at(t);
    }

    /**
     * A last child that sets the lr outright leaves its own value at every step after the constructors' row 0: its
     * pieces. Children that all multiply, each with pieces and none moving against another ({@link
     * Rule.Multiplier#side}), move the lr one way inside their common pieces: in torch's recursion each step
     * multiplies by ratios on one side of 1, and past Replay.LIMIT the closed form multiplies monotone factors of one
     * direction, all at least 0. Otherwise (an overriding child followed by multiplying ones, whose ratios are not
     * monotone in the step; children pulling opposite ways) each step is charted.
     */
    @Override
    public Pieces pieces() {
        if (lastOverride == rules.size() - 1) {
            return Pieces.at(1).and(rules.get(lastOverride).pieces());
        }
        Pieces pieces = Pieces.ONE;
        int side = 0;
        for (Rule r : rules) {
            pieces = pieces.and(r.runPieces());
            if (!pieces.known() || !(r instanceof Rule.Multiplier m)
                    || m.side() != 0 && side != 0 && m.side() != side) {
                return Pieces.UNKNOWN;
            }
            side = m.side() != 0 ? m.side() : side;
        }
        return pieces;
    }

    private double closedForm(long t) {
        if (t == 0) {
            return group.lr(); // what the constructors left (CyclicLR's reads base_lrs = initial_lr there)
        }
        if (lastOverride < 0) {
            double lr = optimizerLr;
            for (Rule r : rules) {
                Rule.Multiplier m = (Rule.Multiplier) r;
                lr *= m.first() * m.cumulative(t);
            }
            return lr;
        }
        double lr = rules.get(lastOverride).fresh(t, group.bases()[lastOverride]);
        for (int i = lastOverride + 1; i < rules.size(); i++) {
            Rule.Multiplier m = (Rule.Multiplier) rules.get(i);
            lr *= m.ratio(t);
        }
        return lr;
    }

    private void advance(double[] state, long t) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.failure().reachedBy(t)) {
                throw Group.failure("ChainedScheduler", r, t, r.failure().message());
            }
            state[0] = r.update(state[0], t, group.bases()[i]);
        }
    }
}
