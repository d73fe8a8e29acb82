package lrsched.compat.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.schedule.Replay;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviours the golden data (src/test/resources/golden/torch) does not show. */
class TorchTypesTest {
    @TempDir
    Path dir;

    /** {@code body} as the newest torch computes it. */
    private Schedule build(String body) throws IOException {
        return build(body, null);
    }

    private Schedule build(String body, String torchVersion) throws IOException {
        return GoldenCases.buildOne(dir, body, torchVersion);
    }

    @Test
    void multiplicativeWithAnEpochLambdaIsAnExactRunningProduct() throws IOException {
        // prod_{k=1..n} (k + 1) / (k + 2) = 2 / (n + 2)
        Schedule s = build("type: torch.MultiplicativeLR\nlr: 0.3\nlr_lambda: \"(epoch + 1) / (epoch + 2)\"");
        assertThat(s.at(1_000_000)).isCloseTo(0.3 * 2 / 1_000_002, within(1e-15));
        assertThat(s.at(7)).isCloseTo(0.3 * 2 / 9, within(1e-15)); // earlier step after a later one
        assertThat(s.at(0)).isEqualTo(0.3);
    }

    @Test
    void lambdasArePastedAsPythonWritesThem() throws IOException {
        Schedule s = build("type: torch.LambdaLR\nlr: 0.1\nlr_lambda: \"lambda e: 1.0 if e < 3 else 0.5 ** (e // 3)\"");
        assertThat(s.at(2)).isEqualTo(0.1);
        assertThat(s.at(7)).isEqualTo(0.1 * 0.25);
        Schedule m = build("type: torch.MultiplicativeLR\nlr: 0.1\nlr_lambda: \"lambda epoch: 0.5 if epoch == 2 else 1\"");
        assertThat(m.at(1)).isEqualTo(0.1);
        assertThat(m.at(5)).isEqualTo(0.05);
    }

