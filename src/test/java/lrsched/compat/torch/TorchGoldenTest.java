package lrsched.compat.torch;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case in src/test/resources/golden/torch (made by src/tools/golden/torch_golden.py with torch 1.13). */
class TorchGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("torch");
    }
}
