package lrsched.output.chart;

import java.util.ArrayList;
import java.util.List;

/** Round tick values for an axis: multiples of 1, 2 or 5 times a power of ten, or whole decades on a log axis. */
public final class NiceTicks {

    private NiceTicks() {
    }

    /**
     * Ticks within {@code [min, max]}, at most {@code maxCount} of them (at least two when the range allows), at a
     * spacing of 1, 2 or 5 times a power of ten.
     */
    public static List<Double> linear(double min, double max, int maxCount) {
        List<Double> ticks = new ArrayList<>();
        if (!(max > min) || maxCount < 1) {
            ticks.add(min);
            return ticks;
        }
        double spacing = spacing(max / maxCount - min / maxCount); // max - min overflows for +-1e308
        while (usable(spacing) && Math.floor(max / spacing) - Math.ceil(min / spacing) + 1 > maxCount) {
            spacing = spacing(spacing * 1.01);
        }
        if (!usable(spacing)) {
            // beyond what a double holds (a spacing above 1e308, or below the smallest subnormal): the ends alone
            ticks.add(min);
            ticks.add(max);
            return ticks;
        }
        long from = (long) Math.ceil(min / spacing - 1e-9);
        long to = (long) Math.floor(max / spacing + 1e-9);
        java.math.BigDecimal step = java.math.BigDecimal.valueOf(spacing);
        for (long k = from; k <= to; k++) {
            ticks.add(step.multiply(java.math.BigDecimal.valueOf(k)).doubleValue()); // 3 * 2e-4 is 6e-4 exactly
        }
        return ticks;
    }

    private static boolean usable(double spacing) {
        return spacing > 0 && Double.isFinite(spacing);
    }

    /**
     * Powers of ten within {@code [min, max]}, thinned to at most {@code maxCount}; only those a double holds
     * (1e-323 to 1e308), so that a zero or infinite end cannot make the count endless.
     */
    public static List<Double> decades(double min, double max, int maxCount) {
        List<Double> ticks = new ArrayList<>();
        int lo = decade(Math.ceil(Math.log10(min) - 1e-9), MIN_DECADE);
        int hi = decade(Math.floor(Math.log10(max) + 1e-9), MAX_DECADE);
        int every = Math.max(1, (int) Math.ceil((hi - lo + 1) / (double) Math.max(1, maxCount)));
        for (int e = hi; e >= lo; e -= every) {
            ticks.add(0, Double.parseDouble("1e" + e));
        }
        return ticks;
    }

    private static final int MIN_DECADE = -323;
    private static final int MAX_DECADE = 308;

    /** {@code exponent} within the decades a double holds; {@code otherwise} for NaN (a negative end). */
    private static int decade(double exponent, int otherwise) {
        return Double.isNaN(exponent) ? otherwise : (int) Math.max(MIN_DECADE, Math.min(MAX_DECADE, exponent));
    }

    /**
     * {@code max}, moved up to the next number with two significant digits when that is at most 1% of the range
     * away: steps 0..19999 end one step short of the 20k that should close the axis, steps 0..299 short of 300.
     */
    public static double roundEnd(double min, double max) {
        if (!(max > 0) || !(max > min) || !Double.isFinite(max)) {
            return max;
        }
        double round = new java.math.BigDecimal(max).round(new java.math.MathContext(2, java.math.RoundingMode.CEILING))
                .doubleValue();
        return round - max <= (max - min) * 1e-2 ? round : max;
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double spacing(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw * (1 - 1e-12)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