    @Test
    void aScaleFunctionOfTheCycleRefusesAtTheIterationWherePythonRaises() throws IOException {
        // cycle 2 starts at iteration 4 (step_size_up 2, step_size_down 2): 1 / (x - 2) divides by zero there
        Schedule s = build("type: torch.CyclicLR\nbase_lr: 0.1\nmax_lr: 1.0\nstep_size_up: 2\n"
                + "scale_fn: \"1 / (x - 2)\"\nscale_mode: cycle");
        assertThat(s.at(3)).isFinite();
        assertThatThrownBy(() -> s.at(4)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessage("Python raises ZeroDivisionError: division by zero evaluating '1 / (x - 2)' at x = 2")
                .satisfies(e -> assertThat(((StepOutOfRangeException) e).step()).isEqualTo(4));
    }

    @Test
    void replayedChainGivesTheSameValuesInAnyOrderAndStopsAtItsLimit() throws IOException {
        String chain = "type: torch.ChainedScheduler\nlr: 0.1\nschedulers:\n"
                + "  - {type: torch.ExponentialLR, gamma: 0.999}\n  - {type: torch.CosineAnnealingLR, T_max: 50}";
        Schedule inOrder = build(chain);
        double[] forward = new double[10_000];
        for (int t = 0; t < forward.length; t++) {
            forward[t] = inOrder.at(t);
        }
        Schedule shuffled = build(chain);
        for (int t : new int[] {9_999, 17, 4_096, 4_095, 8_193, 0, 5_000}) {
            assertThat(shuffled.at(t)).isEqualTo(forward[t]);
        }
        assertThatThrownBy(() -> shuffled.at(Replay.LIMIT + 1)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("no closed form");
    }

    @Test
    void closedFormChainsReachAnyStep() throws IOException {
        Schedule s = build("type: torch.ChainedScheduler\nlr: 1.0\nschedulers:\n"
                + "  - {type: torch.ConstantLR, factor: 0.1, total_iters: 2}\n"
                + "  - {type: torch.ExponentialLR, gamma: 0.9}");
        assertThat(s.at(2)).isCloseTo(0.81, within(1e-15)); // torch's docstring says 0.729 here: it is off by one
        assertThat(s.at(1_000_000_000_000L)).isEqualTo(0.0);
    }

    @Test
    void childrenShareTheParentsLr() {
        assertThatThrownBy(() -> build("type: torch.SequentialLR\nlr: 0.1\nmilestones: [5]\nschedulers:\n"
                + "  - {type: torch.ConstantLR, lr: 0.2}\n  - {type: torch.ExponentialLR, gamma: 0.9}"))
                .isInstanceOf(InputException.class).hasMessageContaining("schedulers[0] gives lr");
    }

    @Test
    void aNestedCompositeSharesTheOutermostLr() {
        assertThatThrownBy(() -> build("type: torch.ChainedScheduler\nlr: 0.1\nschedulers:\n"
                + "  - type: torch.SequentialLR\n    lr: 0.2\n    milestones: []\n"
                + "    schedulers: [{type: torch.ConstantLR}]"))
                .isInstanceOf(InputException.class).hasMessageContaining("schedulers[0] gives lr, but all schedulers "
                        + "share one optimizer: write lr once, on the outermost torch.ChainedScheduler");
    }

    @Test
    void torchBefore26RefusesAChainedSchedulerInsideASequentialLr() throws IOException {
        String nest = "type: torch.SequentialLR\nlr: 0.1\nmilestones: [3]\nschedulers:\n"
                + "  - type: torch.ChainedScheduler\n    schedulers: [{type: torch.ConstantLR}]\n"
                + "  - {type: torch.ExponentialLR, gamma: 0.9}";
        for (String before : new String[] {"1.13", "2.5"}) {
            assertThatThrownBy(() -> build(nest, before)).as(before).isInstanceOf(InputException.class)
                    .hasMessageContaining("schedulers[0]: 'ChainedScheduler' object has no attribute 'last_epoch' "
                            + "(SequentialLR cannot hold a ChainedScheduler before torch 2.6)");
        }
        assertThat(build(nest, "2.6").at(0)).isEqualTo(0.1 / 3);
    }

    @Test
    void aNestedCompositeCannotStartAtAMilestone() throws IOException {
        String nest = "type: torch.SequentialLR\nlr: 0.1\nmilestones: [2]\nschedulers:\n"
                + "  - {type: torch.ConstantLR}\n"
                + "  - type: torch.ChainedScheduler\n    schedulers: [{type: torch.ExponentialLR, gamma: 0.9}]";
        Schedule s = build(nest);
        assertThat(s.at(1)).isEqualTo(0.1 / 3);
        assertThatThrownBy(() -> s.at(2)).isInstanceOf(StepOutOfRangeException.class).hasMessageContaining(
                "torch.SequentialLR raises at step 2: a nested ChainedScheduler cannot be started at a milestone "
                        + "(NotImplementedError: _update_lr(0) calls LRScheduler.get_lr)");
        Schedule old = build(nest.replace("ChainedScheduler\n    schedulers", "SequentialLR\n    milestones: []\n"
                + "    schedulers"), "1.13");
        assertThatThrownBy(() -> old.at(2)).isInstanceOf(StepOutOfRangeException.class).hasMessageContaining(
                "a nested SequentialLR cannot be started at a milestone (TypeError: SequentialLR.step() takes 1 "
                        + "positional argument but 2 were given)");
    }

    @Test
    void aNestIsReplayedUpToTheLimitOnly() throws IOException {
        Schedule s = build("type: torch.ChainedScheduler\nlr: 0.1\nschedulers:\n"
                + "  - type: torch.ChainedScheduler\n    schedulers: [{type: torch.ExponentialLR, gamma: 0.9}]");
        assertThat(s.at(2)).isEqualTo(0.1 * 0.9 * 0.9);
        assertThatThrownBy(() -> s.at(Replay.LIMIT + 1)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("torch.ChainedScheduler with a nested SequentialLR or ChainedScheduler has no "
                        + "closed form, so lrsched replays the library's step-by-step recursion, up to step " + Replay.LIMIT
                        + " only");
    }

    @Test
    void aChainableFormIsTorchsRecursionUpToTheLimitThenItsClosedForm() throws IOException {
        Schedule s = build("type: torch.ExponentialLR\nlr: 0.1\ngamma: 0.9999999");
        double lr = 0.1;
        for (long t = 1; t <= Replay.LIMIT; t++) {
            lr *= 0.9999999; // torch: group['lr'] * gamma, each step
        }
        assertThat(s.at(Replay.LIMIT)).isEqualTo(lr);
        assertThat(s.at(Replay.LIMIT + 1)).isCloseTo(0.1 * Math.pow(0.9999999, Replay.LIMIT + 1),
                within(1e-15 * 0.1));
        assertThat(s.at(3)).isEqualTo(0.1 * 0.9999999 * 0.9999999 * 0.9999999); // an earlier step afterwards
    }

    @Test
    void onlyOneOneCyclePerOptimizer() {
        assertThatThrownBy(() -> build("type: torch.SequentialLR\nlr: 0.1\nmilestones: [5]\nschedulers:\n"
                + "  - {type: torch.OneCycleLR, max_lr: 1.0, total_steps: 5}\n"
                + "  - {type: torch.OneCycleLR, max_lr: 0.5, total_steps: 5}"))
                .isInstanceOf(InputException.class).hasMessageContaining("more than one OneCycleLR");
    }

    @Test
    void resumingIsNotModelled() {
        assertThatThrownBy(() -> build("type: torch.StepLR\nlr: 0.1\nstep_size: 3\nlast_epoch: 4"))
                .isInstanceOf(InputException.class).hasMessageContaining("last_epoch");
    }

    @Test
    void sequentialRaisesWhereItsChildWould() throws IOException {
        // ConstantLR(factor=0) divides by zero at its total_iters (3), which the milestone at 5 lets it reach.
        Schedule s = build("type: torch.SequentialLR\nlr: 0.1\nmilestones: [5]\nschedulers:\n"
                + "  - {type: torch.ConstantLR, factor: 0.0, total_iters: 3}\n"
                + "  - {type: torch.ExponentialLR, gamma: 0.9}");
        assertThat(s.at(2)).isEqualTo(0.0);
        assertThatThrownBy(() -> s.at(7)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageContaining("float division by zero");
    }

    @Test
    void oneCycleReportsItsPeakAsWarmupEnd() throws IOException {
        Schedule s = build("type: torch.OneCycleLR\nmax_lr: 0.1\ntotal_steps: 100");
        assertThat(s.warmupEnd()).hasValue(30);
        assertThat(s.at(29)).isEqualTo(0.1);
    }
}
