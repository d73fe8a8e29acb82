package lrsched.compat.fairseq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import lrsched.schedule.Schedule;
import lrsched.schedule.StepOutOfRangeException;
import lrsched.testing.Flags;

/** fairseq rows (step_update(s)) on small cases computed by hand from fairseq/optim/lr_scheduler/*.py. */
class FairseqTypesTest {

    private static void assertRows(String flag, double... expected) {
        Schedule s = Flags.schedule(flag);
        for (int row = 0; row < expected.length; row++) {
            assertThat(s.at(row)).as("row " + row).isCloseTo(expected[row], within(1e-15));
        }
    }

    @Test
    void inverseSqrtPeaksAtWarmupUpdatesThenFallsAsOneOverSqrt() {
        assertRows("type=fairseq.inverse_sqrt,lr=1,warmup_updates=4", 0, 0.25, 0.5, 0.75, 1, 2 / Math.sqrt(5));
    }

    @Test
    void polynomialDecayRunsUpdateZeroAtZeroWithAWarmup() {
        // warmup 2, total 6, power 1: n/2 up to 1 at n = 2, then 1 - (n - 2)/4, then end_learning_rate 0
        assertRows("type=fairseq.polynomial_decay,lr=1,warmup_updates=2,total_num_update=6",
                0, 0.5, 1, 0.75, 0.5, 0.25, 0, 0);
    }

    @Test
    void triangularLosesOneUpdateOfAnOddPeriod() {
        // lr_period_updates 5: stepsize 5 // 2 = 2, so cycles of 4 updates; the second cycle's max is shrunk
        assertRows("type=fairseq.triangular,lr=0,max_lr=1,lr_period_updates=5,lr_shrink=0.5",
                0, 0.5, 1, 0.5, 0, 0.25, 0.5);
    }

    @Test
    void triStageHoldsThenDecaysExponentially() {
        // warmup 2 from 0.01 to 1, hold 1, decay 2 to final_lr_scale 0.25: 1, 0.5, 0.25, then 0.25
        assertRows("type=fairseq.tri_stage,lr=1,warmup_steps=2,hold_steps=1,decay_steps=2,final_lr_scale=0.25",
                0.01, 0.505, 1, 1, 0.5, 0.25, 0.25);
    }

    @Test
    void cosineWithAnEmptyPeriodRaisesAfterTheWarmup() {
        Schedule s = Flags.schedule("type=fairseq.cosine,lr=1,warmup_updates=3,max_update=3");
        assertThat(s.at(2)).isCloseTo(2.0 / 3, within(1e-15));
        assertThatThrownBy(() -> s.at(3)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("division by zero");
    }

    @Test
    void cosineRestartsForEverWithShrinkingBounds() {
        // period 2, shrink 0.5, min 0: n = 0 peak 1, n = 1 half way 0.5, n = 2 restart at 0.5, n = 4 at 0.25
        assertRows("type=fairseq.cosine,lr=1,lr_period_updates=2,lr_shrink=0.5", 1, 0.5, 0.5, 0.25, 0.25);
    }
}
