package lrsched.compat.torch;

import java.util.List;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.schedule.Replay;

/**
 * torch SequentialLR. Building it resets the lr to the group's {@code initial_lr} and re-runs the first child's first
 * step; at each milestone the next child takes over with its closed form at epoch 0 (so it restarts from its own
 * base) and then steps on with its local epoch {@code t - milestone}. MultiplicativeLR has no closed form: it keeps the
 * current lr, or multiplies it by {@code lr_lambda(0)} in a release with {@link TorchChange#INITIAL_MODE}. A child
 * stepped from -1 by {@code step()} (a milestone at or below 0) keeps the lr, or takes a real step in such a release
 * (see {@link Rule#realStep}). Each is decided by the {@link TorchRelease}.
 *
 * <p>With milestones that are non-decreasing and at least 1 each child's run is independent of the others': a child
 * whose {@code get_lr()} reads the lr is replayed from the start of its run (bit for bit; past {@link Replay#LIMIT}
 * local epochs its closed form), the others are computed directly. Otherwise (a milestone at or below 0, or
 * decreasing milestones, where torch's bisect makes children step on from each other's lr) torch's own stepping
 * of the whole SequentialLR is replayed.
 */
final class Sequential implements Composite {
    private final List<Rule> rules;
    private final long[] milestones;
    private final Group group;
    private final Replay replay;
    private final long failStep;
    private final String failMessage;
    private final TorchRelease release;
    private final Replay[] segments;

    /** @param release the torch release whose stepping to follow */
    Sequential(List<Rule> rules, long[] milestones, double optimizerLr, TorchRelease release) {
        this.release = release;
        this.rules = List.copyOf(rules);
        this.milestones = milestones.clone();
        this.group = Group.build(rules, optimizerLr);
        this.segments = new Replay[rules.size()];
        boolean closed = sortedFromOne(milestones)
                && !(rules.get(0) instanceof Overrides.Cosine && group.initialLr() != group.bases()[0]);
        this.replay = closed ? null : new Replay("torch.SequentialLR with these milestones",
                initialState(), this::advance);
        long step = Long.MAX_VALUE;
        String message = "";
        if (closed) {
            for (int k = 0; k < rules.size() && step == Long.MAX_VALUE; k++) {
                long start = k == 0 ? 0 : milestones[k - 1];
                long end = k == rules.size() - 1 ? Long.MAX_VALUE : milestones[k];
                if (start >= end) {
                    continue; // a repeated milestone: this child never runs
                }
                Rule rule = rules.get(k);
                Rule.Failure f = k == 0 ? Rule.Failure.NONE : rule.enterFailure();
                if (f == Rule.Failure.NONE) {
                    f = rule.failure();
                }
                if (f.epoch() < end - start) {
                    step = start + f.epoch();
                    message = Group.failure("SequentialLR", rule, step, f.message()).getMessage();
                }
            }
        }
        this.failStep = step;
        this.failMessage = message;
    }

    /**
     * With independent runs, a new piece at each milestone and the running child's own pieces in between (shifted
     * to its start); torch's stepping of the whole (odd milestones) and SWALR, which anneals from the lr it finds,
     * are unknown.
     */
    @Override
    public Pieces pieces() {
        if (replay != null || rules.stream().anyMatch(r -> r instanceof Swa)) {
            return Pieces.UNKNOWN;
        }
        Pieces[] local = new Pieces[rules.size()];
        for (int k = 0; k < local.length; k++) {
            local[k] = rules.get(k).runPieces();
            if (!local[k].known()) {
                return Pieces.UNKNOWN;
            }
        }
        return t -> {
            int idx = bisectRight(milestones, t);
            long start = idx == 0 ? 0 : milestones[idx - 1];
            long end = idx < milestones.length ? milestones[idx] : Long.MAX_VALUE;
            return Math.min(end, t < start ? start : Pieces.plus(start, local[idx].next(t - start)));
        };
    }

