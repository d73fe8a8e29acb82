package lrsched.compat.hf;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * transformers' schedules against src/test/resources/golden/hf (made by transformers' own optimization.py, run by
 * src/tools/golden/hf_library.py). Every row bit for bit (cos and ** through lrsched.core.Libm, glibc's own).
 */
class HfGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("hf", spec -> GoldenCases.exact(),
                false);
    }
}
