package lrsched.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ReplayTest {
    private static final double GAMMA = 0.97;
    private static final long STAIR = 777;

    private static void stair(double[] state, long t) {
        state[0] *= t % STAIR == 0 ? GAMMA : 1;
    }

    @Test
    void jumpingOverStepsThatKeepTheStateGivesTheSameDoublesAsStepping() {
        Replay stepped = new Replay(new double[] {0.1}, ReplayTest::stair, t -> Double.NaN);
        Replay jumping = new Replay(new double[] {0.1}, ReplayTest::stair, t -> t % STAIR == 0 ? t : t + STAIR
                - t % STAIR, t -> Double.NaN);
        Random random = new Random(18);
        for (int i = 0; i < 300; i++) {
            long t = i < 100 ? random.nextInt(5000) : random.nextInt((int) Replay.LIMIT + 1);
            assertThat(jumping.at(t)).as("step %d", t).isEqualTo(stepped.at(t));
        }
        assertThat(jumping.at(Replay.LIMIT)).isEqualTo(stepped.at(Replay.LIMIT));
    }

    @Test
    void aRecursionThatNeverChangesAgainCostsNothingToReplayToTheLimit() {
        Replay constant = new Replay(new double[] {0.5}, (state, t) -> state[0] *= t == 3 ? 0.5 : 1,
                t -> t <= 3 ? 3 : Long.MAX_VALUE, t -> Double.NaN);
        assertThat(constant.at(Replay.LIMIT)).isEqualTo(0.25);
        assertThat(constant.at(2)).isEqualTo(0.5);
        assertThat(constant.at(Replay.LIMIT - Replay.STRIDE - 1)).isEqualTo(0.25);
    }
}
