package lrsched.compat.deepspeed;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import lrsched.testing.GoldenCases;

/** Every case under src/test/resources/golden/deepspeed/ (made by src/tools/golden/timm_ds_fairseq_oracle.py). */
class DeepSpeedGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("deepspeed");
    }
}
