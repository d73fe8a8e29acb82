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
     * Every row bit for bit (cos, exp, log and ** through lrsched.core.Libm, glibc's own), except in cases whose
     * formulas call sin or tanh (still Java's Math, which differs from glibc by an ulp on a few arguments): within
     * 1e-14.
     */
    static final Function<Path, GoldenCases.RowCheck> ROWS = GoldenCases.exactUnless(Pattern.compile(
            "(sin|tanh)\\("), 1e-14);

    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("torch", TorchGoldenTest.ROWS, false);
    }
}
