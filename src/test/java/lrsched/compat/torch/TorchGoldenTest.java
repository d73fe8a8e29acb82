package lrsched.compat.torch;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case in src/test/resources/golden/torch: torch 1.13 (each spec says versions: {torch: "1.13"}), made by src/tools/golden/torch_golden.py. */
class TorchGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("torch");
    }
}
