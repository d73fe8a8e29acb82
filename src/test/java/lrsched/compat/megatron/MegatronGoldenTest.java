package lrsched.compat.megatron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/megatron/, made by Megatron-LM's own scheduler and argument code
 * (src/tools/golden/megatron_scheduler.py). lrsched follows Megatron's float64 operations in the same order, so every
 * row must be the same double, bit for bit (cosines through lrsched.core.Libm, glibc's own cos), except where the
 * formula calls pow (WSD exponential): Java's Math.pow is within 1 ulp of the true value but not always glibc's
 * rounding, so those rows must match within 1e-15 of lr. A refusal must name the parameter and quote Megatron's
 * exception.
 */
class MegatronGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("megatron", MegatronGoldenTest::rows, true).toList();
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }

    /** Bit for bit, except where the case's formula calls pow: then within 1e-15 of lr. */
    private static GoldenCases.RowCheck rows(Path spec) {
        String text;
        try {
            text = Files.readString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean transcendental = text.contains("lr_decay_style: WSD")
                && text.contains("lr_wsd_decay_style: exponential");
        double lr = Double.parseDouble(text.replaceFirst("(?s).*\n    lr: ([^\n]+)\n.*", "$1"));
        return (name, step, expected, actual) -> {
            if (transcendental) {
                assertThat(actual).as(name + " at step " + step).isCloseTo(expected, within(1e-15 * lr));
            } else {
                assertThat(actual).as(name + " at step " + step).isEqualTo(expected);
            }
        };
    }
}
