package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

import org.junit.jupiter.api.Test;

/**
 * The byte path ({@link DoubleFormat#write}) against the original string path ({@link JacksonRepr}) on many seeded
 * random doubles and on the families where layouts change: subnormals, powers of ten, integers, powers of two.
 */
class DoubleFormatPropertyTest {
    private static final long SEED = 20260101L;

    private final byte[] buffer = new byte[8 + DoubleFormat.MAX_LENGTH];

    private void check(double v) {
        // write at an offset into a dirty buffer: the writer must neither read nor leave anything outside its bytes
        java.util.Arrays.fill(buffer, (byte) '#');
        int end = DoubleFormat.write(v, buffer, 3);
        String fast = new String(buffer, 3, end - 3, StandardCharsets.ISO_8859_1);
        String reference = JacksonRepr.format(v);
        if (!fast.equals(reference)) {
            assertThat(fast).as("bits %016x", Double.doubleToRawLongBits(v)).isEqualTo(reference);
        }
        if (end - 3 > DoubleFormat.MAX_LENGTH || buffer[end] != '#' || buffer[2] != '#') {
            fail("wrote outside its bytes for " + reference);
        }
        if (Double.isFinite(v) && Double.parseDouble(fast) != v && !(v == 0)) {
            fail(fast + " does not read back as " + v);
        }
    }

    private void checkBothSigns(double v) {
        check(v);
        check(-v);
    }

