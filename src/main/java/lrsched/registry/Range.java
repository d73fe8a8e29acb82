package lrsched.registry;

import lrsched.core.DoubleFormat;

/** An allowed interval of numbers, each end open or closed; infinite ends mean unbounded. */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    public static final Range POSITIVE = new Range(0, false, Double.POSITIVE_INFINITY, false);
    public static final Range NON_NEGATIVE = new Range(0, true, Double.POSITIVE_INFINITY, false);
    /** [0, 1]. */
    public static final Range FRACTION = new Range(0, true, 1, true);

    public static Range atLeast(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, false);
    }

    public static Range between(double min, boolean minInclusive, double max, boolean maxInclusive) {
        return new Range(min, minInclusive, max, maxInclusive);
    }

    public boolean contains(double v) {
        boolean lowOk = minInclusive ? v >= min : v > min;
        boolean highOk = maxInclusive ? v <= max : v < max;
        return lowOk && highOk && !Double.isNaN(v);
    }

    public boolean isUnbounded() {
        return equals(ANY);
    }

    /** "> 0", ">= 1", "in (0, 1]". */
    public String describe() {
        boolean low = min != Double.NEGATIVE_INFINITY;
        boolean high = max != Double.POSITIVE_INFINITY;
        if (low && high) {
            return "in " + (minInclusive ? "[" : "(") + DoubleFormat.formatCompact(min) + ", "
                    + DoubleFormat.formatCompact(max) + (maxInclusive ? "]" : ")");
        }
        if (low) {
            return (minInclusive ? ">= " : "> ") + DoubleFormat.formatCompact(min);
        }
        if (high) {
            return (maxInclusive ? "<= " : "< ") + DoubleFormat.formatCompact(max);
        }
        return "any";
    }
}
