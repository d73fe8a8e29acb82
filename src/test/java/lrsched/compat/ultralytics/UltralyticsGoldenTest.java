package lrsched.compat.ultralytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/ultralytics/, made by ultralytics' own trainer lines with torch 1.13's
 * LambdaLR and numpy's interp (src/tools/golden/ultralytics_trainer.py). lrsched follows their float64 operations in
 * the same order, so every row is the same double, bit for bit, except that cos_lr rows may differ by an ulp of
 * the cosine (Java's Math.cos against glibc's): those cases match within 1e-15 of the value.
 */
class UltralyticsGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("ultralytics", spec -> (name, step, expected, actual) -> {
            if (name.contains("cosine") || name.equals("legacy_mid_epoch")) {
                assertThat(actual).as(name + " at step " + step).isCloseTo(expected,
                        within(1e-15 * Math.abs(expected)));
            } else {
                assertThat(actual).as(name + " at step " + step).isEqualTo(expected);
            }
        }, true).toList();
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }
}
