package lrsched.compat.torch;

import java.util.LinkedHashMap;
import java.util.Map;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.schedule.Replay;

/**
 * {@code torch.optim.swa_utils.SWALR}: anneals the group's lr to {@code swa_lr} over {@code anneal_epochs} of its own
 * {@code step()} calls, then holds {@code swa_lr}. It counts calls ({@code _step_count - 1}), not {@code last_epoch},
 * and keeps no start lr: each step recovers it from the current lr ({@code _get_initial_lr}: {@code (lr - a' *
 * swa_lr) / (1 - a')} with the previous step's weight {@code a'}) and returns {@code swa_lr * a + start * (1 - a)}.
 * That recursion rounds differently from the closed form, so it is replayed as torch computes it; from call
 * {@code anneal_epochs} on the weight is exactly 1 and the lr exactly {@code swa_lr}, so the replay is bounded.
 */
final class Swa extends Rule {
    private final double swaLr;
    private final long annealEpochs;
    private final boolean cosine;
    /** One replay per start lr (alone: the optimizer's lr; in SequentialLR: the lr at its milestone). */
    private final Map<Double, Replay> replays = new LinkedHashMap<>();

    Swa(double swaLr, long annealEpochs, boolean cosine) {
        this.swaLr = swaLr;
        this.annealEpochs = annealEpochs;
        this.cosine = cosine;
    }

    @Override
    String name() {
        return "SWALR";
    }

    /**
     * Each call of the anneal its own piece (each step recovers its start from the rounded lr and mixes a rising
     * and a falling weight: no order is promised), then one constant piece: from call anneal_epochs on the weight
     * is exactly 1 and the lr exactly swa_lr.
     */
    @Override
    Pieces pieces() {
        long held = Pieces.plus(annealEpochs, 1);
        return e -> e < held ? e + 1 : Long.MAX_VALUE;
    }

    @Override
    Pieces replayedPieces() {
        return pieces();
    }

    /** {@code anneal_func(t)}: {@code (1 - cos(pi t)) / 2} or {@code t}. */
    private double weight(double t) {
        return cosine ? (1 - Libm.cos(Math.PI * t)) / 2 : t;
    }

    /** {@code get_lr()} at its {@code calls}-th step() ({@code _step_count - 1}; 0 is the constructor's). */
    @Override
    double update(double lr, long calls, double base) {
        long step = annealEpochs == 0 ? Math.max(1, calls) : calls;
        double span = Math.max(1, annealEpochs);
        double previous = weight(Math.max(0, Math.min(1, (step - 1) / span)));
        double start = previous == 1 ? swaLr : (lr - previous * swaLr) / (1 - previous);
        double alpha = weight(Math.max(0, Math.min(1, step / span)));
        return swaLr * alpha + start * (1 - alpha);
    }

    /** The lr after {@code calls} step() calls on a group whose lr was {@code start} when SWALR took over. */
    @Override
    double fresh(long calls, double start) {
        if (calls >= annealEpochs) {
            return swaLr; // weight 1: swa_lr * 1 + start' * 0
        }
        Replay replay;
        synchronized (replays) {
            replay = replays.computeIfAbsent(start, s -> new Replay("torch.SWALR with anneal_epochs "
                    + annealEpochs, new double[] {update(s, 0, s)}, (state, k) -> state[0] = update(state[0], k, s)));
            if (replays.size() > 4) {
                replays.remove(replays.keySet().iterator().next());
            }
        }
        return replay.at(calls);
    }

    /**
     * SequentialLR at this child's milestone, with the lr the previous child left ({@code entered}), {@code e}
     * steps later. Before {@link TorchChange#UPDATE_LR_AT_MILESTONE} torch enters with {@code step(0)}, which counts
     * as a call; from it on with {@code _update_lr(0)}, which does not: newer releases lag by one call.
     */
    double afterMilestone(double entered, long e, TorchRelease release) {
        return fresh(release.has(TorchChange.UPDATE_LR_AT_MILESTONE) ? e : e + 1, entered);
    }

    @Override
    double enter(double lr, double base) {
        return update(lr, 1, base); // step(0): the second call
    }

    @Override
    double enter(TorchRelease release, double lr, double base) {
        return release.has(TorchChange.UPDATE_LR_AT_MILESTONE)
                ? update(lr, 0, base) // _update_lr(0): _step_count is still the constructor's
                : enter(lr, base);
    }
}
