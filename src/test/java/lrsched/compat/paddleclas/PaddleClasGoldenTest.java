package lrsched.compat.paddleclas;

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
 * Every case under src/test/resources/golden/paddleclas/, made by PaddleClas's own learning_rate.py on Paddle's lr.py
 * and stepped as PaddleClas's train loop steps it, per update or per epoch (src/tools/golden/paddleclas_schedules.py).
 * The classes compute in float64 with math.cos, which lrsched follows in the same order with glibc's cosine
 * (lrsched.core.Libm), so every row is the same double ({@link #everyRowIsBitIdentical} counts them). A refusal must
 * name the parameter and quote the exception.
 */
class PaddleClasGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/paddleclas").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("paddleclas", spec -> GoldenCases.exact(), true).toList();
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }

    @Test
    void everyRowIsBitIdentical() throws IOException {
        Map<String, BitIdentical.Count> cases = BitIdentical.cases(DIR);
        assertThat(cases.values().stream().mapToLong(BitIdentical.Count::all).sum()).isEqualTo(1332);
        assertThat(cases.values().stream().mapToLong(BitIdentical.Count::missed).sum()).as("rows refused or off")
                .isZero();
        assertThat(cases.values().stream().mapToLong(c -> c.all() - c.identical()).sum())
                .as("rows that are not the same double").isZero();
    }
}
