package lrsched.compat.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import lrsched.testing.BitIdentical;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/paddle/, made by Paddle's own python/paddle/optimizer/lr.py
 * (src/tools/golden/paddle_schedules.py). lrsched follows Paddle's float64 operations in Paddle's order (replaying
 * its recursions) with glibc's cosine (lrsched.core.Libm), so every row is the same double, bit for bit
 * ({@link #everyRowIsBitIdentical} counts them; before Libm, 117 rows of two cases differed, CosineAnnealingDecay's
 * recursion carrying a 1-ulp cosine difference on). A refusal must name
the parameter and quote Paddle's exception.
 */
class PaddleGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/paddle").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("paddle", spec -> GoldenCases.exact(), true).toList();
        assertThat(tests).hasSizeGreaterThan(80);
        return tests.stream();
    }

    @Test
    void everyRowIsBitIdentical() throws IOException {
        Map<String, BitIdentical.Count> cases = BitIdentical.cases(DIR);
        assertThat(cases.values().stream().mapToLong(BitIdentical.Count::all).sum()).isEqualTo(4024);
        assertThat(cases.values().stream().mapToLong(BitIdentical.Count::missed).sum()).as("rows refused or off")
                .isZero();
        assertThat(cases.values().stream().mapToLong(c -> c.all() - c.identical()).sum())
                .as("rows that are not the same double").isZero();
    }
}
