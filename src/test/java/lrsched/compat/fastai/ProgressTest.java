package lrsched.compat.fastai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ProgressTest {

    /** TrainEvalCallback's sum, one float64 addition at a time. */
    private static double oneByOne(double start, double increment, long additions) {
        double x = start;
        for (long k = 0; k < additions; k++) {
            x += increment;
        }
        return x;
    }

    @Test
    void everyPrefixOfAnEpochIsTheOneByOneSum() {
        long[][] runs = {{1, 1}, {1, 7}, {3, 97}, {5, 1237}, {7, 4096}, {3, 100_003}, {1, 1 << 20}};
        for (long[] run : runs) {
            long nEpoch = run[0];
            long perEpoch = run[1];
            double increment = 1. / (double) (perEpoch * nEpoch);
            for (long epoch = 0; epoch < nEpoch; epoch++) {
                double x = (double) epoch / (double) nEpoch;
                double start = x;
                for (long i = 0; i < perEpoch; i++) {
                    if (i % 997 == 0 || i > perEpoch - 5 || i < 40) {
                        assertThat(Progress.after(start, increment, i)).as(nEpoch + "x" + perEpoch + " epoch "
                                + epoch + " batch " + i).isEqualTo(x);
                    }
                    x += increment;
                }
            }
        }
    }

    @Test
    void randomStartsAndIncrementsMatchTheOneByOneSum() {
        SplittableRandom random = new SplittableRandom(15);
        for (int trial = 0; trial < 3000; trial++) {
            double start = random.nextBoolean() ? 0.0 : random.nextDouble() * Math.pow(2, -random.nextInt(30));
            double increment = random.nextDouble() * Math.pow(2, -random.nextInt(40));
            long additions = random.nextInt(5000);
            assertThat(Progress.after(start, increment, additions)).as(start + " + " + additions + " x " + increment)
                    .isEqualTo(oneByOne(start, increment, additions));
        }
    }

    @Test
    void tiesToEvenSettleAfterTheFirstAdditions() {
        // increments of a power of two plus half an ulp of the sum: every addition is a round-half-even tie
        double start = 0.5;
        double ulp = Math.ulp(start);
        for (double increment : new double[] {ulp * 1.5, ulp * 2.5, ulp * 3.5, ulp * 0.5, ulp * 0.25, 1.0 / 3}) {
            for (long n : new long[] {0, 1, 2, 3, 4, 5, 100, 1001}) {
                assertThat(Progress.after(start, increment, n)).as(increment + " x " + n)
                        .isEqualTo(oneByOne(start, increment, n));
            }
        }
    }
}
