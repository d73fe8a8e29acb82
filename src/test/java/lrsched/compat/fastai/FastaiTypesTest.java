package lrsched.compat.fastai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;

class FastaiTypesTest {
    private static Schedule build(String params) {
        return Flags.schedule(params);
    }

    private static void refused(String params, String message) {
        assertThatThrownBy(() -> build(params)).isInstanceOf(InputException.class).hasMessageContaining(message);
    }

    @Test
    void rowsAfterTheLastBatchAreRefused() {
        Schedule s = build("type=fastai.fit_one_cycle,n_epoch=2,batches_per_epoch=3");
        assertThat(s.at(5)).isPositive();
        assertThat(s.nominalEnd()).hasValue(6);
        assertThatThrownBy(() -> s.at(6)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessage("fit_one_cycle trains 6 batches (rows 0 to 5); fastai sets no LR after its last batch");
    }

    @Test
    void theFirstBatchHasPositionZero() {
        Schedule s = build("type=fastai.fit_one_cycle,n_epoch=4,lr_max=0.5,div=10,batches_per_epoch=7");
        assertThat(s.at(0)).isEqualTo(0.05);
        assertThat(build("type=fastai.fit_flat_cos,n_epoch=1,lr=0.2,batches_per_epoch=9").at(0)).isEqualTo(0.2);
    }

    @Test
    void oneCycleWarmupEndsAtTheFirstBatchPastPctStart() {
        Schedule s = build("type=fastai.fit_one_cycle,n_epoch=4,lr_max=0.01,batches_per_epoch=10");
        assertThat(s.warmupEnd()).hasValue(10);
        assertThat(s.at(10)).isEqualTo(0.01); // position 0.25 exactly: the peak
        assertThat(build("type=fastai.fit_one_cycle,n_epoch=3,pct_start=0.3,batches_per_epoch=7").warmupEnd())
                .hasValue(7); // the first position >= float32(0.3): 7 / 21
        assertThat(build("type=fastai.fit_one_cycle,n_epoch=1,pct_start=1,batches_per_epoch=7").warmupEnd())
                .isEmpty(); // never leaves the warmup
    }

    @Test
    void fineTuneRunsTheFrozenPhaseThenTheUnfrozenOne() {
        Schedule s = build("type=fastai.fine_tune,epochs=2,freeze_epochs=1,base_lr=0.004,batches_per_epoch=5");
        assertThat(s.at(0)).isEqualTo(0.004 / 25); // fit_one_cycle's div for the frozen phase
        assertThat(s.at(5)).isEqualTo(0.002 / 5.0); // the unfrozen phase starts at base_lr / 2 / div
        assertThat(s.nominalEnd()).hasValue(15);
    }

    @Test
    void fineTuneGroupsBelowTheHeadGetATenthWhileFrozen() {
        Schedule body = build("type=fastai.fine_tune,epochs=1,batches_per_epoch=4,param_groups=3,param_group=0");
        Schedule head = build("type=fastai.fine_tune,epochs=1,batches_per_epoch=4,param_groups=3");
        assertThat(body.at(0)).isEqualTo(0.002 / 10 / 25);
        assertThat(head.at(0)).isEqualTo(0.002 / 25);
        assertThat(body.at(4)).isEqualTo(0.001 / 100 / 5.0); // even_mults' first group: base_lr / 2 / lr_mult
    }

    @Test
    void evenMultsSpreadsGeometricallyAndTakesStopForOneGroup() {
        assertThat(FastaiTypes.evenMults(1e-5, 1e-3, 3, 1)).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(
                1e-18));
        assertThat(FastaiTypes.evenMults(1e-5, 1e-3, 1, 0)).isEqualTo(1e-3);
        assertThat(FastaiTypes.evenMults(0.0, 1e-3, 3, 0)).isEqualTo(1e-4); // slice(0, stop): start is falsy
    }

    @Test
    void cycleMultOneIsFastaisZeroDivisionError() {
        refused("type=fastai.fit_sgdr,n_cycles=2,cycle_len=1,cycle_mult=1,batches_per_epoch=3",
                "cycle_mult: ZeroDivisionError: integer division or modulo by zero (fit_sgdr's n_epoch divides by "
                        + "cycle_mult - 1)");
    }

    @Test
    void sgdrEpochsBeyond64BitsAreRefused() {
        String message = "n_cycles: cycle_len * (cycle_mult^n_cycles - 1) / (cycle_mult - 1) epochs do not fit in 64 "
                + "bits; use fewer cycles";
        refused("type=fastai.fit_sgdr,n_cycles=63,cycle_len=1,batches_per_epoch=3", message);
        refused("type=fastai.fit_sgdr,n_cycles=40,cycle_len=1,cycle_mult=3,batches_per_epoch=3", message);
    }

    @Test
    void runsOfMoreThan2To53BatchesAreRefused() {
        refused("type=fastai.fit_one_cycle,n_epoch=3,batches_per_epoch=4000000000000000",
                "n_epoch: the run has more than 2^53 batches (epochs * batches_per_epoch), beyond what fastai's "
                        + "float64 progress can count; use fewer");
    }

    @Test
    void aParamGroupOutsideTheGroupsIsPythonsIndexError() {
        refused("type=fastai.fine_tune,epochs=1,batches_per_epoch=3,param_groups=3,param_group=3",
                "param_group: IndexError: list index out of range (3 parameter groups); give param_group from -3 "
                        + "to 2");
        assertThat(build("type=fastai.fine_tune,epochs=1,batches_per_epoch=3,param_groups=3,param_group=-3").at(0))
                .isEqualTo(0.002 / 10 / 25);
    }

    @Test
    void fineTuneWithoutEpochsIsRefused() {
        refused("type=fastai.fine_tune,epochs=0,freeze_epochs=0,batches_per_epoch=3",
                "epochs: freeze_epochs + epochs is 0, so fine_tune trains no batch; give epochs >= 1");
    }

    @Test
    void pctStartOutsideZeroToOneIsRefused() {
        refused("type=fastai.fit_one_cycle,n_epoch=3,batches_per_epoch=4,pct_start=1.5",
                "pct_start must be in [0, 1], not 1.5");
        refused("type=fastai.fit_flat_cos,n_epoch=3,batches_per_epoch=4,pct_start=-0.1",
                "pct_start must be in [0, 1], not -0.1");
    }

    @Test
    void aListOfLearningRatesIsRefused() {
        refused("type=fastai.fit_one_cycle,n_epoch=3,batches_per_epoch=4,lr_max=[0.1,0.2]",
                "lr_max takes a number, not a list");
    }

    @Test
    void theBatchesPerEpochAreRequired() {
        refused("type=fastai.fit_one_cycle,n_epoch=3", "missing required parameter 'batches_per_epoch'");
    }
}
