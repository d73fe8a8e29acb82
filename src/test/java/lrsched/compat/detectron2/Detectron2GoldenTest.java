package lrsched.compat.detectron2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/detectron2/, made by detectron2's and fvcore's own modules
 * (src/tools/golden/detectron2_schedulers.py). lrsched follows their float64 operations in the same order, so a row
 * is the same double, bit for bit, unless its formula calls cos or pow (the cosine, exponential and polynomial
 * schedulers, and GAMMA ** k): Java's Math.cos and Math.pow are within 1 ulp of the true value but not always
 * glibc's rounding, so rows match within 1e-15 of the value (3 of the 3,871 rows differ, by one ulp: a cosine and
 * two exponential rows; one ulp of the multiplier times the LR). A refusal must name the parameter and quote the library's exception.
 */
class Detectron2GoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/detectron2").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(spec -> {
                String name = spec.getFileName().toString().replaceFirst("\\.yaml$", "");
                tests.add(DynamicTest.dynamicTest(name, () -> check(spec, name)));
            });
        }
        assertThat(tests).hasSizeGreaterThan(40);
        return tests.stream();
    }

    private static void check(Path spec, String name) throws IOException {
        Path error = DIR.resolve(name + ".error");
        if (Files.exists(error)) {
            List<String> lines = Files.readAllLines(error, StandardCharsets.UTF_8);
            String param = field(lines, "param"), message = field(lines, "message");
            assertThatThrownBy(() -> GoldenCases.build(spec)).isInstanceOf(InputException.class)
                    .hasMessageContaining(param + ": " + message);
            return;
        }
        Schedule schedule = GoldenCases.build(spec);
        List<String> lines = Files.readAllLines(DIR.resolve(name + ".csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("step," + name);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            long step = Long.parseLong(cells[0]);
            double expected = Double.parseDouble(cells[1]);
            assertThat(schedule.at(step)).as(name + " at step " + step)
                    .isCloseTo(expected, within(1e-15 * Math.abs(expected)));
        }
    }

    private static String field(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2))
                .findFirst().orElseThrow(() -> new UncheckedIOException(new IOException("no " + key)));
    }
}
