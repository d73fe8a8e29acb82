package lrsched.schedule;

import lrsched.core.Libm;

/**
 * The two Python float operations library formulas (timm's, Paddle's) rely on where Java's differ: floor division ({@code //}) and
 * {@code **} with a base of 1.
 */
public final class PyFloat {
    private PyFloat() {}

    /**
     * Python's {@code a // b} on floats (CPython's float_floor_div): the floor of {@code (a - fmod(a, b)) / b},
     * rounded to the nearest integer when that quotient lands more than half way. It differs from
     * {@code Math.floor(a / b)} when the true quotient lies just below an integer that {@code a / b} rounds up to:
     * {@code 1 // 0.1 == 9.0} and {@code 3 // 0.1 == 29.0}, where {@code 1 / 0.1 == 10.0}.
     */
    public static double floorDiv(double a, double b) {
        double mod = a % b; // Java's % on doubles is C's fmod: exact, with the sign of a
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }

    /** Python's {@code base ** exponent} for the real results timm uses: {@code 1.0 ** x == 1.0} even for x = inf. */
    public static double pow(double base, double exponent) {
        return base == 1 ? 1 : Libm.pow(base, exponent);
    }
}
