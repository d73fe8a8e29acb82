package lrsched.compat.paddleocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.testing.Flags;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the golden data does not show: the refusals lrsched adds (resuming, a misspelt key PaddleOCR would swallow),
 * where a composed Paddle scheduler's refusal points, refused steps, and the warmup and end marks.
 */
class PaddleOcrTypesTest {
    @TempDir
    Path dir;

    @Test
    void onlyAFreshSchedulerIsModelled() {
        assertThatThrownBy(() -> Flags.schedule("type=paddleocr.Cosine,learning_rate=0.1,epochs=3,step_each_epoch=5,"
                + "last_epoch=4"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("last_epoch: only last_epoch=-1 (a freshly built scheduler) is modelled");
        assertThatThrownBy(() -> Flags.schedule("type=paddleocr.TwoStepCosineDecay,learning_rate=0.1,T_max1=3,"
                + "T_max2=5,last_epoch=4"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("last_epoch: only last_epoch=-1 (a freshly built scheduler) is modelled");
    }

    @Test
    void aMisspeltKeyIsAnErrorInASpecWithTheClosestName() {
        assertThatThrownBy(() -> Flags.schedule("type=paddleocr.Cosine,learning_rate=0.1,epochs=3,step_each_epoch=5,"
                + "warmup_epochs=1"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown parameter 'warmup_epochs'; did you mean 'warmup_epoch'?");
    }

    @Test
    void aComposedSchedulersRefusalPointsAtTheArgumentItCameFrom() throws IOException {
        assertThatThrownBy(() -> GoldenCases.buildOne(dir, "type: paddleocr.Step\nlearning_rate: 0.1\nstep_size: 2\n"
                + "step_each_epoch: 4\ngamma: 1.5", null))
                .isInstanceOf(InputException.class)
                .hasMessage(dir.resolve("spec.yaml") + ":8:12: schedule 's' (paddle.StepDecay): gamma: ValueError: gamma should be < "
                        + "1.0.");
    }

    @Test
    void theWarmupEndsAtTheRoundedIteration() {
        Schedule s = Flags.schedule("type=paddleocr.MultiStepDecay,learning_rate=0.1,milestones=[2],"
                + "step_each_epoch=7,gamma=0.5,warmup_epoch=0.5");
        assertThat(s.warmupEnd()).hasValue(4); // round(3.5) = 4
        assertThat(s.at(3)).isEqualTo(0.1 * 3 / 4);
        assertThat(s.at(4)).isEqualTo(0.1);
    }

    @Test
    void constWithoutWarmupIsTheNumber() {
        Schedule s = Flags.schedule("type=paddleocr.Const,learning_rate=0.0005,step_each_epoch=10");
        assertThat(s.at(0)).isEqualTo(0.0005);
        assertThat(s.at(1_000_000_000_000L)).isEqualTo(0.0005);
    }

    @Test
    void oneCycleEndsAtItsTotalAndRefusesLaterSteps() {
        Schedule s = Flags.schedule("type=paddleocr.OneCycle,max_lr=0.01,epochs=4,step_each_epoch=10");
        assertThat(s.nominalEnd()).hasValue(40);
        assertThatThrownBy(() -> s.at(41)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("Tried to step 42 times. The specified number of total steps is 40");
    }

    @Test
    void aZeroCycleDividesByZeroAfterRowZero() {
        Schedule s = Flags.schedule("type=paddleocr.CyclicalCosineDecay,learning_rate=0.1,T_max=10,cycle=0");
        assertThat(s.at(0)).isEqualTo(0.1);
        assertThatThrownBy(() -> s.at(1)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("ZeroDivisionError: integer division or modulo by zero");
    }

    @Test
    void aOneCycleWithAnEmptyFirstPhaseIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> Flags.schedule("type=paddleocr.OneCycleDecay,max_lr=0.1,epochs=1,steps_per_epoch=10,"
                + "pct_start=0.1"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("pct_start: ZeroDivisionError: float division by zero (the first phase has no "
                        + "length: pct_start * epochs * steps_per_epoch is 1)");
    }

    @Test
    void twoStepCosineDecaysFarRowsReplayWithinTheLimit() {
        Schedule s = Flags.schedule("type=paddleocr.TwoStepCosineDecay,learning_rate=0.1,T_max1=1000,T_max2=300");
        assertThat(s.at(500)).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
    }
}
