package lrsched.output.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Short, locale-independent number labels for axes and legends: {@code 0, 500, 5k, 12.5k, 2M} for steps and
 * {@code 0.05, 0.1} or {@code 5e-5, 1e-4, 1.5e-4} for learning rates.
 */
public final class TickLabels {

    private static final String[] SUFFIXES = {"", "k", "M", "B", "T"};
    /** Tick positions computed in floating point carry noise like 1.0000000000000002E-4; ten digits drop it. */
    private static final MathContext TICK = new MathContext(10);

    private TickLabels() {
    }

    /**
     * A step or epoch count: plain below 1000, then with a k, M, B or T suffix ({@code 12.5k}, {@code 2M}).
     * Non-integers keep up to three decimals ({@code 0.25} epochs).
     */
    public static String count(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal v = round(value, TICK);
        if (v.signum() == 0) {
            return "0";
        }
        int group = 0;
        BigDecimal abs = v.abs();
        while (group < SUFFIXES.length - 1 && abs.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            abs = abs.movePointLeft(3);
            group++;
        }
        BigDecimal shown = v.movePointLeft(3 * group);
        if (shown.scale() > 3) {
            shown = shown.setScale(3, RoundingMode.HALF_EVEN);
        }
        return plain(shown) + SUFFIXES[group];
    }

    /** A step or epoch count to three significant digits, for legends: {@code 4.24k}, {@code 850}, {@code 1.5M}. */
    public static String approximateCount(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return count(value);
        }
        return count(new BigDecimal(value).round(new MathContext(3)).doubleValue());
    }

    /**
     * A learning rate on an axis whose largest magnitude is {@code axisMax}: scientific ({@code 2.5e-4}) when that
     * is below 0.01 or at least 100000, plain decimals otherwise. Zero is always {@code 0}.
     */
    public static String rate(double value, double axisMax) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal v = round(value, TICK);
        if (v.signum() == 0) {
            return "0";
        }
        double m = Math.abs(axisMax);
        return (m < 1e-2 || m >= 1e5) ? scientific(v) : plain(v);
    }

    /** A value with {@code digits} significant digits, scientific when it is small or large ({@code 6.99e-4}). */
    public static String significant(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal v = round(value, new MathContext(digits));
        if (v.signum() == 0) {
            return "0";
        }
        double a = Math.abs(value);
        return (a < 1e-2 || a >= 1e5) ? scientific(v) : plain(v);
    }

    private static BigDecimal round(double value, MathContext mc) {
        return new BigDecimal(value).round(mc).stripTrailingZeros();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String scientific(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        int exponent = s.precision() - s.scale() - 1;
        BigDecimal mantissa = s.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }
}
