package lrsched.compat.mmengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;

class MmengineTypesTest {
    private static Schedule build(String params) {
        return Flags.schedule(params);
    }

    @Test
    void anEpochBasedSchedulerNeedsTheEpochLength() {
        assertThatThrownBy(() -> build("type=mmengine.StepLR,lr=0.1,step_size=2"))
                .isInstanceOf(InputException.class).hasMessageContaining("epoch_length")
                .hasMessageContaining("len(train_dataloader)");
    }

    @Test
    void anIterationBasedSchedulerNeedsNoEpochLength() {
        Schedule s = build("type=mmengine.ExponentialLR,lr=0.1,gamma=0.5,by_epoch=false,end=3");
        assertThat(s.at(0)).isEqualTo(0.1);
        assertThat(s.at(2)).isEqualTo(0.025);
        assertThat(s.at(Long.MAX_VALUE)).isEqualTo(0.025); // frozen after the window
    }

    @Test
    void endNotAfterBeginIsMmenginesValueError() {
        assertThatThrownBy(() -> build("type=mmengine.LinearLR,lr=0.1,begin=5,end=5,by_epoch=false"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("ValueError: end should be larger than begin, but got begin=5, end=5");
    }

    @Test
    void factorsOutsideZeroToOneAreRefusedAsMmengineDoes() {
        assertThatThrownBy(() -> build("type=mmengine.ConstantLR,lr=0.1,factor=1.5,by_epoch=false,end=4"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("Constant multiplicative factor should between 0 and 1.");
        assertThatThrownBy(() -> build("type=mmengine.LinearLR,lr=0.1,start_factor=-0.1,by_epoch=false,end=4"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("Starting multiplicative factor should between 0 and 1.");
    }

    @Test
    void cosineTakesEitherEtaMinOrItsRatio() {
        assertThatThrownBy(() -> build("type=mmengine.CosineAnnealingLR,lr=0.1,eta_min=0.0,eta_min_ratio=0.1,"
                + "by_epoch=false,end=10")).isInstanceOf(InputException.class)
                .hasMessageContaining("give exactly one of eta_min and eta_min_ratio");
    }

    @Test
    void convertingAnIterationBasedSchedulerIsRefused() {
        assertThatThrownBy(() -> build("type=mmengine.LinearLR,lr=0.1,by_epoch=false,convert_to_iter_based=true,"
                + "end=4,epoch_length=3")).isInstanceOf(InputException.class)
                .hasMessageContaining("Only epoch-based parameter scheduler can be converted");
    }

    @Test
    void restartWeightsMustMatchThePeriods() {
        assertThatThrownBy(() -> build("type=mmengine.CosineRestartLR,lr=0.1,periods=[5,5],restart_weights=[1],"
                + "eta_min=0,by_epoch=false")).isInstanceOf(InputException.class)
                .hasMessageContaining("periods and restart_weights should have the same length (2 and 1)");
    }

    @Test
    void plateauIsEpochBasedOnly() {
        assertThatThrownBy(() -> build("type=mmengine.ReduceOnPlateauLR,lr=0.1,metrics=[1,2],by_epoch=false"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("Now ReduceOnPlateauLR only support by_epoch=True");
    }

    @Test
    void aListEntryWithAnotherClasssArgumentIsRefused() {
        assertThatThrownBy(() -> build("type=mmengine.param_scheduler,lr=0.1,"
                + "schedulers=[{type: StepLR, step_size: 2, gamma: 0.5, by_epoch: false, T_max: 3}]"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("entry 0 (StepLR): StepLR.__init__() got an unexpected keyword argument "
                        + "'T_max'");
    }

    @Test
    void aDefaultEndWithoutTheRunLengthIsMmenginesInfinity() {
        Schedule s = build("type=mmengine.ConstantLR,lr=0.1,factor=0.5,by_epoch=false");
        assertThat(s.at(4_000_000)).isEqualTo(0.05);
    }
}
