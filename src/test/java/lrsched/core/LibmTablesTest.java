package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Libm's tables that follow from a definition are that definition's values (computed here, not at start-up). */
class LibmTablesTest {

    /**
     * e_exp_data.c's table: 2^(k/128) = H[k] * (1 + T[k]) for k = 0..127, with H[k] the double nearest 2^(k/128) and
     * T[k] the double nearest the relative remainder; entry 2k holds T[k]'s bits, entry 2k+1 H[k]'s less k/128 in
     * the exponent field.
     */
    @Test
    void expTableIsTwoToTheKOver128SplitIntoNearestDoubleAndRelativeRemainder() {
        MathContext mc = new MathContext(60);
        long[] expected = new long[256];
        for (int k = 0; k < 128; k++) {
            BigDecimal v = new BigDecimal(BigInteger.ONE.shiftLeft(k));
            for (int i = 0; i < 7; i++) {
                v = v.sqrt(mc); // 2^(k/128) as the 128th root of 2^k
            }
            double h = v.doubleValue();
            BigDecimal hExact = new BigDecimal(h);
            double t = v.subtract(hExact, mc).divide(hExact, mc).doubleValue();
            expected[2 * k] = Double.doubleToRawLongBits(t);
            expected[2 * k + 1] = Double.doubleToRawLongBits(h) - ((long) k << 45);
        }
        assertThat(Libm.EXP_TAB).containsExactly(expected);
    }
}
