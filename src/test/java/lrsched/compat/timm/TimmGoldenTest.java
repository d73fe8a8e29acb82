package lrsched.compat.timm;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case under src/test/resources/golden/timm/ (made by src/tools/golden/timm_ds_fairseq_oracle.py). */
class TimmGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("timm");
    }
}
