package lrsched.compat.paddledet;

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
 * Every case under src/test/resources/golden/paddledet/, made by PaddleDetection's own optimizer.py on Paddle's
 * lr.py (src/tools/golden/paddledet_schedules.py). The classes compute in float64 with math.cos and float powers,
 * which lrsched follows in the same order with glibc's cosine and pow (lrsched.core.Libm), so every row is the same
 * double ({@link #everyRowIsBitIdentical} counts them). A refusal must name schedulers and quote the exception.
 */
class PaddleDetGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/paddledet").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("paddledet", spec -> GoldenCases.exact(), true).toList();
        assertThat(tests).hasSize(27);
        return tests.stream();
    }

    @Test
    void everyRowIsBitIdentical() throws IOException {
        Map<String, BitIdentical.Count> cases = BitIdentical.cases(DIR);
        assertThat(cases.values().stream().mapToLong(BitIdentical.Count::all).sum()).isEqualTo(2785);
        assertThat(cases.values().stream().mapToLong(BitIdentical.Count::missed).sum()).as("rows refused or off")
                .isZero();
        assertThat(cases.values().stream().mapToLong(c -> c.all() - c.identical()).sum())
                .as("rows that are not the same double").isZero();
    }
}
