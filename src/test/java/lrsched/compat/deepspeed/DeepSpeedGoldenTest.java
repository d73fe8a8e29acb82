package lrsched.compat.deepspeed;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/deepspeed/ (computed cases made by src/tools/golden/library_golden.py
 * from the library's own code; test_* and .error cases by src/tools/golden/timm_ds_fairseq_oracle.py). Bit for bit,
 * except cases that may call libm (GoldenCases.CALLS_LIBM): within 1e-9.
 */
class DeepSpeedGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("deepspeed", GoldenCases.exactUnless(GoldenCases.CALLS_LIBM, GoldenCases.RELATIVE),
                false);
    }
}