    /** Whether every step has a closed form (else torch's stepping is replayed). */
    static boolean sortedFromOne(long[] milestones) {
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 1 || (i > 0 && milestones[i] < milestones[i - 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Nest.Node node() {
        return new Nest.Seq(leaves(), milestones);
    }

    private List<Nest.Node> leaves() {
        return rules.stream().<Nest.Node>map(Nest.Leaf::new).toList();
    }

    @Override
    public double at(long t) {
        return Group.finite("SequentialLR", t, value(t));
    }

    private double value(long t) {
        if (replay != null) {
            return replay.at(t);
        }
        if (t >= failStep) {
            throw new lrsched.core.StepOutOfRangeException(failStep, failMessage);
        }
        int idx = bisectRight(milestones, t);
        Rule rule = rules.get(idx);
        if (rule instanceof Swa swa) { // anneals from the lr it finds (built with closed milestones only)
            return idx == 0 ? swa.fresh(t, group.initialLr())
                    : swa.afterMilestone(at(milestones[idx - 1] - 1), t - milestones[idx - 1], release);
        }
        long e = idx == 0 ? t : t - milestones[idx - 1];
        if (rule instanceof Rule.Overriding) {
            return rule.fresh(e, group.bases()[idx]);
        }
        return segment(idx).at(e);
    }

    /**
     * Child {@code k}'s run as torch steps it, by local epoch: from the value it starts its run with (the first
     * child: its constructor's step on initial_lr, re-run by SequentialLR; a later one: its closed form at epoch 0,
     * or, for MultiplicativeLR, the lr the previous child left) by {@code get_lr()} each step; past
     * {@link Replay#LIMIT} local epochs, the telescoped closed form.
     */
    private synchronized Replay segment(int k) {
        if (segments[k] == null) {
            Rule rule = rules.get(k);
            double base = group.bases()[k];
            double start;
            java.util.function.LongToDoubleFunction closedForm;
            if (k == 0) {
                start = rule.update(group.initialLr(), 0, base);
                closedForm = rule instanceof Rule.Multiplier m
                        ? e -> group.initialLr() * m.first() * m.cumulative(e)
                        : e -> rule.fresh(e, base);
            } else if (rule instanceof MultiplyingSchedulers.Multiplicative m) {
                double entered = at(milestones[k - 1] - 1);
                start = m.enter(release, entered, base);
                closedForm = e -> start * m.cumulative(e);
            } else {
                start = rule.enter(Double.NaN, base);
                closedForm = rule instanceof Rule.Multiplier m
                        ? e -> start * m.cumulative(e)
                        : e -> rule.fresh(e, base);
            }
            segments[k] = TorchSchedule.chain(rule, start, base, closedForm);
        }
        return segments[k];
    }

    /** Python's bisect.bisect_right, which also answers (somehow) on an unsorted list, as torch relies on. */
    static int bisectRight(long[] a, long x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < a[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * State: [lr, last_epoch of each child]. Every child is at -1 (SequentialLR's undo) but the one whose initial step
     * the constructor re-ran: the first, or the one active at epoch 0 from
     * {@link TorchChange#SEQUENTIAL_STARTS_ACTIVE_CHILD} on.
     */
    private double[] initialState() {
        double[] state = new double[1 + rules.size()];
        java.util.Arrays.fill(state, -1);
        int first = startingChild(milestones, release);
        state[1 + first] = 0;
        state[0] = rules.get(first).update(group.initialLr(), 0, group.bases()[first]);
        return state;
    }

    /** The child whose initial step SequentialLR's constructor re-runs. */
    static int startingChild(long[] milestones, TorchRelease release) {
        return release.has(TorchChange.SEQUENTIAL_STARTS_ACTIVE_CHILD) ? bisectRight(milestones, 0) : 0;
    }

    private void advance(double[] state, long t) {
        int idx = bisectRight(milestones, t);
        Rule rule = rules.get(idx);
        double base = group.bases()[idx];
        if (idx > 0 && milestones[idx - 1] == t) {
            Rule.Failure f = rule.enterFailure();
            if (f != Rule.Failure.NONE) {
                throw Group.failure("SequentialLR", rule, t, f.message());
            }
            state[0] = rule.enter(release, state[0], base);
            state[1 + idx] = 0;
        } else {
            long e = (long) state[1 + idx] + 1;
            state[1 + idx] = e;
            if (rule.failure().reachedBy(e)) {
                throw Group.failure("SequentialLR", rule, t, rule.failure().message());
            }
            state[0] = rule.step(release, state[0], e, base);
        }
    }
}
