package lrsched.compat.ultralytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.Versions;
import lrsched.input.spec.FlagSpec;
import lrsched.library.Libraries;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ultralytics.BaseTrainer rows (the LR of batch s) and its argument checks. */
class UltralyticsTypesTest {
    private static final String SGD = "type=ultralytics.BaseTrainer,optimizer=SGD,lr0=1,lrf=0.5,epochs=4,";

    private static Schedule withRelease(String release, String flag) {
        Versions v = Versions.of(List.of("ultralytics=" + release), List.of("ultralytics"));
        return Libraries.registry().withVersions(v).build(FlagSpec.parse("test", flag), "test", Optional.empty());
    }

    @Test
    void theWarmupRisesToTheEpochsTargetAndTheSchedulerTakesOverAtTheNextEpoch() {
        // nb = 4, nw = round(0.5 * 4) = 2: batches 0, 1 warm up to lf(0) = 1; the epoch's batches 2, 3 keep batch 1's
        Schedule s = Flags.schedule(SGD + "warmup_epochs=0.5,batches_per_epoch=4");
        assertThat(List.of(s.at(0), s.at(1), s.at(2), s.at(3), s.at(4), s.at(15)))
                .containsExactly(0.0, 0.5, 0.5, 0.5, 0.875, 0.625);
        assertThat(s.warmupEnd()).hasValue(2);
        assertThat(s.nominalEnd()).hasValue(16);
    }

    @Test
    void theBiasGroupWarmsDownFromWarmupBiasLr() {
        Schedule s = Flags.schedule(SGD + "warmup_epochs=1,warmup_bias_lr=0.1,batches_per_epoch=4,param_group=bias");
        assertThat(List.of(s.at(0), s.at(2), s.at(4))).containsExactly(0.1, 0.55, 0.875);
    }

    @Test
    void rowsAfterTheRunHoldTheLastBatch() {
        Schedule s = Flags.schedule(SGD + "warmup_epochs=0,batches_per_epoch=4");
        assertThat(s.at(16)).isEqualTo(s.at(15)).isEqualTo(0.625);
        assertThat(s.at(Long.MAX_VALUE)).isEqualTo(0.625);
    }

    @Test
    void theWarmupLeavesTheLastEpochAlone() {
        // warmup_epochs 10 in a 4-epoch run: min(10, 3) epochs
        Schedule s = Flags.schedule(SGD + "warmup_epochs=10,batches_per_epoch=4");
        assertThat(s.warmupEnd()).hasValue(12);
    }

    @Test
    void releasesBefore8_4_103WarmUpForAtLeast100BatchesThroughBatchNw() {
        String flag = SGD + "warmup_epochs=1,batches_per_epoch=4";
        Schedule legacy = withRelease("8.4.102", flag);
        assertThat(legacy.at(2)).isEqualTo(0.02); // 1 / 100 * 2, still warming up in epoch 0
        assertThat(legacy.warmupEnd()).isEmpty(); // nw = 100 outlasts the 16 batches
        Schedule current = withRelease("8.4.103", flag);
        assertThat(current.at(2)).isEqualTo(0.5);
        assertThat(current.warmupEnd()).hasValue(4);
    }

    @Test
    void legacyRowNwIsTheEpochsTarget() {
        Schedule s = withRelease("8.0", SGD.replace("epochs=4", "epochs=40") + "warmup_epochs=1,batches_per_epoch=4");
        assertThat(s.at(99)).isEqualTo((1.0 - 24.0 / 40 * 0.5) / 100 * 99);
        assertThat(s.at(100)).isEqualTo(1.0 - 25.0 / 40 * 0.5);
        assertThat(s.warmupEnd()).hasValue(101);
    }

    @Test
    void autoPicksTheFittedLrForShortRunsAndIgnoresLr0AndWarmupBiasLr() {
        // 20 batches of 16: 305..320 images, ceil(n / 64) * 10 = 50 iterations; lr0 = round(0.01 / 84, 6)
        Schedule s = Flags.schedule("type=ultralytics.BaseTrainer,lr0=5,epochs=10,batches_per_epoch=20,nc=80,"
                + "warmup_epochs=0,param_group=bias");
        assertThat(s.at(0)).isEqualTo(0.000119);
        Schedule warm = Flags.schedule("type=ultralytics.BaseTrainer,epochs=10,batches_per_epoch=20,nc=80,"
                + "warmup_bias_lr=0.1,param_group=bias");
        assertThat(warm.at(0)).isEqualTo(0.0);
    }

    @Test
    void autoPicks0_01ForLongRunsWithoutNc() {
        Schedule s = Flags.schedule("type=ultralytics.BaseTrainer,epochs=300,batches_per_epoch=7330,batch=16,"
                + "warmup_epochs=0");
        assertThat(s.at(0)).isEqualTo(0.01);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "optimizer=Lion,batches_per_epoch=10|optimizer|NotImplementedError: Optimizer 'Lion' not found in list of "
                + "available optimizers; use SGD, MuSGD, Adam, Adamax, AdamW, NAdam, RAdam, RMSprop or auto",
        "batches_per_epoch=10|nc|optimizer auto replaces lr0 by round(0.002 * 5 / (4 + nc), 6) for a run of at "
                + "most 10000 iterations; give nc, the dataset's number of classes (ultralytics takes it from the "
                + "data YAML, 10 when it has none), or name the optimizer",
        "batches_per_epoch=10,batch=0.7,nc=3|batch|optimizer auto needs the run's iterations and batch 0.7 is "
                + "AutoBatch's (the batch is picked at run time); give dataset_size, the training images",
        "batches_per_epoch=3,batch=24,epochs=6000,nc=3|dataset_size|optimizer auto picks lr0 by whether the run's "
                + "iterations, ceil(dataset_size / max(batch, nbs)) * epochs, exceed 10000, and 3 batches per "
                + "epoch allow 6000 to 12000; give dataset_size, the training images",
        "optimizer=SGD|batches_per_epoch|missing required parameter 'batches_per_epoch'",
        "optimizer=SGD,batches_per_epoch=4,param_group=bn|param_group|param_group must be one of weight, bias, "
                + "not 'bn'",
    })
    void badArgumentsAreRefusedWithTheReason(String args, String param, String reason) {
        assertThatThrownBy(() -> Flags.schedule("type=ultralytics.BaseTrainer," + args))
                .isInstanceOf(InputException.class).hasMessageContaining(param).hasMessageContaining(reason);
    }

    @Test
    void datasetSizeSettlesAnAmbiguousAuto() {
        Schedule s = Flags.schedule("type=ultralytics.BaseTrainer,batches_per_epoch=3,batch=24,epochs=6000,nc=3,"
                + "dataset_size=60,warmup_epochs=0");
        assertThat(s.at(0)).isEqualTo(0.001429);
    }
}
