package lrsched.compat.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import lrsched.core.Curve;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;
import lrsched.output.CurveSampler;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which torch schedules name their monotone pieces, and that charting by them equals charting every step. */
class TorchPiecesTest {
    @TempDir
    Path dir;

    private Schedule build(String body) throws IOException {
        return GoldenCases.buildOne(dir, body, null);
    }

    private static void assertPiecesChartLikeEveryStep(Schedule s, long from, long to, int columns) {
        Curve c = new Curve("c", s);
        assertThat(s.pieces().known()).isTrue();
        assertThat(CurveSampler.byPieces(c, from, to, columns))
                .isEqualTo(CurveSampler.everyStep(c, new StepSelection.Range(from, to, 1), columns));
    }

    @ParameterizedTest(name = "{0}, steps {1}..{2}")
    @CsvSource(delimiter = '|', value = {
        "[1000]       | {type: torch.LinearLR, start_factor: 0.01, total_iters: 1000} "
                + "| {type: torch.CosineAnnealingLR, T_max: 99000}                    | 0       | 300000",
        "[5, 5000]    | {type: torch.ConstantLR, factor: 0.5, total_iters: 3}          "
                + "| {type: torch.ExponentialLR, gamma: 0.999}, {type: torch.StepLR, step_size: 7} | 3 | 100000",
        "[10, 10]     | {type: torch.PolynomialLR, total_iters: 4, power: 0.5}         "
                + "| {type: torch.ExponentialLR, gamma: 0.5}, {type: torch.MultiStepLR, milestones: [20, 900]} | 0 | 5000",
        "[7]          | {type: torch.CyclicLR, base_lr: 0.01, max_lr: 0.1, step_size_up: 3} "
                + "| {type: torch.CosineAnnealingLR, T_max: 50}                       | 0       | 20000",
        "[100]        | {type: torch.LinearLR, start_factor: 0.1, total_iters: 100}   "
                + "| {type: torch.ExponentialLR, gamma: 0.9999999}                    | 9900000 | 10200200",
    })
    void sequentialLrWithIndependentRunsChartsByItsChildrensPieces(String milestones, String first, String rest,
                                                                   long from, long to) throws IOException {
        Schedule s = build("type: torch.SequentialLR\nlr: 0.1\nmilestones: " + milestones + "\nschedulers: [" + first
                + ", " + rest + "]");
        assertPiecesChartLikeEveryStep(s, from, to, 1600);
    }

    @Test
    void aNonTorchChildOfSequentialLrLendsItsOwnPieces() throws IOException {
        Schedule s = build("type: torch.SequentialLR\nlr: 0.1\nmilestones: [50]\nschedulers:\n"
                + "  - {type: torch.LinearLR, start_factor: 0.1, total_iters: 50}\n"
                + "  - {type: cosine, lr: 0.1, min_lr: 0.001, total: 10000}");
        assertPiecesChartLikeEveryStep(s, 0, 20000, 997);
    }

    @ParameterizedTest(name = "{0}, steps {1}..{2}")
    @CsvSource(delimiter = '|', value = {
        // a constant factor: torch's running product up to Replay.LIMIT, c^e after it
        "type: torch.MultiplicativeLR; lr: 0.1; lr_lambda: 0.9999999              | 9900000 | 10100000",
        "type: torch.MultiplicativeLR; lr: 0.1; lr_lambda: 1.0000001              | 0       | 100000",
        // ChainedScheduler: multipliers pulling one way (constant ones in between), or a last child that overrides
        "type: torch.ChainedScheduler; lr: 0.1; schedulers: [{type: torch.ConstantLR, factor: 0.5, total_iters: 7}, "
                + "{type: torch.ExponentialLR, gamma: 0.9999999}, {type: torch.StepLR, step_size: 1000, gamma: 0.5}, "
                + "{type: torch.MultiStepLR, milestones: [30, 9999999]}] | 9900000 | 10100000",
        "type: torch.ChainedScheduler; lr: 0.1; schedulers: [{type: torch.LinearLR, start_factor: 0.1, "
                + "total_iters: 5000}, {type: torch.PolynomialLR, total_iters: 20000, power: -0.5}] | 0 | 19999",
        "type: torch.ChainedScheduler; lr: 0.1; schedulers: [{type: torch.StepLR, step_size: 3}, "
                + "{type: torch.CyclicLR, base_lr: 0.01, max_lr: 0.1, step_size_up: 1000}] | 0 | 300000",
        // SWALR: each anneal call its own piece, then swa_lr held
        "type: torch.SWALR; lr: 0.1; swa_lr: 0.05; anneal_epochs: 1000            | 0       | 300000",
        "type: torch.SWALR; lr: 0.1; swa_lr: 0.5; anneal_epochs: 7; anneal_strategy: linear | 3 | 100000",
    })
    void constantFactorsChainsAndSwaAnnealsChartByPieces(String spec, long from, long to) throws IOException {
        assertPiecesChartLikeEveryStep(build(spec.replace("; ", "\n")), from, to, 1600);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "type: torch.CosineAnnealingLR; lr: 0.1; T_max: 100; eta_min: 0.001",
        "type: torch.ExponentialLR; lr: 0.1; gamma: -0.5",
        "type: torch.StepLR; lr: 0.1; step_size: 3; gamma: -2",
        "type: torch.CyclicLR; base_lr: 0.01; max_lr: 0.1; step_size_up: 3; mode: exp_range; gamma: 0.99",
        "type: torch.MultiplicativeLR; lr: 0.1; lr_lambda: 0.9 if epoch < 10 else 1.1",
        "type: torch.MultiplicativeLR; lr: 0.1; lr_lambda: -0.9",
        "type: torch.ChainedScheduler; lr: 0.1; schedulers: [{type: torch.LinearLR, start_factor: 0.1}, "
                + "{type: torch.ExponentialLR, gamma: 0.9}]",
        "type: torch.ChainedScheduler; lr: 0.1; schedulers: [{type: torch.OneCycleLR, max_lr: 0.1, total_steps: 100}, "
                + "{type: torch.StepLR, step_size: 2}]",
        "type: torch.ChainedScheduler; lr: 0.1; schedulers: [{type: torch.StepLR, step_size: 2}, "
                + "{type: torch.CosineAnnealingLR, T_max: 10}]",
        "type: torch.SequentialLR; lr: 0.1; milestones: [0]; schedulers: [{type: torch.StepLR, step_size: 2}, "
                + "{type: torch.ExponentialLR, gamma: 0.9}]",
        "type: torch.SequentialLR; lr: 0.1; milestones: [9]; schedulers: [{type: torch.StepLR, step_size: 2}, "
                + "{type: torch.CosineAnnealingLR, T_max: 9, eta_min: 0.01}]",
    })
    void recursionsThatMayTurnInsideAStretchChartEveryStep(String spec) throws IOException {
        assertThat(build(spec.replace("; ", "\n")).pieces().known()).isFalse();
    }
}
