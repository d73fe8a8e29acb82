package lrsched.compat.hf;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * transformers' schedules against src/test/resources/golden/hf (made by transformers' own optimization.py, run by
 * src/tools/golden/hf_library.py). Bit for bit, except cases that may call libm (GoldenCases.CALLS_LIBM): within
 * 1e-9.
 */
class HfGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("hf", GoldenCases.exactUnless(GoldenCases.CALLS_POW, GoldenCases.RELATIVE),
                false);
    }
}
