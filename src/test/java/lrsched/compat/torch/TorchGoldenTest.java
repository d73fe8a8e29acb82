package lrsched.compat.torch;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case in src/test/resources/golden/torch: torch 1.13 (each spec says versions: {torch: "1.13"}), made by
 * src/tools/golden/torch_golden.py; rows as {@link #ROWS} says.
 */
class TorchGoldenTest {
    /**
     * Every row bit for bit (cos, exp and log through lrsched.core.Libm, glibc's own), except in cases whose formulas
     * call pow, sin or tanh (torch's glibc and Java's Math differ by an ulp on about 0.1% of arguments): within 1e-14.
     */
    static final Function<Path, GoldenCases.RowCheck> ROWS = GoldenCases.exactUnless(Pattern.compile(
            "(sin|tanh|pow)\\(|\\*\\*"), 1e-14);

    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("torch", TorchGoldenTest.ROWS, false);
    }
}
