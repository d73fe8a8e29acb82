package lrsched.compat.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals whose text differs between torch 2.x (the default) and 1.13, and CyclicLR's triangular2 overflow: the
 * golden tests check that they happen, these check what they say.
 */
class TorchVersionMessagesTest {
    @TempDir
    Path dir;

    private Schedule build(String version, String body) throws IOException {
        return GoldenCases.buildOne(dir, body, version);
    }

    @Test
    void oneCyclePastTheEndCountsAsEachVersionDoes() throws IOException {
        String body = "type: torch.OneCycleLR\nmax_lr: 0.1\ntotal_steps: 10";
        assertThatThrownBy(() -> build(null, body).at(11)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("Tried to step 11 times. The specified number of total steps is 10");
        assertThatThrownBy(() -> build("1.13", body).at(11)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("Tried to step 12 times. The specified number of total steps is 10");
    }

    @Test
    void oneCycleAnnealStrategyMessageKeeps113sTypoOnlyFor113() {
        String body = "type: torch.OneCycleLR\nmax_lr: 0.1\ntotal_steps: 10\nanneal_strategy: cosine";
        assertThatThrownBy(() -> build(null, body)).isInstanceOf(InputException.class).hasMessageEndingWith(
                "anneal_strategy must be one of 'cos' or 'linear', instead got cosine; did you mean 'cos'?");
        assertThatThrownBy(() -> build("1.13", body)).isInstanceOf(InputException.class).hasMessageEndingWith(
                "anneal_strategy must by one of 'cos' or 'linear', instead got cosine; did you mean 'cos'?");
    }

    @Test
    void oneCycleWithEpochsButNoStepsPerEpoch() {
        String body = "type: torch.OneCycleLR\nmax_lr: 0.1\nepochs: 3";
        assertThatThrownBy(() -> build(null, body)).isInstanceOf(InputException.class).hasMessageEndingWith(
                "You must define either total_steps OR (epochs AND steps_per_epoch) (steps_per_epoch is missing)");
        assertThatThrownBy(() -> build("1.13", body)).isInstanceOf(InputException.class).hasMessageEndingWith(
                "'<=' not supported between instances of 'NoneType' and 'int' (steps_per_epoch is missing)");
    }

    @Test
    void triangular2RaisesFromCycle1025AsPythonsPowerOverflows() throws IOException {
        Schedule s = build(null, "type: torch.CyclicLR\nbase_lr: 0.01\nmax_lr: 0.1\nmode: triangular2");
        long first = 1024L * 4000; // cycle = floor(1 + s / 4000) reaches 1025 here
        assertThat(s.at(first - 1)).isPositive();
        assertThatThrownBy(() -> s.at(first)).isInstanceOf(StepOutOfRangeException.class).hasMessageContaining(
                "raises at step 4096000: (34, 'Numerical result out of range') (OverflowError: 2.0 ** (cycle - 1) "
                        + "in triangular2's scale, cycle 1025)");
    }
}
