package lrsched.core;

/**
 * Python's {@code repr(float)} written as ASCII bytes into a caller's buffer, allocating nothing: the hot path of
 * CSV output. The digits are the shortest decimal that reads back to the same double, found with R. Giulietti's
 * Schubfach algorithm ("The Schubfach way to render doubles", 2021), implemented here from the paper: scale the
 * rounding interval of the double by a 126-bit power of ten ({@link Pow10Table}), then take the shorter of the
 * decimals that fall inside it, or the closer one when two of the same length do.
 *
 * <p>The digits agree with Jackson's {@code DoubleToDecimal} (and JDK 19+ {@code Double.toString}) for every double,
 * including their one departure from "shortest": a one-digit decimal is never chosen over a closer two-digit one,
 * which only matters for subnormals below 1e-322 ({@code 4.9e-324}, where Python prints {@code 5e-324}).
 */
final class Schubfach {
    /** The longest output: {@code -1.2345678901234567e-308}. */
    static final int MAX_LENGTH = 24;

    private static final int EXPONENT_MASK = 0x7FF;
    private static final long HIDDEN_BIT = 1L << 52;
    private static final long FRACTION_MASK = HIDDEN_BIT - 1;
    /** Binary exponent of the subnormals and of the smallest normals: v = c * 2^Q_MIN. */
    private static final int Q_MIN = -1074;
    /** Subnormal significands below this are scaled by 10 first (section 8.2.1 of the paper). */
    private static final long C_TINY = 3;

    // Written for C1, which the launcher runs for all but huge outputs, without giving up C2: C1 inlines only
    // methods of up to 35 bytes of bytecode, has no intrinsic for Math.multiplyHigh or Long.numberOfLeadingZeros,
    // and compiles a ternary into a branch that random digits mispredict. Hence carries and digit counts computed
    // without branches, divisions by constants as multiplications (a 64-bit division costs tens of cycles in C1's
    // code; C2 would do this by itself) whose high halves come from four 32-bit products (mulHi: a third of
    // Math.multiplyHigh's bytecode, no sign branches), and trailing zeros found by the inverse of 5. The two
    // products of the scaling stay Math.multiplyHigh: C2 makes each one instruction, and written out in halves they
    // were no faster under C1. The exactness of each over its range is checked in DoubleFormatPropertyTest. In-JVM
    // A/B, 2-core Xeon VM, ns per double against the Math.multiplyHigh-and-branches version: C1 105-109 vs 122-138,
    // C2 79-82 vs 74-77.
    /** floor(f / 10) = mulHi(f, TENTH) for 0 &lt;= f &lt; 2.8e17. */
    static final long TENTH = 1_844_674_407_370_955_168L;
    /** floor(f / 10^8) = mulHi(f, HUNDRED_MILLIONTH) &gt;&gt;&gt; 20 for 0 &lt;= f &lt; 10^17. */
    static final long HUNDRED_MILLIONTH = 193_428_131_138_340_668L;
    private static final long BELOW_1E17 = 100_000_000_000_000_000L;

    private static final long[] POW10 = new long[19];
    private static final long LOW32 = 0xFFFF_FFFFL;
    /** 5 * INVERSE_OF_5 = 1 (mod 2^64): for h divisible by 5, h / 5 = h * INVERSE_OF_5; for others it exceeds MAX_FIFTH. */
    private static final long INVERSE_OF_5 = 0xCCCC_CCCC_CCCC_CCCDL;
    /** floor((2^64 - 1) / 5): h is divisible by 5 exactly when h * INVERSE_OF_5, unsigned, is at most this. */
    private static final long MAX_FIFTH = 0x3333_3333_3333_3333L;
    private static final byte[] NAN = {'n', 'a', 'n'};
    private static final byte[] INF = {'i', 'n', 'f'};
    /** "00", "01", ..., "99". */
    private static final byte[] PAIRS = new byte[200];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private Schubfach() {}

