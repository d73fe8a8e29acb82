package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Learning rates at the ends of what a double holds (the smallest subnormal, the largest finite value, both signs)
 * draw a chart on either axis, in the terminal and as a PNG: no endless tick count at a zero log-axis end, no
 * NumberFormatException for an infinite tick spacing, no infinite frame.
 */
class ExtremeValuesPlotTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "type=constant,lr=1e-323                    | --log-y",
            "type=constant,lr=1e-323                    | --no-log-y",
            "type=expr,formula=4.9e-324                 | --log-y",
            "type=expr,formula=1.7e308                  | --log-y",
            "type=expr,formula=1.7e308                  | --no-log-y",
            "type=expr,formula=1e307*step               | --no-log-y",
            "type=expr,formula=1.7e308*(1-2*(step%2))   | --no-log-y",
            "type=expr,formula=1.7e308*(1-2*(step%2))   | --log-y",
            "type=expr,formula=1.7e308*(step%2)+1e-323  | --log-y",
    })
    void drawsInTheTerminalAndAsAnImage(String spec, String axis) {
        String[] logY = axis.equals("--log-y") ? new String[] {"--log-y"} : new String[0];
        CliRun term = CliRun.run(dir, concat(new String[] {"plot", "-s", spec, "--steps", "10", "--term"}, logY));
        assertThat(term.exitCode()).as(term.err()).isZero();
        assertThat(term.err()).isEmpty();
        assertThat(term.out()).contains("Step");
        CliRun png = CliRun.run(dir, concat(new String[] {"plot", "-s", spec, "--steps", "10", "-o", "c.png"}, logY));
        assertThat(png.exitCode()).as(png.err()).isZero();
        assertThat(Files.exists(dir.resolve("c.png"))).isTrue();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
