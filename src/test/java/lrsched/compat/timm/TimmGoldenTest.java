package lrsched.compat.timm;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/timm/ (computed cases made by src/tools/golden/library_golden.py from the
 * library's own code; test_* and .error cases by src/tools/golden/timm_ds_fairseq_oracle.py). Every row bit for
 * bit (cos and ** through lrsched.core.Libm, glibc's own).
 */
class TimmGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("timm", spec -> GoldenCases.exact(),
                false);
    }
}
