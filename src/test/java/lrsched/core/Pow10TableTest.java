package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** Recomputes every entry of the generated table from its definition (see {@link Pow10Table}). */
class Pow10TableTest {

    @Test
    void everyEntryIsTheRoundedUpPowerOfTen() {
        assertThat(Pow10Table.G).hasSize(2 * (Pow10Table.K_MAX - Pow10Table.K_MIN + 1));
        for (int k = Pow10Table.K_MIN; k <= Pow10Table.K_MAX; k++) {
            BigInteger g = expected(k);
            int at = 2 * (k - Pow10Table.K_MIN);
            assertThat(g.bitLength()).as("k=%d", k).isEqualTo(126);
            assertThat(Pow10Table.G[at]).as("high bits, k=%d", k).isEqualTo(g.shiftRight(63).longValueExact());
            assertThat(Pow10Table.G[at + 1]).as("low bits, k=%d", k)
                    .isEqualTo(g.and(BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE)).longValueExact());
        }
    }

    /** g = floor(10^-k / 2^r) + 1 with r = floor(log2(10^-k)) - 125. */
    static BigInteger expected(int k) {
        int r = BigInteger.TEN.pow(Math.abs(k)).bitLength() - 1;
        r = (k <= 0 ? r : -r - 1) - 125; // floor(log2(10^-k)) is -(floor(log2(10^k)) + 1) for k > 0
        BigInteger floor;
        if (k <= 0) {
            BigInteger p = BigInteger.TEN.pow(-k);
            floor = r >= 0 ? p.shiftRight(r) : p.shiftLeft(-r);
        } else {
            floor = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
        }
        return floor.add(BigInteger.ONE);
    }

    /** Prints the table in source form (run by hand if the definition ever changes). */
    public static void main(String[] args) {
        for (int k = Pow10Table.K_MIN; k <= Pow10Table.K_MAX; k++) {
            BigInteger g = expected(k);
            System.out.printf("            0x%016XL, 0x%016XL, // %d%n", g.shiftRight(63).longValueExact(),
                    g.and(BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE)).longValueExact(), k);
        }
    }
}
