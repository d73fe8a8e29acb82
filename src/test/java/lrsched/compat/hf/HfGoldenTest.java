package lrsched.compat.hf;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** transformers' schedules against src/test/resources/golden/hf (made by src/tools/golden/hf_oracle.py). */
class HfGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("hf");
    }
}
