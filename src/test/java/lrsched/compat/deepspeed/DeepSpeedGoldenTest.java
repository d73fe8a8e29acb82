package lrsched.compat.deepspeed;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/deepspeed/ (the newest DeepSpeed, lrsched's default) and
 * golden/deepspeed-0.19.3/ (OneCycle before DeepSpeed 0.19.4, specs saying {@code versions: {deepspeed: "0.19.3"}}):
 * computed cases made by src/tools/golden/library_golden.py from the library's own code; test_* and most .error cases
 * by src/tools/golden/timm_ds_fairseq_oracle.py. Bit for bit, except cases that may call libm
 * (GoldenCases.CALLS_LIBM): within 1e-9.
 */
class DeepSpeedGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("deepspeed", GoldenCases.exactUnless(GoldenCases.CALLS_LIBM, GoldenCases.RELATIVE),
                false);
    }

    @TestFactory
    Stream<DynamicTest> beforeRelease0194() {
        return GoldenCases.of("deepspeed-0.19.3", GoldenCases.exactUnless(GoldenCases.CALLS_LIBM,
                GoldenCases.RELATIVE), false);
    }
}
