package lrsched.compat.megatron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;

class MegatronTypesTest {
    private static Schedule build(String params) {
        return Flags.schedule("type=megatron.OptimizerParamScheduler," + params);
    }

    @Test
    void rowsFarBeyondTheDecayAreMinLrWithoutOverflowingTheSampleCount() {
        Schedule s = build("lr=0.001,min_lr=0.0001,train_iters=100,global_batch_size=4096");
        assertThat(s.at(Long.MAX_VALUE)).isEqualTo(0.0001);
        assertThat(s.at(101)).isEqualTo(0.0001);
    }

    @Test
    void constantStaysAtLrAfterTheDecayEnd() {
        Schedule s = build("lr=0.001,min_lr=0.0001,lr_decay_style=constant,train_iters=10,"
                + "global_batch_size=8");
        assertThat(s.at(Long.MAX_VALUE)).isEqualTo(0.001);
    }

    @Test
    void marksTheWarmupPeakRowAndTheRunEnd() {
        Schedule s = build("lr=0.001,lr_warmup_fraction=0.01,train_samples=100000,global_batch_size=64");
        // W = 1000 samples: row 15 is 960 samples (warmup), row 16 is 1024 (past the peak)
        assertThat(s.warmupEnd()).hasValue(16);
        assertThat(s.nominalEnd()).hasValue(1562); // 100000 // 64
    }

    @Test
    void refusesAWarmupAsLongAsTheDecayWithMegatronsAssert() {
        assertThatThrownBy(() -> build("lr=0.001,lr_warmup_iters=100,train_iters=100,global_batch_size=8"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("lr_warmup_iters: AssertionError (assert self.lr_warmup_steps < "
                        + "self.lr_decay_steps): the warmup is 800.0 samples, the decay 800");
    }

    @Test
    void refusesDecayLengthsBeyondExactFloat64Counting() {
        assertThatThrownBy(() -> build("lr=0.001,train_iters=100000000000,global_batch_size=1000000"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("lr_decay_iters: lr_decay_steps is 100000000000000000 samples, beyond 2^53 "
                        + "where float64 no longer counts samples exactly; lrsched refuses it");
    }
}
