package lrsched.compat.fastai;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.schedule.Cycles;

/**
 * One {@code Learner.fit} of {@code nEpoch} epochs of {@code batchesPerEpoch} batches under a ParamScheduler whose
 * 'lr' is {@code combine_scheds(pcts, [SchedCos(starts[k], ends[k]) ...])} (fastai/callback/schedule.py), for one
 * parameter group. The LR of batch b is set in before_batch from {@code pct_train} ({@link Progress}):
 * <ul>
 *   <li>{@code pcts = tensor([0] + L(pcts))}: each pct rounded to float32; {@code torch.cumsum} sums them in
 *       float64 (CPU's accumulate type for float) and stores each sum as float32;</li>
 *   <li>{@code idx = min((pos >= pcts).nonzero().max(), len(pcts) - 2)}: the float pos is compared as float32;</li>
 *   <li>{@code actual_pos = (pos - pcts[idx]) / (pcts[idx+1] - pcts[idx])}: float32 arithmetic, then
 *       {@code .item()} (exact in float64);</li>
 *   <li>{@code sched_cos(start, end, p) = start + (1 + cos(pi * (1 - p))) * (end - start) / 2} in float64.</li>
 * </ul>
 */
record Fit(long nEpoch, long batchesPerEpoch, float[] bounds, double[] starts, double[] ends) {

    /** fastai's combine_scheds: the cumulative float32 bounds of {@code pcts} (sum and sign checked by the caller). */
    static float[] bounds(double[] pcts) {
        float[] bounds = new float[pcts.length + 1];
        double sum = 0;
        for (int k = 0; k < pcts.length; k++) {
            sum += (float) pcts[k];
            bounds[k + 1] = (float) sum;
        }
        return bounds;
    }

    /** Python's {@code sum(pcts) == 1.}: float64 sums from the left, as combine_scheds asserts. */
    static boolean sumsToOne(double[] pcts) {
        double sum = 0;
        for (double p : pcts) {
            sum += p;
        }
        return sum == 1.0;
    }

    /** combined_cos(pct, start, middle, end): SchedCos(start, middle) for pct, SchedCos(middle, end) after. */
    static Fit combinedCos(long nEpoch, long batchesPerEpoch, double pct, double start, double middle, double end) {
        return new Fit(nEpoch, batchesPerEpoch, bounds(new double[] {pct, 1 - pct}), new double[] {start, middle},
                new double[] {middle, end});
    }

    long batches() {
        return nEpoch * batchesPerEpoch;
    }

    /** The LR of batch {@code b} (0 <= b < batches()) of this fit. */
    double lr(long b) {
        float pos = position(b);
        int idx = piece(pos);
        double actual = actual(pos, idx);
        double start = starts[idx];
        double end = ends[idx];
        return start + (1 + Libm.cos(Math.PI * (1 - actual))) * (end - start) / 2;
    }

    /** The piece of batch {@code b} and the float32 position in it (exact as a double), of length 1. */
    private Cycles.Position place(long b) {
        float pos = position(b);
        int idx = piece(pos);
        return new Cycles.Position(idx, actual(pos, idx), 1);
    }

    /** combine_scheds' idx of float32 position {@code pos}. */
    private int piece(float pos) {
        int idx = 0;
        for (int k = 0; k < bounds.length; k++) {
            if (pos >= bounds[k]) {
                idx = k;
            }
        }
        return Math.min(idx, bounds.length - 2);
    }

    /** combine_scheds' actual_pos in piece {@code idx}, in float32. */
    private float actual(float pos, int idx) {
        return (pos - bounds[idx]) / (bounds[idx + 1] - bounds[idx]);
    }

    /**
     * A piece per SchedCos: the position never falls (see {@link #secondPieceStart}), so neither do the piece
     * index and, inside a piece, the float32 position; the cosine is monotone while that position is in [0, 1]
     * (the last piece's may pass 1 when the float32 bounds sum below it).
     */
    Pieces pieces() {
        return Cycles.pieces(0, this::place, Cycles.Position::offset, 1);
    }

    /** pct_train at batch {@code b}, as float32 (what combine_scheds compares). */
    private float position(long b) {
        long epoch = b / batchesPerEpoch;
        return (float) Progress.after((double) epoch / (double) nEpoch, 1. / (double) (batchesPerEpoch * nEpoch),
                b % batchesPerEpoch);
    }

    /**
     * The first batch in the second piece (the end of fit_one_cycle's warmup), or batches() if none: positions never
     * decrease (each epoch restarts at epoch / n_epoch, just above where the last one ended), so a bisection finds it.
     */
    long secondPieceStart() {
        long lo = 0;
        long hi = batches();
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (position(mid) >= bounds[1]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
