package lrsched.compat.fastai;

import java.util.List;

import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;

/**
 * Successive fits (fine_tune's frozen and unfrozen fit_one_cycle) as one schedule: row s is the s-th training batch
 * of the whole call. fastai trains no batch after the last, so later rows are refused.
 */
final class Fits implements Schedule {
    /** An array, not a list: at() walks it at every step, and a list's iterator is an object per walk. */
    private final Fit[] fits;
    private final String call;
    private final long batches;

    /** @param call names the fastai call in the refusal past its last batch */
    Fits(List<Fit> fits, String call) {
        this.fits = fits.toArray(new Fit[0]);
        this.call = call;
        this.batches = fits.stream().mapToLong(Fit::batches).sum();
    }

    long batches() {
        return batches;
    }

    @Override
    public double at(long step) {
        if (step < 0 || step >= batches) {
            throw new StepOutOfRangeException(batches, call + " trains " + batches + " batches (rows 0 to "
                    + (batches - 1) + "); fastai sets no LR after its last batch");
        }
        long b = step;
        for (Fit fit : fits) {
            if (b < fit.batches()) {
                return fit.lr(b);
            }
            b -= fit.batches();
        }
        throw new AssertionError("unreachable: step " + step + " < " + batches);
    }

    /** A new piece where each fit starts, each fit's own pieces inside it; the refused rows are one piece. */
    @Override
    public Pieces pieces() {
        return step -> {
            long from = 0;
            for (Fit fit : fits) {
                long end = from + fit.batches();
                if (step < end) {
                    return step < from ? from : Math.min(end, Pieces.plus(from, fit.pieces().next(step - from)));
                }
                from = end;
            }
            return Long.MAX_VALUE;
        };
    }
}
