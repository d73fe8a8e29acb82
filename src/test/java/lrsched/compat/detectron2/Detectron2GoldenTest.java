package lrsched.compat.detectron2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/detectron2/, made by detectron2's and fvcore's own modules
 * (src/tools/golden/detectron2_schedulers.py). lrsched follows their float64 operations in the same order, so a row
 * is the same double, bit for bit (cos and pow through lrsched.core.Libm, glibc's own). A refusal must name the
 * parameter and quote the library's exception.
 */
class Detectron2GoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("detectron2", spec -> GoldenCases.exact(), true)
                .toList();
        assertThat(tests).hasSizeGreaterThan(40);
        return tests.stream();
    }
}
