package lrsched.compat.fastai;

/**
 * fastai's training progress {@code pct_train} (fastai/callback/core.py, TrainEvalCallback): set to
 * {@code epoch / n_epoch} before each epoch's first batch, then {@code pct_train += 1./(n_iter*n_epoch)} after each
 * batch, a float64 sum. The sum is reproduced exactly without replaying it batch by batch: within one binade of the
 * sum, every addition adds the same multiple of the binade's ulp (once a round-half-even tie has settled the
 * parity), so whole runs of additions are taken at once and only the few near a binade's edge one by one.
 */
final class Progress {
    private Progress() {}

    /** {@code start} after {@code additions} float64 additions of {@code increment} (>= 0), one at a time. */
    static double after(double start, double increment, long additions) {
        double x = start;
        long left = additions;
        while (left >= 2) {
            double before = x;
            double first = before + increment;
            double second = first + increment;
            left -= 2;
            x = second;
            int binade = Math.getExponent(before);
            boolean settled = before > 0 && before >= increment && Math.getExponent(second) == binade
                    && second - first == first - before; // exact differences: all within a factor of two
            if (!settled) {
                continue;
            }
            double step = second - first;
            if (step == 0) {
                return x; // the increment is below half an ulp: the sum no longer moves
            }
            double top = Math.scalb(1.0, binade + 1);
            double room = top - 2 * Math.ulp(x) - x; // each taken addition must round within this binade
            long run = Math.min(left, Math.max(0, (long) Math.floor(room / step) - 1));
            x += run * step; // exact: a multiple of the ulp below top
            left -= run;
        }
        return left == 1 ? x + increment : x;
    }
}
