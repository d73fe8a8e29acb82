package lrsched.compat.nemo;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/nemo/, written by NeMo's own schedulers run with torch 1.13
 * (src/tools/golden/nemo_schedulers.py), bit for bit.
 */
class NemoGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("nemo", spec -> GoldenCases.exact(), false);
    }
}
