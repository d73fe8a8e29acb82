package lrsched.compat.detectron2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Detectron2TypesTest {
    @TempDir
    Path dir;

    private Schedule build(String schedule) {
        try {
            Path spec = dir.resolve("spec.yaml");
            Files.writeString(spec, "steps: 100\nschedules:\n  - name: d2\n" + schedule.indent(4));
            return GoldenCases.build(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rowsFromMaxIterOnHoldTheLastIterationsLr() {
        Schedule s = build("type: detectron2.build_lr_scheduler\nSOLVER: {LR_SCHEDULER_NAME: WarmupCosineLR, "
                + "BASE_LR: 0.1, MAX_ITER: 100, WARMUP_ITERS: 0}");
        assertThat(s.at(100)).isEqualTo(s.at(99));
        assertThat(s.at(Long.MAX_VALUE)).isEqualTo(s.at(99));
        assertThat(s.nominalEnd()).hasValue(100);
    }

    @Test
    void marksTheFirstIterationAfterTheWarmup() {
        Schedule s = build("type: detectron2.build_lr_scheduler\nSOLVER: {MAX_ITER: 3000000, WARMUP_ITERS: 1000, "
                + "STEPS: [2000000]}");
        // fvcore's WHERE_EPSILON (1e-6 of the run, 3 iterations) ends the warmup 3 iterations early
        assertThat(s.warmupEnd()).hasValue(997);
    }

    @Test
    void anUnknownSolverKeyIsRefusedWithASuggestion() {
        assertThatThrownBy(() -> build("type: detectron2.build_lr_scheduler\nSOLVER: {WARMUP_ITER: 10}"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("schedule 'd2.SOLVER[0]' (detectron2.build_lr_scheduler SOLVER): unknown "
                        + "parameter 'WARMUP_ITER'; did you mean 'WARMUP_ITERS'?");
    }

    @Test
    void solverTakesOneMapping() {
        assertThatThrownBy(() -> build("type: detectron2.build_lr_scheduler\nSOLVER: [{BASE_LR: 0.1}, {BASE_LR: "
                + "0.2}]"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("SOLVER: takes one mapping of the SOLVER keys, not 2");
    }

    @Test
    void aFixedGammaRunOfMillionsOfIterationsIsRefusedWhereFvcoreRunsPastItsValues() {
        // detectron2 raises this IndexError from iteration 1999998 on (checked with its own modules)
        assertThatThrownBy(() -> build("type: detectron2.build_lr_scheduler\nSOLVER: {LR_SCHEDULER_NAME: "
                + "WarmupStepWithFixedGammaLR, MAX_ITER: 2000000}"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("MAX_ITER: IndexError: list index out of range (fvcore raises from iteration "
                        + "1999998 of 2000000 on)");
    }

    @Test
    void aMultiplierMustBeAnFvcoreScheduler() {
        assertThatThrownBy(() -> build("type: detectron2.LRMultiplier\nlr: 0.1\nmax_iter: 100\nmultiplier: {type: "
                + "constant, lr: 1.0}"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("multiplier: takes fvcore schedulers (fvcore.* or "
                        + "detectron2.WarmupParamScheduler), not other lrsched types");
    }

    @Test
    void aStandaloneFvcoreSchedulerNeedsMaxIter() {
        assertThatThrownBy(() -> build("type: fvcore.CosineParamScheduler\nstart_value: 1.0\nend_value: 0.0"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("missing required parameter 'max_iter' (the run's iterations: row s is the "
                        + "value at where = s / max_iter (LRMultiplier's max_iter; a nested scheduler takes its "
                        + "parent's))");
    }

    @Test
    void nestedSchedulersInheritMaxIter() {
        Schedule s = build("type: detectron2.LRMultiplier\nlr: 2.0\nmax_iter: 4\nmultiplier:\n  type: "
                + "fvcore.LinearParamScheduler\n  start_value: 0.0\n  end_value: 1.0");
        assertThat(s.at(1)).isEqualTo(0.5);
        assertThat(s.at(3)).isEqualTo(1.5);
    }
}
