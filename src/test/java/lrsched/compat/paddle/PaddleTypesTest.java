package lrsched.compat.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Replay;
import lrsched.testing.Flags;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the golden data does not show: the refusals lrsched adds (wrapping a non-paddle schedule or ReduceOnPlateau,
 * resuming, Python types), refused and far steps, warmup and end marks.
 */
class PaddleTypesTest {
    @TempDir
    Path dir;

    private Schedule spec(String body) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, "schedules:\n  - name: s\n" + body.indent(4));
        return GoldenCases.build(file);
    }

    @Test
    void linearWarmupRefusesToWrapANonPaddleSchedule() {
        assertThatThrownBy(() -> spec("type: paddle.LinearWarmup\nlearning_rate: {type: cosine, lr: 0.1, total: 10}\n"
                + "warmup_steps: 5\nstart_lr: 0.0\nend_lr: 0.1"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("learning_rate: TypeError: the type of learning_rate should be [int, float or "
                        + "LRScheduler]; wrap a paddle.* schedule");
    }

    @Test
    void linearWarmupRefusesToWrapReduceOnPlateau() {
        assertThatThrownBy(() -> spec("type: paddle.LinearWarmup\nlearning_rate: {type: paddle.ReduceOnPlateau, "
                + "learning_rate: 0.1, metrics: [1.0, 0.9]}\nwarmup_steps: 5\nstart_lr: 0.0\nend_lr: 0.1"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("learning_rate: paddle.ReduceOnPlateau cannot be wrapped: LinearWarmup calls "
                        + "its step(epoch), which Paddle reads as the metric");
    }

    @Test
    void onlyAFreshSchedulerIsModelled() {
        assertThatThrownBy(() -> Flags.schedule("type=paddle.StepDecay,learning_rate=0.1,step_size=3,last_epoch=5"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("last_epoch: only last_epoch=-1 (a freshly built scheduler) is modelled");
    }

    @Test
    void pythonTypeChecksAreKept() {
        assertThatThrownBy(() -> Flags.schedule("type=paddle.OneCycleLR,max_learning_rate=0.1,total_steps=10,"
                + "phase_pct=1")).isInstanceOf(InputException.class)
                .hasMessageContaining("phase_pct must be a float, not the int 1");
        assertThatThrownBy(() -> Flags.schedule("type=paddle.CyclicLR,base_learning_rate=0.1,max_learning_rate=0.2,"
                + "step_size_up=2,exp_gamma=1")).isInstanceOf(InputException.class)
                .hasMessageContaining("exp_gamma must be a float, not the int 1");
        assertThatThrownBy(() -> Flags.schedule("type=paddle.StepDecay,learning_rate=0.1,step_size=3.0"))
                .isInstanceOf(InputException.class).hasMessageContaining("step_size must be an int, not the float");
    }

    @Test
    void oneCycleDividesByZeroWhenDivideFactorIsZero() {
        assertThatThrownBy(() -> Flags.schedule("type=paddle.OneCycleLR,max_learning_rate=0.1,total_steps=10,"
                + "divide_factor=0")).isInstanceOf(InputException.class)
                .hasMessageContaining("divide_factor: ZeroDivisionError: float division by zero");
    }

    @Test
    void noamRefusesANegativeWarmup() {
        assertThatThrownBy(() -> Flags.schedule("type=paddle.NoamDecay,d_model=16,warmup_steps=-4"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("warmup_steps: TypeError: '<' not supported between instances of 'complex' "
                        + "and 'int'");
    }

    @Test
    void inverseTimeRefusesTheStepWhereItDividesByZeroAndAfter() {
        Schedule s = Flags.schedule("type=paddle.InverseTimeDecay,learning_rate=0.5,gamma=-0.25");
        assertThat(s.at(3)).isEqualTo(2.0);
        assertThatThrownBy(() -> s.at(4)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("ZeroDivisionError: float division by zero");
        assertThatThrownBy(() -> s.at(9)).isInstanceOf(StepOutOfRangeException.class);
    }

    @Test
    void recursiveSchedulesAreReplayedUpToTheLimit() {
        Schedule cosine = Flags.schedule("type=paddle.CosineAnnealingDecay,learning_rate=0.1,T_max=1000");
        assertThat(cosine.at(Replay.LIMIT)).isFinite();
        assertThatThrownBy(() -> cosine.at(Replay.LIMIT + 1)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("paddle.CosineAnnealingDecay has no closed form");
        Schedule linear = Flags.schedule("type=paddle.LinearLR,learning_rate=0.1,total_steps=10");
        assertThat(linear.at(1_000_000_000_000L)).isEqualTo(linear.at(10));
    }

    @Test
    void closedFormsAnswerFarSteps() {
        assertThat(Flags.schedule("type=paddle.StepDecay,learning_rate=0.1,step_size=3,gamma=0.5")
                .at(Long.MAX_VALUE)).isEqualTo(0.0);
        assertThat(Flags.schedule("type=paddle.CosineAnnealingWarmRestarts,learning_rate=0.1,T_0=10,T_mult=2")
                .at(1_000_000_000_000L)).isBetween(0.0, 0.1);
        assertThat(Flags.schedule("type=paddle.PolynomialDecay,learning_rate=0.1,decay_steps=10")
                .at(Long.MAX_VALUE)).isEqualTo(0.0001);
    }

    @Test
    void multiplicativeOverflowIsRefused() {
        Schedule s = Flags.schedule("type=paddle.MultiplicativeDecay,learning_rate=1,lr_lambda=2");
        assertThat(s.at(10)).isEqualTo(1024.0);
        assertThatThrownBy(() -> s.at(2000)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("gives Infinity");
    }

    @Test
    void plateauHoldsItsLastRateAfterTheTrace() {
        Schedule s = Flags.schedule("type=paddle.ReduceOnPlateau,learning_rate=1,patience=0,metrics=[1,2,3]");
        assertThat(s.at(3)).isEqualTo(0.010000000000000002);
        assertThat(s.at(1000)).isEqualTo(s.at(3));
    }

    @Test
    void warmupsAndEndsAreMarked() throws IOException {
        assertThat(Flags.schedule("type=paddle.NoamDecay,d_model=512,warmup_steps=4000").warmupEnd()).hasValue(4000);
        assertThat(spec("type: paddle.LinearWarmup\nlearning_rate: {type: paddle.CosineAnnealingDecay, "
                + "learning_rate: 0.1, T_max: 100}\nwarmup_steps: 10\nstart_lr: 0.0\nend_lr: 0.1").warmupEnd())
                .hasValue(10);
        assertThat(Flags.schedule("type=paddle.OneCycleLR,max_learning_rate=0.1,total_steps=50").nominalEnd())
                .hasValue(50);
        assertThat(Flags.schedule("type=paddle.PolynomialDecay,learning_rate=0.1,decay_steps=10,cycle=true")
                .nominalEnd()).isEmpty();
    }
}
