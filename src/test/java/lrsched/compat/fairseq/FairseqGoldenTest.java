package lrsched.compat.fairseq;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/fairseq/ (computed cases made by src/tools/golden/library_golden.py from
 * the library's own code; test_* and .error cases by src/tools/golden/timm_ds_fairseq_oracle.py), bit for bit.
 */
class FairseqGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("fairseq", spec -> GoldenCases.exact(), false);
    }
}