    /** Writes {@code repr(v)} at {@code pos} (room for {@link #MAX_LENGTH} bytes needed) and returns the end. */
    static int write(double v, byte[] buf, int pos) {
        long bits = Double.doubleToRawLongBits(v);
        int biasedExponent = (int) (bits >>> 52) & EXPONENT_MASK;
        long fraction = bits & FRACTION_MASK;
        if (biasedExponent == EXPONENT_MASK) {
            if (fraction != 0) {
                return copy(NAN, buf, pos);
            }
            if (bits < 0) {
                buf[pos++] = '-';
            }
            return copy(INF, buf, pos);
        }
        if (bits < 0) {
            buf[pos++] = '-';
        }
        if (biasedExponent == 0) {
            if (fraction == 0) {
                buf[pos] = '0';
                buf[pos + 1] = '.';
                buf[pos + 2] = '0';
                return pos + 3;
            }
            return fraction < C_TINY ? shortest(Q_MIN, 10 * fraction, -1, buf, pos)
                    : shortest(Q_MIN, fraction, 0, buf, pos);
        }
        long c = HIDDEN_BIT | fraction;
        int q = biasedExponent - 1075; // |v| = c * 2^q
        if (q < 0 && q > -53) {
            long whole = c >> -q;
            if (whole << -q == c) { // an integer below 2^53: its digits are exact and shortest
                return layout(whole, 0, buf, pos);
            }
        }
        return shortest(q, c, 0, buf, pos);
    }

    /** Shortest decimal inside the rounding interval of c * 2^q, written as repr; the result is scaled by 10^dk. */
    private static int shortest(int q, long c, int dk, byte[] buf, int pos) {
        // Interval ends are included when c is even (round-half-even reads them back to v).
        int odd = (int) c & 1;
        long cb = c << 2;
        int k;
        int leftShift; // the left end is cb - 2 (cb - 1 below a power of two), i.e. cp - 2^leftShift after << h
        if (c != HIDDEN_BIT || q == Q_MIN) {
            k = floorLog10Pow2(q);
            leftShift = 1;
        } else {
            // at a power of two the gap below v is half the gap above
            k = floorLog10ThreeQuartersPow2(q);
            leftShift = 0;
        }
        int h = q + floorLog2Pow10(-k) + 2;
        int at = (k - Pow10Table.K_MIN) << 1;
        long g1 = Pow10Table.G[at];
        long g0 = Pow10Table.G[at + 1];
        // v, and the interval ends, times 10^-k times 4, rounded to odd: exact enough to compare with s * 4.
        // g * cp with g = g1 * 2^63 + g0 takes the 128-bit products g1 * cp and g0 * cp. The ends are
        // cp + 2^(h+1) and cp - 2^(h+leftShift), so their products are v's plus or minus g shifted: two
        // multiplyHigh instead of six.
        long cp = cb << h;
        long lowLow = g0 * cp;
        long lowHigh = Math.multiplyHigh(g0, cp);
        long highLow = g1 * cp;
        long highHigh = Math.multiplyHigh(g1, cp);
        long vb = roundToOdd(highHigh, highLow, lowHigh);

        int r = h + 1;
        long rLowLow = lowLow + (g0 << r);
        long rLowHigh = lowHigh + (g0 >>> (64 - r)) + carry(lowLow, g0 << r, rLowLow);
        long rHighLow = highLow + (g1 << r);
        long rHighHigh = highHigh + (g1 >>> (64 - r)) + carry(highLow, g1 << r, rHighLow);
        long vbRight = roundToOdd(rHighHigh, rHighLow, rLowHigh);

        int l = h + leftShift;
        long lLowLow = lowLow - (g0 << l);
        long lLowHigh = lowHigh - (g0 >>> (64 - l)) - borrow(lowLow, g0 << l, lLowLow);
        long lHighLow = highLow - (g1 << l);
        long lHighHigh = highHigh - (g1 >>> (64 - l)) - borrow(highLow, g1 << l, lHighLow);
        long vbLeft = roundToOdd(lHighHigh, lHighLow, lLowHigh);

        long s = vb >> 2;
        if (s >= 100) {
            // one digit fewer: is exactly one of the two neighbouring multiples of ten inside the interval?
            long down = mulHi(s, TENTH) * 10;
            long up = down + 10;
            boolean downInside = vbLeft + odd <= down << 2;
            boolean upInside = (up << 2) + odd <= vbRight;
            if (downInside != upInside) {
                return layout(downInside ? down : up, k + dk, buf, pos);
            }
        }
        long t = s + 1;
        boolean sInside = vbLeft + odd <= s << 2;
        boolean tInside = (t << 2) + odd <= vbRight;
        if (sInside != tInside) {
            return layout(sInside ? s : t, k + dk, buf, pos);
        }
        // both inside: the closer one, ties to even
        long cmp = vb - ((s + t) << 1);
        return layout(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k + dk, buf, pos);
    }

