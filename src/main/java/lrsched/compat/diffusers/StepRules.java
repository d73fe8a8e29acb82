package lrsched.compat.diffusers;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import lrsched.schedule.Shapes;

/**
 * diffusers' piecewise_constant {@code step_rules}: {@code "m1:s1,m2:s2,...,m_last"}. Every rule but the last is
 * {@code multiple:threshold}; the multiple applies to steps below its threshold (absolute thresholds, sorted; a
 * repeated threshold keeps the later multiple) and {@code m_last} applies from the largest threshold on. Parsed as
 * diffusers does with Python's {@code str.split}, {@code int()} and {@code float()}, so the same strings are
 * accepted (surrounding whitespace, signs, digit underscores, exponents, inf/nan) and the same ones are refused,
 * with Python's messages.
 */
final class StepRules {
    private static final String DIGITS = "[0-9]+(?:_[0-9]+)*";
    private static final Pattern PY_INT = Pattern.compile("[+-]?" + DIGITS);
    private static final Pattern PY_FLOAT = Pattern.compile(
            "[+-]?(?:(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\." + DIGITS + ")(?:[eE][+-]?" + DIGITS + ")?"
                    + "|(?i:inf|infinity|nan))");

    private final long[] thresholds;
    private final double[] multiples;
    private final double last;

    private StepRules(long[] thresholds, double[] multiples, double last) {
        this.thresholds = thresholds;
        this.multiples = multiples;
        this.last = last;
    }

    /** Parses {@code text}, or throws {@link IllegalArgumentException} with Python's message. */
    static StepRules parse(String text) {
        String[] rules = text.split(",", -1);
        TreeMap<Long, Double> byThreshold = new TreeMap<>();
        for (int i = 0; i < rules.length - 1; i++) {
            String[] parts = rules[i].split(":", -1);
            if (parts.length < 2) {
                throw new IllegalArgumentException("not enough values to unpack (expected 2, got 1)");
            }
            if (parts.length > 2) {
                throw new IllegalArgumentException("too many values to unpack (expected 2)");
            }
            long threshold = pythonInt(parts[1]).orElseThrow(() -> new IllegalArgumentException(
                    "invalid literal for int() with base 10: " + pythonRepr(parts[1])));
            double multiple = pythonFloat(parts[0]);
            byThreshold.put(threshold, multiple);
        }
        double last = pythonFloat(rules[rules.length - 1]);
        long[] thresholds = byThreshold.keySet().stream().mapToLong(Long::longValue).toArray();
        double[] multiples = byThreshold.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new StepRules(thresholds, multiples, last);
    }

    /** The multiple for {@code step}: that of the smallest threshold above it, else the last one. */
    double at(long step) {
        int i = Shapes.countAtOrBelow(thresholds, step);
        return i < thresholds.length ? multiples[i] : last;
    }

    long[] thresholds() {
        return Arrays.copyOf(thresholds, thresholds.length);
    }

    /** Python's {@code int(s)} for base 10; a threshold beyond 64 bits is clamped (no step reaches it). */
    private static Optional<Long> pythonInt(String s) {
        String t = s.strip();
        if (!PY_INT.matcher(t).matches()) {
            return Optional.empty();
        }
        BigInteger v = new BigInteger(t.replace("_", "").replace("+", ""));
        BigInteger clamped = v.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE));
        return Optional.of(clamped.longValue());
    }

    /** Python's {@code float(s)}. */
    private static double pythonFloat(String s) {
        String t = s.strip();
        if (!PY_FLOAT.matcher(t).matches()) {
            throw new IllegalArgumentException("could not convert string to float: " + pythonRepr(s));
        }
        String lower = t.toLowerCase(Locale.ROOT).replace("_", "");
        boolean negative = lower.startsWith("-");
        String body = lower.replaceFirst("^[+-]", "");
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.startsWith("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(lower);
    }

    /** Python's repr of a plain string, as its error messages quote it. */
    private static String pythonRepr(String s) {
        return s.contains("'") && !s.contains("\"") ? "\"" + s + "\"" : "'" + s.replace("'", "\\'") + "'";
    }
}
