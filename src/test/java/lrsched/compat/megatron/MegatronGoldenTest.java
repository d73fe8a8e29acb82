package lrsched.compat.megatron;

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
 * Every case under src/test/resources/golden/megatron/, made by Megatron-LM's own scheduler and argument code
 * (src/tools/golden/megatron_scheduler.py). lrsched follows Megatron's float64 operations in the same order, so every
 * row must be the same double, bit for bit, except where the formula calls cos or pow (cosine, WSD cosine and WSD
 * exponential): Java's Math.cos and Math.pow are within 1 ulp of the true value but not always glibc's rounding
 * (about 2 in 1000 random arguments differ by one ulp), so those rows may differ by one ulp of the coefficient times
 * (lr - min_lr): they must match within 1e-15 of lr. A refusal must name the parameter and quote Megatron's
 * exception.
 */
class MegatronGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/megatron").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(spec -> {
                String name = spec.getFileName().toString().replaceFirst("\\.yaml$", "");
                tests.add(DynamicTest.dynamicTest(name, () -> check(spec, name)));
            });
        }
        assertThat(tests).hasSizeGreaterThan(30);
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
        String text = Files.readString(spec);
        boolean wsd = text.contains("lr_decay_style: WSD");
        boolean transcendental = text.contains("lr_decay_style: cosine") || wsd && !text.contains("lr_wsd_decay_style: "
                + "linear") && !text.contains("lr_wsd_decay_style: minus_sqrt");
        double lr = Double.parseDouble(text.replaceFirst("(?s).*\n    lr: ([^\n]+)\n.*", "$1"));
        List<String> lines = Files.readAllLines(DIR.resolve(name + ".csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("step," + name);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            long step = Long.parseLong(cells[0]);
            double expected = Double.parseDouble(cells[1]);
            if (transcendental) {
                assertThat(schedule.at(step)).as(name + " at step " + step).isCloseTo(expected, within(1e-15 * lr));
            } else {
                assertThat(schedule.at(step)).as(name + " at step " + step).isEqualTo(expected);
            }
        }
    }

    private static String field(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2))
                .findFirst().orElseThrow(() -> new UncheckedIOException(new IOException("no " + key)));
    }
}