    @Test
    void randomBitPatternsCoverEveryExponent() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 500_000; i++) {
            check(Double.longBitsToDouble(random.nextLong()));
        }
    }

    @Test
    void randomLearningRateSizedValues() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 300_000; i++) {
            check(random.nextDouble() * Math.pow(10, random.nextInt(-12, 3)));
        }
    }

    @Test
    void subnormals() {
        for (long bits = 1; bits <= 5_000; bits++) {
            checkBothSigns(Double.longBitsToDouble(bits));
        }
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int i = 0; i < 100_000; i++) {
            checkBothSigns(Double.longBitsToDouble(random.nextLong(1, 1L << 52)));
        }
        aroundEach(Double.MIN_NORMAL, this::checkBothSigns);
        aroundEach(Double.longBitsToDouble((1L << 52) - 1), this::checkBothSigns);
    }

    @Test
    void powersOfTenAndTheirNeighbours() {
        for (int e = -325; e <= 309; e++) {
            double p = Double.parseDouble("1e" + e);
            aroundEach(p, this::checkBothSigns);
            for (int m = 2; m <= 9; m++) {
                checkBothSigns(Double.parseDouble(m + "e" + e));
            }
        }
    }

    @Test
    void integersAndPowersOfTwo() {
        for (int i = 0; i <= 100_000; i++) {
            checkBothSigns(i);
        }
        SplittableRandom random = new SplittableRandom(SEED + 3);
        for (int i = 0; i < 100_000; i++) {
            checkBothSigns(random.nextLong(1L << 53));
            checkBothSigns((double) random.nextLong());
        }
        for (int e = -1074; e <= 1023; e++) {
            aroundEach(Math.scalb(1.0, e), this::checkBothSigns);
        }
        for (long k = (1L << 53) - 20; k <= (1L << 53) + 20; k++) {
            checkBothSigns(k);
        }
        aroundEach(Double.MAX_VALUE, this::checkBothSigns);
    }

    @Test
    void specialValues() {
        for (double v : new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.longBitsToDouble(0xfff8000000000001L), Double.MIN_VALUE, Double.MAX_VALUE, 1e16, 1e-4,
                9.999999999999999e-5, 9999999999999998.0, 1e23, 5e-324}) {
            check(v);
        }
    }

    @Test
    void stepNumbersAreWrittenAsDecimalIntegers() {
        byte[] b = new byte[24];
        SplittableRandom random = new SplittableRandom(SEED + 4);
        for (int i = 0; i < 200_000; i++) {
            long v = i < 1000 ? i : random.nextLong(Long.MAX_VALUE);
            int end = Schubfach.writeLong(v, b, 0);
            assertThat(new String(b, 0, end, StandardCharsets.ISO_8859_1)).isEqualTo(Long.toString(v));
        }
        int end = Schubfach.writeLong(Long.MAX_VALUE, b, 0);
        assertThat(new String(b, 0, end, StandardCharsets.ISO_8859_1)).isEqualTo(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void divisionsByConstantsAreExactOverTheirRanges() {
        SplittableRandom random = new SplittableRandom(SEED + 5);
        for (int i = 0; i < 1_000_000; i++) {
            long f = i < 100_000 ? i : random.nextLong(280_000_000_000_000_000L);
            if (Schubfach.mulHi(f, Schubfach.TENTH) != f / 10) {
                fail("floor(" + f + " / 10)");
            }
            long g = i < 100_000 ? 100_000_000L * i - 1 + (i & 1) : random.nextLong(100_000_000_000_000_000L);
            if (g >= 0 && Schubfach.mulHi(g, Schubfach.HUNDRED_MILLIONTH) >>> 20 != g / 100_000_000L) {
                fail("floor(" + g + " / 10^8)");
            }
            int x = i < 100_000 ? i : (int) random.nextLong(1L << 31);
            if (Schubfach.div100(x) != x / 100 || Schubfach.div10000(x) != x / 10_000
                    || Schubfach.div100000000(x) != x / 100_000_000) {
                fail(x + " / 100, / 10^4 or / 10^8");
            }
        }
        for (long f = 279_999_999_999_999_000L; f < 280_000_000_000_000_000L; f++) {
            if (Schubfach.mulHi(f, Schubfach.TENTH) != f / 10) {
                fail("floor(" + f + " / 10)");
            }
        }
        for (long g = 99_999_999_999_999_000L; g < 100_000_000_000_000_000L; g++) {
            if (Schubfach.mulHi(g, Schubfach.HUNDRED_MILLIONTH) >>> 20 != g / 100_000_000L) {
                fail("floor(" + g + " / 10^8)");
            }
        }
        for (int x = Integer.MAX_VALUE; x > Integer.MAX_VALUE - 1000; x--) {
            if (Schubfach.div100(x) != x / 100 || Schubfach.div10000(x) != x / 10_000
                    || Schubfach.div100000000(x) != x / 100_000_000) {
                fail(x + " / 100, / 10^4 or / 10^8");
            }
        }
    }

    @Test
    void eightDigitsAreTheDecimalDigitsOfEveryNumberBelow10To8() {
        for (int x = 0; x < 100_000_000; x++) {
            long expected = 0;
            for (int i = 0, rest = x; i < 8; i++, rest /= 10) {
                expected = expected << 8 | ('0' + rest % 10); // the last digit ends up in the highest byte
            }
            if (Schubfach.eightDigits(x) != expected) {
                fail("the eight digits of " + x + ": " + Long.toHexString(Schubfach.eightDigits(x)));
            }
        }
    }

    @Test
    void highHalfOfProductsIsMultiplyHighForNonNegativeOperands() {
        SplittableRandom random = new SplittableRandom(SEED + 6);
        long[] edges = {0, 1, 2, 0xFFFF_FFFFL, 1L << 32, (1L << 32) + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1,
            Schubfach.TENTH, Schubfach.HUNDRED_MILLIONTH};
        for (long x : edges) {
            for (long y : edges) {
                assertThat(Schubfach.mulHi(x, y)).as("%d * %d", x, y).isEqualTo(Math.multiplyHigh(x, y));
            }
        }
        for (int i = 0; i < 1_000_000; i++) {
            // operands of every bit length, as the formatter's range of significands and table entries needs
            long x = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            long y = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            if (Schubfach.mulHi(x, y) != Math.multiplyHigh(x, y)) {
                fail("high half of " + x + " * " + y);
            }
        }
    }

    @Test
    void digitCountsAtEveryPowerOfTenAndTwo() {
        long p = 1; // 10^(digits - 1)
        for (int digits = 1; digits <= 19; digits++, p *= digits <= 19 ? 10 : 1) {
            assertThat(Schubfach.digitCount(p)).as("10^%d", digits - 1).isEqualTo(digits);
            if (p > 1) {
                assertThat(Schubfach.digitCount(p - 1)).as("10^%d - 1", digits - 1).isEqualTo(digits - 1);
            }
        }
        for (int b = 1; b < 63; b++) {
            for (long f : new long[] {(1L << b) - 1, 1L << b, (1L << b) + 1, (1L << b) - 512, (1L << b) - 1025}) {
                if (f > 0) {
                    assertThat(Schubfach.digitCount(f)).as("%d", f).isEqualTo(Long.toString(f).length());
                }
            }
        }
        assertThat(Schubfach.digitCount(Long.MAX_VALUE)).isEqualTo(19);
    }

    private static void aroundEach(double v, DoubleConsumer check) {
        double down = v;
        double up = v;
        check.accept(v);
        for (int i = 0; i < 3; i++) {
            down = Math.nextDown(down);
            up = Math.nextUp(up);
            if (down > 0) {
                check.accept(down);
            }
            if (Double.isFinite(up)) {
                check.accept(up);
            }
        }
    }
}
