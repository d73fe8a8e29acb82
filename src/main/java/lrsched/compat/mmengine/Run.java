package lrsched.compat.mmengine;

import java.util.List;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Replay;

/**
 * mmengine's runner applying a list of parameter schedulers: each is built in list order (its constructor records
 * {@code initial_lr} with setdefault and calls {@code step()} once, global step 0), then after every training
 * iteration ParamSchedulerHook.after_train_iter steps the iteration-based ones in list order, and after the last
 * iteration of every epoch after_train_epoch steps the epoch-based ones (mmengine/hooks/param_scheduler_hook.py).
 * Row s is the lr of iteration s. There is no closed form (every scheduler acts on the current lr), so rows are
 * replayed ({@link Replay}: kept states every {@value Replay#STRIDE} rows and the last row asked for, so rows in
 * order cost one iteration each). Past the last window the lr is frozen. Its monotone pieces: {@link RunPieces}.
 */
final class Run implements Schedule {
    static final long LIMIT = 5_000_000L;

    private final List<Scheduler> schedulers;
    private final long epochLength;
    private final double[] bases;
    private final Scheduler.Group initial;
    private final long frozenFrom;
    private final Replay replay;
    /** The group the replay advances: only its lr changes from row to row (the replay is synchronized). */
    private final Scheduler.Group scratch;
    private final Pieces pieces;

    Run(double lr, List<Scheduler> schedulers, long epochLength) {
        this.schedulers = schedulers;
        this.epochLength = epochLength;
        this.bases = new double[schedulers.size()];
        Scheduler.Group g = new Scheduler.Group();
        g.lr = lr;
        for (int i = 0; i < schedulers.size(); i++) {
            Scheduler s = schedulers.get(i);
            if (s.kind().equals("OneCycleLR")) { // last_step == -1: OneCycle overwrites initial_lr
                g.initialLr = s.reals()[0] / s.reals()[2];
                g.maxLr = s.reals()[0];
                g.minLr = g.initialLr / s.reals()[3];
            }
            if (Double.isNaN(g.initialLr)) {
                g.initialLr = g.lr; // group.setdefault('initial_lr', group['lr'])
            }
            bases[i] = g.initialLr;
            if (!plateau(s)) { // ReduceOnPlateauLR's constructor does not step
                step(g, i, 0, 0);
            }
        }
        this.initial = g;
        long last = 0; // the first row after which no window is open
        for (Scheduler s : schedulers) {
            long row = s.byEpoch() ? mulCap(s.end() - 1, epochLength) : s.end() - 1;
            if (plateau(s)) {
                row = mulCap(Math.min(s.end() - 1, s.weights().length), epochLength);
            }
            last = Math.max(last, row);
        }
        this.frozenFrom = last;
        this.scratch = group(g.lr);
        this.replay = new Replay("mmengine's runner", new double[] {g.lr}, (state, t) -> {
            scratch.lr = state[0];
            advance(scratch, t);
            state[0] = scratch.lr;
        });
        this.pieces = schedulers.stream().anyMatch(Run::plateau) ? Pieces.UNKNOWN : new RunPieces(schedulers,
                bases, epochLength, frozenFrom);
    }

    /** See {@link RunPieces}: ReduceOnPlateauLR's reductions depend on a metric, so a list with one has none. */
    @Override
    public Pieces pieces() {
        return pieces;
    }

    private static long mulCap(long a, long b) {
        return a > Long.MAX_VALUE / Math.max(b, 1) ? Long.MAX_VALUE : a * b;
    }

    private static boolean plateau(Scheduler s) {
        return s.kind().equals("ReduceOnPlateauLR");
    }

    private void step(Scheduler.Group g, int i, long globalStep, long row) {
        Scheduler s = schedulers.get(i);
        if (plateau(s)) { // step() without metrics only counts the epoch
            return;
        }
        if (s.begin() <= globalStep && globalStep < s.end()) {
            g.lr = s.apply(g, bases[i], globalStep, row);
        }
    }

    /** Advances the group from row t - 1 to row t: the hooks after iteration t - 1. */
    private void advance(Scheduler.Group g, long t) {
        for (int i = 0; i < schedulers.size(); i++) {
            if (!schedulers.get(i).byEpoch()) {
                step(g, i, t, t);
            }
        }
        if (epochLength > 0 && t % epochLength == 0) {
            for (int i = 0; i < schedulers.size(); i++) {
                if (schedulers.get(i).byEpoch()) {
                    step(g, i, t / epochLength, t);
                }
            }
            long epochs = t / epochLength; // the validation after the epoch: step(metrics) of ReduceOnPlateauLR
            for (int i = 0; i < schedulers.size(); i++) { // no iterator: this runs at every epoch of a replay
                Scheduler s = schedulers.get(i);
                if (plateau(s) && s.begin() <= epochs && epochs < s.end() && epochs <= s.weights().length
                        && s.weights()[(int) (epochs - 1)] == 1) {
                    double reduced = Math.max(g.lr * s.reals()[0], s.reals()[1]);
                    if (g.lr - reduced > s.reals()[2]) {
                        g.lr = reduced;
                    }
                }
            }
        }
    }

    @Override
    public double at(long step) {
        long t = Math.min(step, frozenFrom);
        if (t > LIMIT) {
            throw new StepOutOfRangeException(LIMIT + 1, "mmengine's schedulers act on the current lr, so lrsched "
                    + "replays the runner step by step, up to row " + LIMIT + " only (give every scheduler an end)");
        }
        double lr = replay.at(t);
        if (Double.isNaN(lr) || Double.isInfinite(lr)) {
            throw new StepOutOfRangeException(step, "the lr is " + lr + " at row " + step + " (mmengine's float "
                    + "arithmetic overflows or divides by zero there without raising)");
        }
        return lr;
    }

    private Scheduler.Group group(double lr) {
        Scheduler.Group g = new Scheduler.Group();
        g.lr = lr;
        g.initialLr = initial.initialLr;
        g.maxLr = initial.maxLr;
        g.minLr = initial.minLr;
        return g;
    }
}
