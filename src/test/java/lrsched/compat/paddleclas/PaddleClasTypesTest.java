package lrsched.compat.paddleclas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;

/**
 * What the golden data does not show: the refusals lrsched adds (resuming, no epoch, no update per epoch, an empty
 * values list), and that a by_epoch schedule holds its rate through each epoch.
 */
class PaddleClasTypesTest {
    private static final String COSINE = "type=paddleclas.Cosine,learning_rate=0.1,epochs=3,step_each_epoch=5";

    @Test
    void onlyAFreshSchedulerIsModelled() {
        assertThatThrownBy(() -> Flags.schedule(COSINE + ",last_epoch=4"))
                .isInstanceOf(InputException.class)
                .hasMessage("test:1:80: schedule 'test' (paddleclas.Cosine): last_epoch: only "
                        + "last_epoch=-1 (a freshly built scheduler) is modelled; resuming needs the scheduler's saved "
                        + "state");
        assertThatThrownBy(() -> Flags.schedule("type=paddleclas.Constant,learning_rate=0.1,last_epoch=2"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("last_epoch: only last_epoch=-1 (a freshly built scheduler) is modelled");
    }

    @Test
    void aTrainingNeedsEpochsAndUpdates() {
        assertThatThrownBy(() -> Flags.schedule("type=paddleclas.Cosine,learning_rate=0.1,epochs=0,step_each_epoch=5"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("epochs: PaddleClas trains the epochs range(1, epochs + 1), none here; give 1 "
                        + "or more");
        assertThatThrownBy(() -> Flags.schedule("type=paddleclas.Step,learning_rate=0.1,epochs=2,step_each_epoch=0,"
                + "step_size=1,gamma=0.5"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("step_each_epoch: an epoch needs at least one update");
    }

    @Test
    void emptyValuesFailAsPiecewiseIndexesThem() {
        assertThatThrownBy(() -> Flags.schedule("type=paddleclas.Piecewise,epochs=4,step_each_epoch=5,"
                + "decay_epochs=[],values=[]"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("values: IndexError: list index out of range");
    }

    @Test
    void byEpochHoldsEachEpochsRate() {
        Schedule s = Flags.schedule(COSINE + ",by_epoch=true");
        assertThat(s.at(5)).isEqualTo(s.at(9)).isLessThan(s.at(4));
        assertThat(s.at(0)).isEqualTo(0.1);
    }

    @Test
    void constantSwallowsTheWarmup() {
        Schedule s = Flags.schedule("type=paddleclas.Constant,learning_rate=0.02,warmup_epoch=3,epochs=4");
        assertThat(s.at(0)).isEqualTo(0.02);
    }
}
