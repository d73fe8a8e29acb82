package lrsched.compat.mmengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import lrsched.core.Curve;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;
import lrsched.output.CurveSampler;
import lrsched.output.chart.Decimator;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Run's pieces (RunPieces): chart points from them equal those from every row, for the single types (the property
 * test draws them too) and for param_scheduler lists, which it cannot draw (their entries are records).
 */
class RunPiecesTest {
    private static final Random RANDOM = new Random(18);

    private static boolean samePoints(Schedule s, long from, long to, int columns) {
        Curve c = new Curve("c", s);
        Decimator.Points every;
        try {
            every = CurveSampler.everyStep(c, new StepSelection.Range(from, to, 1), columns);
        } catch (RuntimeException e) {
            return true; // not finite or refused: the chart takes every step and reports it
        }
        try {
            return CurveSampler.byPieces(c, from, to, columns).equals(every);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} rows {1}..{2}, {3} columns")
    @CsvSource(delimiter = '|', value = {
        "type=mmengine.CosineAnnealingLR,lr=0.1,by_epoch=false,end=4000000              | 0 | 10000000 | 1600",
        "type=mmengine.CosineAnnealingLR,lr=0.1,T_max=7,by_epoch=false,end=3000          | 0 | 4000     | 997",
        "type=mmengine.CosineAnnealingLR,lr=-0.1,T_max=3,epoch_length=5,end=400          | 2 | 3000     | 1601",
        "type=mmengine.LinearLR,lr=0.1,start_factor=0.001,by_epoch=false,end=300000      | 0 | 1000000  | 1600",
        "type=mmengine.LinearLR,lr=0.1,start_factor=1,end_factor=0,epoch_length=3,end=777 | 0 | 3000    | 1600",
        "type=mmengine.PolyLR,lr=0.1,power=2,epoch_length=100,end=4000                   | 0 | 1000000  | 1600",
        "type=mmengine.StepLR,lr=0.1,step_size=1,gamma=0.9999999,by_epoch=false,end=5000000 | 4900000 | 10000000"
                + " | 1600",
        "type=mmengine.StepLR,lr=0.1,step_size=3,gamma=-0.5,by_epoch=false,end=300        | 0 | 1000     | 50",
        "type=mmengine.MultiStepLR,lr=0.1,milestones=[8,11],epoch_length=400000,end=12    | 0 | 10000000 | 1600",
        "type=mmengine.ExponentialLR,lr=0.1,gamma=1.000001,by_epoch=false,begin=100,end=500000 | 0 | 1000000"
                + " | 1600",
        "type=mmengine.OneCycleLR,lr=0.1,eta_max=0.1,by_epoch=false,end=4000000           | 0 | 10000000 | 1600",
        "type=mmengine.OneCycleLR,lr=0.1,eta_max=0.1,three_phase=true,anneal_strategy=linear,total_steps=1001,"
                + "by_epoch=false,end=1002 | 0 | 3000 | 1601",
        "type=mmengine.CosineRestartLR,lr=0.1,periods=[100000,200000],restart_weights=[1,0.5],eta_min=0,by_epoch=false,"
                + "end=350000 | 0 | 1000000 | 1600",
        "type=mmengine.ConstantLR,lr=0.1,factor=0.25,by_epoch=false,end=300000            | 0 | 1000000  | 50",
        "type=mmengine.param_scheduler,lr=0.02,epoch_length=100000,schedulers=[{type: LinearLR, start_factor: 0.001, "
                + "by_epoch: false, end: 500}, {type: MultiStepLR, milestones: [8, 11], end: 12}] | 0 | 10000000 | 1600",
        "type=mmengine.param_scheduler,lr=0.01,epoch_length=2000,schedulers=[{type: LinearLR, start_factor: 0.1, "
                + "by_epoch: false, end: 1000}, {type: CosineAnnealingLR, eta_min_ratio: 0.01, begin: 1, end: 200, "
                + "convert_to_iter_based: true}] | 0 | 1000000 | 1600",
    })
    void chartPointsFromPiecesEqualThoseFromEveryRow(String flags, long from, long to, int columns) {
        Schedule s = Flags.schedule(flags);
        assertThat(s.pieces().known()).isTrue();
        Curve c = new Curve("c", s);
        assertThat(CurveSampler.byPieces(c, from, to, columns))
                .isEqualTo(CurveSampler.everyStep(c, new StepSelection.Range(from, to, 1), columns));
    }

    @Test
    void aListWithReduceOnPlateauLrNamesNoPieces() {
        Schedule s = Flags.schedule("type=mmengine.param_scheduler,lr=0.1,epoch_length=10,schedulers=["
                + "{type: LinearLR, by_epoch: false, end: 5}, {type: ReduceOnPlateauLR, metrics: [1, 1, 1]}]");
        assertThat(s.pieces().known()).isFalse();
    }

    @Test
    void overlappingWindowsThatPullBothWaysArePiecesOfARowEach() {
        Schedule s = Flags.schedule("type=mmengine.param_scheduler,lr=0.1,schedulers=[{type: LinearLR, "
                + "by_epoch: false, end: 100}, {type: ExponentialLR, gamma: 0.99, by_epoch: false, end: 300}]");
        assertThat(s.pieces().next(10)).isEqualTo(11); // rising and falling factors in the same rows
        assertThat(s.pieces().next(100)).isEqualTo(300); // the ExponentialLR alone
    }

    /** Random lists of one to three entries (windows, overlaps, epoch- and iteration-based). */
    @Test
    void randomListsChartTheSamePointsByPiecesAsByEveryRow() {
        String[] kinds = {"ConstantLR, factor: 0.5", "LinearLR, start_factor: 0.2", "LinearLR, start_factor: 1, "
                + "end_factor: 0", "CosineAnnealingLR", "CosineAnnealingLR, T_max: 7", "CosineAnnealingLR, eta_min: "
                + "0.001", "PolyLR, power: 0.5", "PolyLR, power: -0.5", "ExponentialLR, gamma: 0.99", "ExponentialLR, "
                + "gamma: 1.01", "ExponentialLR, gamma: -0.9", "StepLR, step_size: 4, gamma: 0.5",
            "MultiStepLR, milestones: [3, 40, 40]", "OneCycleLR, eta_max: 0.3", "OneCycleLR, eta_max: 0.3, total_steps:"
                + " 900, three_phase: true", "CosineRestartLR, periods: [30, 50], restart_weights: [1, 0.5]",
            "CosineRestartLR, periods: [20], eta_min_ratio: 0.1"};
        int named = 0;
        for (int i = 0; i < 150; i++) {
            int n = 1 + RANDOM.nextInt(3);
            List<String> entries = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                long begin = RANDOM.nextInt(3) == 0 ? RANDOM.nextInt(200) : 0;
                boolean byEpoch = RANDOM.nextBoolean();
                entries.add("{type: " + kinds[RANDOM.nextInt(kinds.length)] + ", begin: " + begin + ", end: "
                        + (begin + 1 + RANDOM.nextInt(byEpoch ? 100 : 1500)) + ", by_epoch: " + byEpoch + "}");
            }
            String flags = "type=mmengine.param_scheduler,lr=" + (RANDOM.nextBoolean() ? "0.1" : "-0.3")
                    + ",epoch_length=" + (1 + RANDOM.nextInt(20)) + ",schedulers=[" + String.join(", ", entries) + "]";
            Schedule s;
            try {
                s = Flags.schedule(flags);
            } catch (RuntimeException e) {
                continue;
            }
            if (!s.pieces().known()) {
                continue;
            }
            named++;
            long from = RANDOM.nextInt(300);
            long to = from + RANDOM.nextInt(3000);
            int columns = 1 + RANDOM.nextInt(RANDOM.nextBoolean() ? 40 : 2000);
            assertThat(samePoints(s, from, to, columns)).as("%s rows %d..%d, %d columns", flags, from, to, columns)
                    .isTrue();
        }
        assertThat(named).isGreaterThan(100);
    }
}
