package lrsched.output;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Curve;
import lrsched.core.StepSelection;

/**
 * What {@code lrsched stats} reports for one curve over the selected steps, computed in one streaming pass.
 *
 * @param sum      the sum of the learning rate over the selected steps (the "learning budget"), Kahan-summed
 * @param restarts how many times the LR starts rising again after the warmup (restart and cyclic schedules)
 */
public record CurveStats(String name, double peak, long peakStep, double min, long minStep, long firstStep,
                         double first, long lastStep, double last, double mean, double sum,
                         OptionalLong warmupEnd, long restarts, long count) {

    /** Stats of every curve, in order; curves are computed in parallel (each on one thread, so the same bits). */
    public static List<CurveStats> of(List<Curve> curves, StepSelection steps) {
        return EachCurve.map(curves, curve -> of(curve, steps));
    }

    static CurveStats of(Curve curve, StepSelection steps) {
        long n = steps.size();
        long warmupEnd = curve.schedule().warmupEnd().orElse(0);
        double peak = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        long peakStep = 0, minStep = 0, restarts = 0;
        double sum = 0, compensation = 0;
        double previous = Double.NaN, first = 0, last = 0;
        boolean falling = false;
        for (long i = 0; i < n; i++) {
            long step = steps.get(i);
            double v = curve.schedule().at(step);
            if (!Double.isFinite(v)) {
                throw new NonFiniteValueException(curve.name(), step, v);
            }
            if (i == 0) {
                first = v;
            }
            last = v;
            if (v > peak) {
                peak = v;
                peakStep = step;
            }
            if (v < min) {
                min = v;
                minStep = step;
            }
            double y = v - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            if (step > warmupEnd && !Double.isNaN(previous)) {
                if (v < previous) {
                    falling = true;
                } else if (v > previous && falling) {
                    restarts++;
                    falling = false;
                }
            }
            previous = v;
        }
        // a sum beyond the largest double (LRs near 1e308) is infinite, never NaN; the mean stays finite, from a
        // second pass that cannot overflow (only then: its two divisions per step cost a sixth of a stats run)
        double mean = sum / n;
        if (!Double.isFinite(sum)) {
            double runningMean = runningMean(curve, steps);
            mean = runningMean;
            sum = runningMean >= 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return new CurveStats(curve.name(), peak, peakStep, min, minStep, steps.get(0), first, steps.get(n - 1), last,
                mean, sum, curve.schedule().warmupEnd(), restarts, n);
    }

    /** The mean kept as a running mean, which never overflows where each value and the mean are finite. */
    private static double runningMean(Curve curve, StepSelection steps) {
        long n = steps.size();
        double runningMean = 0;
        for (long i = 0; i < n; i++) {
            double v = curve.schedule().at(steps.get(i));
            runningMean += v / (i + 1) - runningMean / (i + 1);
        }
        return runningMean;
    }
}
