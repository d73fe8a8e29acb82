package lrsched.compat.deepspeed;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case under src/test/resources/golden/deepspeed/ (made by src/tools/golden/timm_ds_fairseq_oracle.py). */
class DeepSpeedGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("deepspeed");
    }
}
