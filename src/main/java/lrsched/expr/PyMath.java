package lrsched.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import lrsched.core.Libm;

/**
 * Python 3's float arithmetic where it differs from Java's, and the errors Python raises, following CPython's
 * Objects/floatobject.c (float_div, float_divmod, float_pow), Objects/longobject.c, Python/bltinmodule.c (round)
 * and Modules/mathmodule.c (math_1, math_2, math_pow, loghelper). Ints are represented as doubles: exact up to 2^53.
 */
final class PyMath {
    private PyMath() {}

    /** What Python raises; the message is Python's own ("ZeroDivisionError: float division by zero"). */
    static final class Raised extends RuntimeException {
        Raised(String message) {
            super(message, null, false, false);
        }
    }

    static final String DOMAIN = "ValueError: math domain error";
    static final String RANGE = "OverflowError: math range error";

    /** {@code a / b}; {@code ints}: both operands are ints (Python's message differs). */
    static double divide(double a, double b, boolean ints) {
        if (b == 0) {
            throw new Raised(ints ? "ZeroDivisionError: division by zero" : "ZeroDivisionError: float division by zero");
        }
        return a / b;
    }

    /** {@code a // b}: CPython's float_divmod, which is exact where floor(a / b) is not (1 // 0.1 == 9.0). */
    static double floorDivide(double a, double b, boolean ints) {
        if (b == 0) {
            throw new Raised(ints ? "ZeroDivisionError: integer division or modulo by zero"
                    : "ZeroDivisionError: float floor division by zero");
        }
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                div -= 1.0;
            }
        }
        if (div != 0) {
            double floor = Math.floor(div);
            if (div - floor > 0.5) {
                floor += 1.0;
            }
            return floor;
        }
        return Math.copySign(0.0, a / b);
    }

    /** {@code a % b}: the sign of the divisor, as CPython's float_divmod. */
    static double modulo(double a, double b, boolean ints) {
        if (b == 0) {
            throw new Raised(ints ? "ZeroDivisionError: integer modulo by zero" : "ZeroDivisionError: float modulo");
        }
        double mod = a % b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod;
    }

    /** {@code a ** b} and builtin {@code pow(a, b)}: CPython's float_pow (ints: exact below 2^53). */
    static double power(double a, double b, boolean ints) {
        if (b == 0 || a == 1) {
            return 1.0;
        }
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        if (Double.isInfinite(b)) {
            double abs = Math.abs(a);
            if (abs == 1.0) {
                return 1.0;
            }
            return (b > 0) == (abs > 1) ? Double.POSITIVE_INFINITY : 0.0;
        }
        if (a == 0 && b < 0) {
            throw new Raised("ZeroDivisionError: 0.0 cannot be raised to a negative power");
        }
        if (a < 0 && b != Math.floor(b) && !Double.isInfinite(a)) {
            throw new Raised("ValueError: Python computes a complex number here (a negative number to a fractional "
                    + "power), which a learning rate cannot be");
        }
        double r = Libm.pow(a, b);
        if (ints && b > 0 && Math.abs(r) >= 0x1p53) {
            // an int power is exact in Python, then rounded once where it becomes a float
            r = Double.isInfinite(r) ? r : new java.math.BigDecimal(a).toBigInteger().pow((int) b).doubleValue();
        }
        if (Double.isInfinite(r) && Double.isFinite(a) && !ints) {
            throw new Raised("OverflowError: (34, 'Numerical result out of range')");
        }
        return r;
    }

    /** {@code int(x)}, {@code math.floor}, {@code math.ceil}, {@code round(x)}: a float that must become an int. */
    static double toInt(double x) {
        if (Double.isNaN(x)) {
            throw new Raised("ValueError: cannot convert float NaN to integer");
        }
        if (Double.isInfinite(x)) {
            throw new Raised("OverflowError: cannot convert float infinity to integer");
        }
        return x;
    }

    /** {@code round(x, ndigits)}: the exact binary value rounded half to even in decimal, as CPython's double_round. */
    static double round(double x, double ndigits) {
        if (!Double.isFinite(x) || ndigits > 323) {
            return x;
        }
        if (ndigits < -308) {
            return 0.0 * x;
        }
        BigDecimal rounded = new BigDecimal(x).setScale((int) ndigits, RoundingMode.HALF_EVEN);
        double r = Double.parseDouble(rounded.toString());
        if (Double.isInfinite(r)) {
            throw new Raised("OverflowError: rounded value too large to represent");
        }
        return r == 0 ? Math.copySign(0.0, x) : r;
    }

    /** math's one-argument functions: name, the function, and whether an infinite result is an OverflowError. */
    record Unary(DoubleUnaryOperator f, boolean canOverflow) {}

    /** math's one-argument functions that Java computes (libm's results may differ by 1 ulp: see the docs). */
    static final Map<String, Unary> UNARY = Map.ofEntries(
            Map.entry("sqrt", new Unary(Math::sqrt, false)), Map.entry("exp", new Unary(Libm::exp, true)),
            Map.entry("expm1", new Unary(Math::expm1, true)), Map.entry("log", new Unary(PyMath::log, false)),
            Map.entry("log10", new Unary(x -> x <= 0 ? Double.NaN : Math.log10(x), false)),
            Map.entry("log1p", new Unary(x -> x <= -1 ? Double.NaN : Math.log1p(x), false)),
            Map.entry("cos", new Unary(Libm::cos, false)), Map.entry("sin", new Unary(Math::sin, false)),
            Map.entry("tan", new Unary(Math::tan, false)), Map.entry("acos", new Unary(Math::acos, false)),
            Map.entry("asin", new Unary(Math::asin, false)), Map.entry("atan", new Unary(Math::atan, false)),
            Map.entry("cosh", new Unary(Math::cosh, true)), Map.entry("sinh", new Unary(Math::sinh, true)),
            Map.entry("tanh", new Unary(Math::tanh, false)), Map.entry("fabs", new Unary(Math::abs, false)),
            Map.entry("degrees", new Unary(x -> x * (180.0 / Math.PI), true)),
            Map.entry("radians", new Unary(x -> x * (Math.PI / 180.0), false)));

    /** math's functions that return an int. */
    static final Map<String, DoubleUnaryOperator> TO_INT = Map.of("floor", Math::floor, "ceil", Math::ceil,
            "trunc", x -> x < 0 ? Math.ceil(x) : Math.floor(x));

    /** math's two-argument functions. */
    static final Map<String, DoubleBinaryOperator> BINARY = Map.of("atan2", Math::atan2, "copysign", Math::copySign,
            "hypot", Math::hypot, "fmod", PyMath::fmod, "pow", PyMath::mathPow);

    private static double log(double x) {
        return x <= 0 ? Double.NaN : Libm.log(x);
    }

    /** CPython's math_1: NaN from a number is a domain error, infinity from a finite number a range error. */
    static double apply(Unary u, double x) {
        double r = u.f().applyAsDouble(x);
        if (Double.isNaN(r) && !Double.isNaN(x)) {
            throw new Raised(DOMAIN);
        }
        if (Double.isInfinite(r) && Double.isFinite(x)) {
            throw new Raised(u.canOverflow() ? RANGE : DOMAIN);
        }
        return r;
    }

    /** {@code math.log(x, base)}: log(x) / log(base), each checked, the division Python's. */
    static double log(double x, double base) {
        double num = apply(UNARY.get("log"), x);
        double den = apply(UNARY.get("log"), base);
        return divide(num, den, false);
    }

    private static double fmod(double x, double y) {
        if (Double.isInfinite(y) && Double.isFinite(x)) {
            return x;
        }
        double r = x % y;
        if (Double.isNaN(r) && !Double.isNaN(x) && !Double.isNaN(y)) {
            throw new Raised(DOMAIN);
        }
        return r;
    }

    /** CPython's math_pow: no complex results and no ZeroDivisionError, a ValueError or OverflowError instead. */
    private static double mathPow(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            if (Double.isNaN(x)) {
                return y == 0 ? 1.0 : x;
            }
            if (Double.isNaN(y)) {
                return x == 1 ? 1.0 : y;
            }
            return power(x, y, false);
        }
        if (x == 0 && y < 0 || x < 0 && y != Math.floor(y)) {
            throw new Raised(DOMAIN);
        }
        double r = Libm.pow(x, y);
        if (Double.isInfinite(r)) {
            throw new Raised(RANGE);
        }
        return r;
    }
}
