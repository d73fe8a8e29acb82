package lrsched.compat.fastai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/fastai/, made by fastai's own ParamScheduler, TrainEvalCallback and
 * Optimizer driven as fastai's Learner drives them (src/tools/golden/fastai_schedules.py). lrsched follows the
 * float32 positions and float64 progress sum bit for bit; rows differ only where Java's Math.cos rounds differently
 * from glibc's cos (3 of the 7,643 rows, by at most 9.2e-16 relative), so rows are held within 1e-15 relative.
 */
class FastaiGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("fastai", spec -> GoldenCases.withinOfValue(1e-15), false).toList();
        assertThat(tests).hasSizeGreaterThan(15);
        return tests.stream();
    }
}
