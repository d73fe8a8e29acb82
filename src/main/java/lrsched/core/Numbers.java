package lrsched.core;

import java.math.BigDecimal;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Reads numbers as users write them in YAML, JSON and flags: 3e-4, 1.0e-4, 1_000, 4000.0. */
public final class Numbers {
    private Numbers() {}

    /** A finite number, or empty when the text is not one. */
    public static OptionalDouble parseReal(String text) {
        String t = clean(text);
        if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return OptionalDouble.empty();
        }
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /** A whole number that fits in 64 bits ({@code 1e6} and {@code 4000.0} count), or empty. */
    public static OptionalLong parseInteger(String text) {
        String t = clean(text);
        if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,9})?")) {
            return OptionalLong.empty();
        }
        int exp = Math.max(t.indexOf('e'), t.indexOf('E'));
        if (t.length() > 64 || (exp >= 0 && Math.abs(Integer.parseInt(t.substring(exp + 1).replace("+", ""))) > 40)) {
            return OptionalLong.empty(); // far outside 64 bits; BigDecimal would work hard to say so
        }
        try {
            return OptionalLong.of(new BigDecimal(t).longValueExact());
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether the text is written like a number, finite or not ({@code 1e400}, {@code .nan}, {@code -.inf}). */
    public static boolean looksNumeric(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        return t.matches("[+-]?(\\d[\\d_]*\\.?[\\d_]*|\\.\\d+)(e[+-]?\\d+)?")
                || t.matches("[+-]?\\.?(inf|infinity|nan)");
    }

    private static String clean(String text) {
        String t = text.strip();
        // YAML 1.1 style digit separators; only between digits
        return t.matches("[+-]?\\d[\\d_]*(\\.[\\d_]*)?([eE][+-]?\\d+)?") ? t.replace("_", "") : t;
    }
}
