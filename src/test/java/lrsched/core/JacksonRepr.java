package lrsched.core;

import tools.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * The original string path of {@link DoubleFormat} (lrsched 0.1): Jackson's Schubfach {@code DoubleToDecimal.toString}
 * re-laid out as Python's {@code repr(float)}. Kept as the reference the fast byte path is checked against.
 */
public final class JacksonRepr {
    private JacksonRepr() {}

    /** Python's {@code repr(v)}. */
    public static String format(double v) {
        StringBuilder sb = new StringBuilder(24);
        append(v, sb);
        return sb.toString();
    }

    /** Appends Python's {@code repr(v)} to {@code out}. */
    public static void append(double v, StringBuilder out) {
        if (Double.isNaN(v)) {
            out.append("nan");
            return;
        }
        if (Double.isInfinite(v)) {
            out.append(v > 0 ? "inf" : "-inf");
            return;
        }
        if (v == 0) {
            out.append(1 / v < 0 ? "-0.0" : "0.0");
            return;
        }
        // Schubfach's Java-style text carries the shortest digits; re-lay them out the Python way.
        String java = DoubleToDecimal.toString(v);
        char[] digits = new char[20];
        int n = 0;
        int pointAt = -1;
        int exponent = 0;
        int i = 0;
        if (java.charAt(0) == '-') {
            out.append('-');
            i = 1;
        }
        for (; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '.') {
                pointAt = n;
            } else if (c == 'E') {
                exponent = Integer.parseInt(java, i + 1, java.length(), 10);
                break;
            } else {
                digits[n++] = c;
            }
        }
        if (pointAt < 0) {
            pointAt = n;
        }
        // value = 0.d1 d2 ... dn * 10^decimalPoint after dropping leading zeros
        int start = 0;
        while (start < n - 1 && digits[start] == '0') {
            start++;
            pointAt--;
        }
        int end = n;
        while (end > start + 1 && digits[end - 1] == '0') {
            end--;
        }
        int decimalPoint = pointAt + exponent;
        int count = end - start;
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                out.append("0.");
                for (int z = 0; z < -decimalPoint; z++) {
                    out.append('0');
                }
                out.append(digits, start, count);
            } else if (decimalPoint < count) {
                out.append(digits, start, decimalPoint).append('.').append(digits, start + decimalPoint,
                        count - decimalPoint);
            } else {
                out.append(digits, start, count);
                for (int z = count; z < decimalPoint; z++) {
                    out.append('0');
                }
                out.append(".0");
            }
        } else {
            out.append(digits[start]);
            if (count > 1) {
                out.append('.').append(digits, start + 1, count - 1);
            }
            int e = decimalPoint - 1;
            out.append('e').append(e < 0 ? '-' : '+');
            int abs = Math.abs(e);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
    }
}
