package lrsched.compat.detectron2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/detectron2/, made by detectron2's and fvcore's own modules
 * (src/tools/golden/detectron2_schedulers.py). lrsched follows their float64 operations in the same order, so a row
 * is the same double, bit for bit (cosines through lrsched.core.Libm, glibc's own cos), unless its formula calls pow
 * (the exponential and polynomial schedulers, and GAMMA ** k): Java's Math.pow is within 1 ulp of the true value but
 * not always glibc's rounding, so those cases match within 1e-15 of the value (2 of the 3,871 rows differ, by one
 * ulp: two exponential rows). A refusal must name the parameter and quote the library's exception.
 */
class Detectron2GoldenTest {
    /** Specs whose schedule calls pow (exponential, polynomial, step decay's gamma ** k). */
    private static final Pattern POW = Pattern.compile("(?i)exponential|poly|gamma|\\*\\*");

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("detectron2", Detectron2GoldenTest::rows, true)
                .toList();
        assertThat(tests).hasSizeGreaterThan(40);
        return tests.stream();
    }

    private static GoldenCases.RowCheck rows(Path spec) {
        try {
            return POW.matcher(Files.readString(spec)).find() ? GoldenCases.withinOfValue(1e-15) : GoldenCases.exact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
