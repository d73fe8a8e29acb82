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
 * float32 positions and float64 progress sum bit for bit, and its cosine is glibc's (lrsched.core.Libm), so every
 * row is the same double, bit for bit.
 */
class FastaiGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("fastai", spec -> GoldenCases.exact(), false).toList();
        assertThat(tests).hasSizeGreaterThan(15);
        return tests.stream();
    }
}
