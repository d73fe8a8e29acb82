package lrsched.compat.ultralytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/ultralytics/, made by ultralytics' own trainer lines with torch 1.13's
 * LambdaLR and numpy's interp (src/tools/golden/ultralytics_trainer.py). lrsched follows their float64 operations in
 * the same order, with glibc's cosine (lrsched.core.Libm) for cos_lr, so every row is the same double, bit for bit.
 */
class UltralyticsGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("ultralytics", spec -> GoldenCases.exact(), true).toList();
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }
}