    /**
     * floor(g * cp / 2^127) with the lowest bit set when the division is inexact, g = g1 * 2^63 + g0, from the
     * products g1 * cp = highHigh * 2^64 + highLow and the high half of g0 * cp (the paper shows the low half
     * of g0 * cp and the lowest bit of highLow cannot change the result).
     */
    private static long roundToOdd(long highHigh, long highLow, long lowHigh) {
        long middle = (highLow >>> 1) + lowHigh;
        return highHigh + (middle >>> 63) | (middle & Long.MAX_VALUE) + Long.MAX_VALUE >>> 63;
    }

    /** 1 when the unsigned sum {@code sum = a + b} wrapped around (the carry out of bit 63). */
    private static long carry(long a, long b, long sum) {
        return (a & b | (a | b) & ~sum) >>> 63;
    }

    /** 1 when the unsigned difference {@code difference = a - b} wrapped around (b above a). */
    private static long borrow(long a, long b, long difference) {
        return (~a & b | ~(a ^ b) & difference) >>> 63;
    }

    /** floor(e * log10(2)), exact for |e| up to about 5 million. */
    private static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(e * log10(2) + log10(3/4)). */
    private static int floorLog10ThreeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(e * log2(10)). */
    private static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /**
     * Writes the decimal {@code f * 10^e} (f &gt; 0) as Python lays it out: positional when the decimal exponent
     * is in [-4, 16), scientific otherwise, never with trailing zeros beyond one after the point.
     */
    private static int layout(long f, int e, byte[] buf, int pos) {
        // an odd f has no trailing zero; an even one is divisible by 10 when f / 2 is by 5
        while ((f & 1) == 0) {
            long fifth = (f >>> 1) * INVERSE_OF_5;
            if (fifth < 0 || fifth > MAX_FIFTH) {
                break;
            }
            f = fifth;
            e++;
        }
        int n = digitCount(f);
        int point = e + n; // value = 0.d1 d2 ... dn * 10^point
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                buf[pos++] = '0';
                buf[pos++] = '.';
                for (int z = point; z < 0; z++) {
                    buf[pos++] = '0';
                }
                pos += n;
                writeDigits(f, buf, pos);
                return pos;
            }
            if (point < n) {
                // digits one place to the right, then the integer part moves left over the point
                writeDigits(f, buf, pos + n + 1);
                System.arraycopy(buf, pos + 1, buf, pos, point);
                buf[pos + point] = '.';
                return pos + n + 1;
            }
            pos += n;
            writeDigits(f, buf, pos);
            for (int z = n; z < point; z++) {
                buf[pos++] = '0';
            }
            buf[pos++] = '.';
            buf[pos++] = '0';
            return pos;
        }
        if (n == 1) {
            buf[pos++] = (byte) ('0' + f);
        } else {
            writeDigits(f, buf, pos + n + 1);
            buf[pos] = buf[pos + 1];
            buf[pos + 1] = '.';
            pos += n + 1;
        }
        int exponent = point - 1;
        buf[pos++] = 'e';
        if (exponent < 0) {
            buf[pos++] = '-';
            exponent = -exponent;
        } else {
            buf[pos++] = '+';
        }
        if (exponent >= 100) {
            buf[pos++] = (byte) ('0' + exponent / 100);
            exponent %= 100;
        }
        buf[pos] = PAIRS[2 * exponent];
        buf[pos + 1] = PAIRS[2 * exponent + 1];
        return pos + 2;
    }

    /**
     * Number of decimal digits of {@code f > 0}. The bit length B comes from the exponent of (double) f, which may
     * round up to the next power of two (B one too many); either way 2^(B-2) &lt;= f &lt; 2^B, so with
     * n = floor(B log10 2) the count is n or n + 1 (10^(n-1) &lt;= 2^B / 10 &lt; f &lt; 2^B &lt;= 10^(n+1)).
     */
    static int digitCount(long f) {
        int n = floorLog10Pow2(Math.getExponent((double) f) + 1);
        return n < 19 ? n + (int) (POW10[n] - 1 - f >>> 63) : n;
    }

    /** Writes the decimal digits of {@code v >= 0} at {@code pos} and returns the end. */
    static int writeLong(long v, byte[] buf, int pos) {
        if (v == 0) {
            buf[pos] = '0';
            return pos + 1;
        }
        int end = pos + digitCount(v);
        writeDigits(v, buf, end);
        return end;
    }

    /** Writes the digits of {@code f > 0} so that the last one is at {@code end - 1}. */
    private static void writeDigits(long f, byte[] buf, int end) {
        while (f > Integer.MAX_VALUE) {
            long high = f < BELOW_1E17 ? mulHi(f, HUNDRED_MILLIONTH) >>> 20 : f / 100_000_000L;
            end -= 8;
            writeEight((int) (f - high * 100_000_000L), buf, end);
            f = high;
        }
        int x = (int) f;
        if (x >= 100_000_000) {
            int high = div100000000(x);
            end -= 8;
            writeEight(x - high * 100_000_000, buf, end);
            x = high;
        } else if (x >= 10_000_000) {
            writeEight(x, buf, end - 8);
            return;
        }
        while (x >= 100) {
            int high = div100(x);
            int pair = (x - high * 100) << 1;
            buf[--end] = PAIRS[pair + 1];
            buf[--end] = PAIRS[pair];
            x = high;
        }
        if (x >= 10) {
            buf[--end] = PAIRS[2 * x + 1];
            buf[--end] = PAIRS[2 * x];
        } else {
            buf[--end] = (byte) ('0' + x);
        }
    }

    /** Exactly eight digits (with leading zeros) of {@code x < 10^8} at {@code at}: one 8-byte store. */
    private static void writeEight(int x, byte[] buf, int at) {
        BYTES_AS_LONG.set(buf, at, eightDigits(x));
    }

    /**
     * The eight ASCII digits of {@code x < 10^8}, the first in the lowest byte, computed in parallel lanes: x splits
     * into two 4-digit halves (32-bit lanes), each into two 2-digit ones (16-bit lanes), each into two digits (8-bit
     * lanes); 10486 / 2^20 and 103 / 2^10 divide by 100 and 10 exactly below 10^4 and 10^2. Under C2 the formatter
     * is 10% faster than with a table of digit pairs and eight byte stores (C1 5%; in-JVM A/B, 2^20 random doubles).
     */
    static long eightDigits(int x) {
        int high = div10000(x);
        long halves = high | (long) (x - high * 10_000) << 32;
        long leading = (halves * 10486 >>> 20) & 0x0000_007F_0000_007FL;
        long pairs = (halves - 100 * leading) << 16 | leading;
        long tens = (pairs * 103 >>> 10) & 0x000F_000F_000F_000FL;
        return (tens | (pairs - 10 * tens) << 8) + 0x3030_3030_3030_3030L;
    }

    /** Stores a long into a byte[] at any index, little-endian (a single store where the hardware allows). */
    private static final java.lang.invoke.VarHandle BYTES_AS_LONG = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** x / 10^8 for 0 &lt;= x &lt; 2^31. */
    static int div100000000(int x) {
        return (int) (x * 1_441_151_881L >>> 57);
    }

    /** x / 10^4 for 0 &lt;= x &lt; 2^31. */
    static int div10000(int x) {
        return (int) (x * 3_518_437_209L >>> 45);
    }

    /** x / 100 for 0 &lt;= x &lt; 2^31. */
    static int div100(int x) {
        return (int) (x * 1_374_389_535L >>> 37);
    }

    /**
     * The high 64 bits of the 128-bit product of {@code x, y >= 0}: Math.multiplyHigh for non-negative operands,
     * from four 32-bit products (C1 neither inlines nor intrinsifies Math.multiplyHigh, whose sign handling makes
     * it four times this long).
     */
    static long mulHi(long x, long y) {
        long x1 = x >>> 32;
        long y0 = y & LOW32;
        long t = x1 * y0 + ((x & LOW32) * y0 >>> 32);
        return x1 * (y >>> 32) + (t >>> 32) + ((t & LOW32) + (x & LOW32) * (y >>> 32) >>> 32);
    }

    private static int copy(byte[] text, byte[] buf, int pos) {
        System.arraycopy(text, 0, buf, pos, text.length);
        return pos + text.length;
    }
}
