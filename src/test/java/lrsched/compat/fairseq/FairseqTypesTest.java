package lrsched.compat.fairseq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void cosineWithAnEmptyPeriodIsRefusedUpFront() {
        // fairseq would warm up, then divide by the period max_update - warmup_updates = 0 at every later update
        assertThatThrownBy(() -> Flags.schedule("type=fairseq.cosine,lr=1,warmup_updates=3,max_update=3"))
                .isInstanceOf(InputException.class).hasMessageContaining("max_update")
                .hasMessageContaining("ZeroDivisionError");
    }

    /**
     * Arguments outside each scheduler's meaningful domain are refused up front (src/docs/compat/fairseq.md,
     * "Domains"): divisions by zero, logs of non-positive numbers, negative lengths and counts, negative LRs, and
     * shrink factors above 1 (the bounds would grow per period and overflow).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "type=fairseq.cosine,lr=1,lr_period_updates=10,lr_shrink=1.4            | lr_shrink",
            "type=fairseq.cosine,lr=1,lr_period_updates=10,lr_shrink=-0.5           | lr_shrink",
            "type=fairseq.cosine,lr=1,lr_period_updates=10,min_lr=-0.1              | min_lr",
            "type=fairseq.cosine,lr=1,lr_period_updates=10,t_mult=0                 | t_mult",
            "type=fairseq.cosine,lr=1,lr_period_updates=10,t_mult=-2                | t_mult",
            "type=fairseq.cosine,lr=1,lr_period_updates=10,warmup_updates=-5        | warmup_updates",
            // the derived period max_update - warmup_updates is negative: the cycles would run backwards
            "type=fairseq.cosine,lr=1,warmup_updates=10,max_update=5                | max_update",
            "type=fairseq.cosine,lr=1,lr_period_updates=10,max_update=-1            | max_update",
            // lr_period_updates // 2 must be at least 1 (negative: cycles backwards, growing max_lr)
            "type=fairseq.triangular,lr=0.1,max_lr=1,lr_period_updates=-0.07        | lr_period_updates",
            "type=fairseq.triangular,lr=0.1,max_lr=1,lr_period_updates=1.5          | lr_period_updates",
            "type=fairseq.triangular,lr=0.1,max_lr=1,lr_shrink=2                    | lr_shrink",
            "type=fairseq.polynomial_decay,lr=1,total_num_update=10,power=-1        | power",
            "type=fairseq.polynomial_decay,lr=1,total_num_update=10,warmup_updates=-2 | warmup_updates",
            "type=fairseq.tri_stage,lr=1,warmup_steps=2,hold_steps=-1,decay_steps=4 | hold_steps",
            "type=fairseq.tri_stage,lr=1,phase_ratio=[-0.5,1,0.5],max_update=100    | phase_ratio",
    })
    void refusesArgumentsOutsideTheDomain(String flag, String param) {
        assertThatThrownBy(() -> Flags.schedule(flag.strip())).isInstanceOf(InputException.class)
                .hasMessageContaining(param);
    }

    @Test
    void cosineAcceptsAFractionalPeriodAndAShrinkOfZero() {
        // period 2.5: update 3 is 0.5 into cycle 1, whose bounds are shrunk to 0 (0.0 ** 1 == 0)
        assertRows("type=fairseq.cosine,lr=1,lr_period_updates=2.5,lr_shrink=0", 1, 0.5 * (1 + Math.cos(Math.PI
                / 2.5)), 0.5 * (1 + Math.cos(Math.PI * 2 / 2.5)), 0);
    }

    @Test
    void cosineRefusesAnUpdateWhoseCycleIndexOverflowsAsPythonRaises() {
        // 10^12 / 1e-300 is inf, and fairseq's math.floor(inf) raises OverflowError
        Schedule s = Flags.schedule("type=fairseq.cosine,lr=1,lr_period_updates=1e-300,lr_shrink=1");
        assertThatThrownBy(() -> s.at(1_000_000_000_000L)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("OverflowError");
    }

    @Test
    void cosineRestartsForEverWithShrinkingBounds() {
        // period 2, shrink 0.5, min 0: n = 0 peak 1, n = 1 half way 0.5, n = 2 restart at 0.5, n = 4 at 0.25
        assertRows("type=fairseq.cosine,lr=1,lr_period_updates=2,lr_shrink=0.5", 1, 0.5, 0.5, 0.25, 0.25);
    }
}
