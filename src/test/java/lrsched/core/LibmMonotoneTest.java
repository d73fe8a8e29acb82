package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Charts take a schedule's monotone pieces on trust ({@link Pieces}): inside a piece the computed doubles must never
 * turn. Java's {@code Math} functions are semi-monotonic by specification; {@link Libm}'s, which perform glibc's
 * algorithms, are not specified so, and glibc is not correctly rounded. These tests look for a turn where one is
 * likeliest: on schedule-like argument sequences ({@code cos(pi * t / T)} for every t, the decays' pow, exp and
 * log), across consecutive doubles at the points where glibc's cos switches method or table entry, and near 0, pi/2
 * and pi, where neighbouring values differ by an ulp or less.
 */
class LibmMonotoneTest {

    @Test
    void cosOfScheduleArgumentsNeverRisesOnZeroToPi() {
        Random random = new Random(20261206);
        List<String> rises = new ArrayList<>();
        for (int k = 0; k < 160; k++) {
            long total = k < 60 ? (k + 1) * 7L : 1 + random.nextInt(k < 140 ? 20_000 : 200_000);
            double previous = Double.POSITIVE_INFINITY;
            for (long t = 0; t <= total; t++) {
                double c = Libm.cos(Math.PI * t / total);
                if (c > previous) {
                    rises.add("T=" + total + " t=" + t);
                }
                previous = c;
            }
        }
        assertThat(rises).isEmpty();
    }

    @Test
    void cosNeverRisesAcrossConsecutiveDoublesWhereGlibcSwitchesMethodOrTableEntry() {
        List<Double> starts = new ArrayList<>(List.of(0.0, 0x1p-27, 0.855469, 2.426265, Math.PI / 2, Math.PI - 1e-9));
        for (int k = 0; k < 128 * 3; k++) {
            starts.add((k + 0.5) / 128); // u.x = big + |x| picks the table entry nearest x * 128
        }
        assertThat(rises(Libm::cos, starts, 20_000, Math.PI)).isEmpty();
    }

    @Test
    void powExpAndLogOfDecayArgumentsNeverTurn() {
        List<String> turns = new ArrayList<>();
        for (double power : new double[] {0.5, 1.0, 2.0, 0.9, 3.7, -0.5, -1.5}) {
            double previous = Libm.pow(0, power);
            for (int i = 1; i <= 200_000; i++) {
                double v = Libm.pow(i / 200_000.0, power);
                if (power > 0 ? v < previous : v > previous) {
                    turns.add("pow(" + i + "/200000, " + power + ")");
                }
                previous = v;
            }
        }
        double previousExp = 0;
        double previousLog = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 400_000; i++) {
            double x = -20 + i * 1e-4;
            double e = Libm.exp(x);
            double l = Libm.log(1 + i * 1e-3);
            if (e < previousExp || l < previousLog) {
                turns.add("exp/log at i=" + i);
            }
            previousExp = e;
            previousLog = l;
        }
        assertThat(turns).isEmpty();
    }

    /** torch's StepLR and ExponentialLR past the replayed steps: lr * gamma^k for the stair or step k. */
    @Test
    void powOfAFixedGammaNeverTurnsInItsIntegerExponent() {
        List<String> turns = new ArrayList<>();
        for (double gamma : new double[] {0.1, 0.5, 0.9, 0.97, 0.999, 0.9999999, 1 - 0x1p-40, 1.0001, 1.5, 2}) {
            for (long start : new long[] {0, 10_000_000, 123_456_789, 4_000_000_000L}) {
                double previous = Libm.pow(gamma, start);
                for (long k = start + 1; k <= start + 100_000; k++) {
                    double v = Libm.pow(gamma, k);
                    if (gamma < 1 ? v > previous : v < previous) {
                        turns.add("pow(" + gamma + ", " + k + ")");
                    }
                    previous = v;
                }
            }
        }
        assertThat(turns).isEmpty();
    }

    /** fvcore's ExponentialParamScheduler: start_value * decay ** where, where = row / max_iter in [0, 1). */
    @Test
    void powOfAFixedDecayNeverTurnsInAFractionalExponent() {
        List<String> turns = new ArrayList<>();
        for (double decay : new double[] {0.02, 0.1, 0.5, 0.9, 0.999, 1.0001, 3, 1e6}) {
            for (long n : new long[] {90_000, 100_000, 1L << 17, 270_001}) {
                double previous = Libm.pow(decay, 0.0);
                for (long k = 1; k < n; k++) {
                    double v = Libm.pow(decay, (double) k / (double) n);
                    if (decay < 1 ? v > previous : v < previous) {
                        turns.add("pow(" + decay + ", " + k + "/" + n + ")");
                    }
                    previous = v;
                }
            }
        }
        assertThat(turns).isEmpty();
    }

    /** Arguments from each start over {@code count} consecutive doubles (up to {@code end}) where f rises. */
    private static List<String> rises(DoubleUnaryOperator f, List<Double> starts, int count, double end) {
        List<String> rises = new ArrayList<>();
        for (double start : starts) {
            double x = start;
            for (int i = 0; i < count / 2 && x > 0; i++) {
                x = Math.nextDown(x);
            }
            double previous = f.applyAsDouble(x);
            for (int i = 0; i < count && x < end; i++) {
                x = Math.nextUp(x);
                double v = f.applyAsDouble(x);
                if (v > previous) {
                    rises.add("at " + x);
                }
                previous = v;
            }
        }
        return rises;
    }
}
