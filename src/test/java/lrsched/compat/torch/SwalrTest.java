package lrsched.compat.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Replay;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torch.SWALR behaviours and refusals the golden data (golden/torch, golden/torch2: swalr_*) does not show. */
class SwalrTest {
    @TempDir
    Path dir;

    private Schedule build(String body) throws IOException {
        return GoldenCases.buildOne(dir, body, null);
    }

    @Test
    void holdsSwaLrExactlyOnceAnnealedAtAnyStep() throws IOException {
        Schedule s = build("type: torch.SWALR\nlr: 0.1\nswa_lr: 0.05");
        assertThat(s.at(0)).isEqualTo(0.1);
        assertThat(s.at(10)).isEqualTo(0.05);
        assertThat(s.at(1_000_000_000_000L)).isEqualTo(0.05);
    }

    @Test
    void givesTheSameValuesInAnyOrder() throws IOException {
        String spec = "type: torch.SWALR\nlr: 0.3\nswa_lr: 0.001\nanneal_epochs: 20000";
        Schedule inOrder = build(spec);
        double[] forward = new double[20_000];
        for (int t = 0; t < forward.length; t++) {
            forward[t] = inOrder.at(t);
        }
        Schedule shuffled = build(spec);
        for (int t : new int[] {19_999, 3, 4_097, 4_096, 12_000, 0}) {
            assertThat(shuffled.at(t)).isEqualTo(forward[t]);
        }
    }

    @Test
    void refusesAnnealingStepsPastTheReplayLimit() throws IOException {
        Schedule s = build("type: torch.SWALR\nlr: 0.3\nswa_lr: 0.001\nanneal_epochs: 20000000");
        assertThatThrownBy(() -> s.at(Replay.LIMIT + 1)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("torch.SWALR with anneal_epochs 20000000 has no closed form");
        assertThat(s.at(20_000_000)).isEqualTo(0.001);
    }

    @Test
    void rejectsAnUnknownAnnealStrategyWithTorchsMessage() {
        String body = "type: torch.SWALR\nlr: 0.1\nswa_lr: 0.05\nanneal_strategy: cosine";
        assertThatThrownBy(() -> build(body)).isInstanceOf(InputException.class).hasMessageEndingWith(
                "anneal_strategy must be one of 'cos' or 'linear', instead got cosine; did you mean 'cos'?");
        assertThatThrownBy(() -> GoldenCases.buildOne(dir, body, "2.12")).isInstanceOf(InputException.class)
                .hasMessageEndingWith("anneal_strategy must by one of 'cos' or 'linear', instead got cosine; did you "
                        + "mean 'cos'?");
    }

    @Test
    void rejectsNegativeAnnealEpochsWithTorchsMessage() {
        assertThatThrownBy(() -> build("type: torch.SWALR\nlr: 0.1\nswa_lr: 0.05\nanneal_epochs: -1"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("anneal_epochs must be equal or greater than 0, got -1");
    }

    @Test
    void needsTheOptimizersLr() {
        assertThatThrownBy(() -> build("type: torch.SWALR\nswa_lr: 0.05"))
                .isInstanceOf(InputException.class).hasMessageContaining("lr");
    }

    @Test
    void insideSequentialNeedsMilestonesFromOne() {
        assertThatThrownBy(() -> build("type: torch.SequentialLR\nlr: 0.1\nmilestones: [0]\nschedulers:\n"
                + "  - {type: torch.ConstantLR}\n  - {type: torch.SWALR, swa_lr: 0.05}"))
                .isInstanceOf(InputException.class).hasMessageEndingWith("a SWALR child needs milestones that "
                        + "increase from 1 or more (with others torch steps children from each other's lr, which is "
                        + "not modelled for SWALR)");
    }

    @Test
    void insideSequentialTorch2RunsOneStepBehindTorch113() throws IOException {
        String body = "type: torch.SequentialLR\nlr: 0.1\nmilestones: [5]\nschedulers:\n"
                + "  - {type: torch.ExponentialLR, gamma: 0.5}\n"
                + "  - {type: torch.SWALR, swa_lr: 0.01, anneal_epochs: 4, anneal_strategy: linear}";
        Schedule torch2 = build(body);
        Schedule torch113 = GoldenCases.buildOne(dir, body, "1.13");
        assertThat(torch2.at(5)).isEqualTo(torch2.at(4)); // _update_lr(0): the constructor's call count again
        assertThat(torch113.at(5)).isNotEqualTo(torch113.at(4)); // step(0): a second call, one annealing step
        for (int t = 5; t < 9; t++) {
            assertThat(torch2.at(t + 1)).isEqualTo(torch113.at(t));
        }
    }
}
