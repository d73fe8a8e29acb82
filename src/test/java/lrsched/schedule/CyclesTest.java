package lrsched.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Cycles#locateExactly} against PyTorch's loop, counted here step by step or in unbounded integers. */
class CyclesTest {

    @Test
    void everyStepFallsWhereCountingOneByOnePutsIt() {
        for (long period : new long[] {1, 3, 10}) {
            for (long mult : new long[] {1, 2, 3}) {
                // T_cur counts up; on reaching T_i it restarts and T_i is multiplied by T_mult
                long offset = 0;
                long length = period;
                for (long u = 0; u < 20_000; u++) {
                    assertThat(Cycles.locateExactly(u, period, mult)).as("u=%d T_0=%d T_mult=%d", u, period, mult)
                            .isEqualTo(new Cycles.Exact(offset, length));
                    if (++offset == length) {
                        offset = 0;
                        length *= mult;
                    }
                }
            }
        }
    }

    @Test
    void theLocatorGivesLocatesPositionsBitForBit() {
        SplittableRandom random = new SplittableRandom(19);
        for (int k = 0; k < 400; k++) {
            long period = 1 + random.nextLong(k % 2 == 0 ? 100 : 1_000_000);
            // multipliers from just above 1 (where the starts' rounding is worst) to 10
            double mult = k % 4 == 0 ? 1 + Math.pow(10, -1 - random.nextInt(15)) * (1 + random.nextDouble())
                    : k % 4 == 1 ? 1.0 : 1 + 9 * random.nextDouble();
            if (k % 8 == 3) {
                mult = 2 + random.nextInt(3); // whole multipliers, as most specs give them
            }
            Cycles.Locator locator = Cycles.locator(period, mult);
            for (int i = 0; i < 3_000; i++) {
                long u = switch (i % 3) {
                    case 0 -> random.nextLong(Math.max(2, period * 50));
                    case 1 -> random.nextLong(1L << (1 + random.nextInt(62)));
                    default -> Math.max(0, (long) (period * (Math.pow(mult, random.nextInt(70)) - 1) / (mult - 1))
                            + random.nextInt(5) - 2); // at and around cycle starts
                };
                if (u < 0) {
                    continue;
                }
                assertThat(locator.position(u)).as("u=%d period=%d mult=%s", u, period, mult)
                        .isEqualTo(Cycles.locate(u, period, mult));
                // and the steps after it, in order, as csv asks for them: the kept cycle serves most of them
                if (i % 100 == 0) {
                    for (long v = u; v < u + Math.min(2 * period + 10, 3_000) && v >= 0; v++) {
                        assertThat(locator.position(v)).as("u=%d period=%d mult=%s", v, period, mult)
                                .isEqualTo(Cycles.locate(v, period, mult));
                    }
                }
            }
        }
    }

    @Test
    void hugeStepsAgreeWithUnboundedIntegersAndLengthsPast64BitsStayAtTheLargestLong() {
        SplittableRandom random = new SplittableRandom(18);
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        for (int i = 0; i < 2_000; i++) {
            long u = i == 0 ? Long.MAX_VALUE : random.nextLong(Long.MAX_VALUE);
            long period = 1 + random.nextLong(1_000);
            long mult = 2 + random.nextLong(5);
            BigInteger offset = BigInteger.valueOf(u);
            BigInteger length = BigInteger.valueOf(period);
            while (offset.compareTo(length) >= 0) {
                offset = offset.subtract(length);
                length = length.multiply(BigInteger.valueOf(mult));
            }
            assertThat(Cycles.locateExactly(u, period, mult)).as("u=%d T_0=%d T_mult=%d", u, period, mult)
                    .isEqualTo(new Cycles.Exact(offset.longValueExact(), length.min(max).longValueExact()));
        }
        // by hand: lengths 1, 2, 4, ..., 2^62 sum to 2^63 - 1; step 2^63 - 2 is 2^62 - 1 into the cycle of 2^62
        assertThat(Cycles.locateExactly(Long.MAX_VALUE - 1, 1, 2))
                .isEqualTo(new Cycles.Exact((1L << 62) - 1, 1L << 62));
    }
}
