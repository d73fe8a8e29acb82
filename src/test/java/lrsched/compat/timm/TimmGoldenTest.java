package lrsched.compat.timm;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/timm/ (computed cases made by src/tools/golden/library_golden.py from the
 * library's own code; test_* and .error cases by src/tools/golden/timm_ds_fairseq_oracle.py). Bit for bit, except
 * cases that may call libm (GoldenCases.CALLS_LIBM): within 1e-9.
 */
class TimmGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("timm", GoldenCases.exactUnless(GoldenCases.CALLS_POW, GoldenCases.RELATIVE),
                false);
    }
}
