package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class LibmTest {

    @Test
    void cosEqualsGlibcBitForBitOnEveryGoldenArgument() throws IOException {
        List<double[]> rows = golden("cos");
        List<String> differing = new ArrayList<>();
        for (double[] row : rows) {
            double actual = Libm.cos(row[0]);
            if (!sameBits(actual, row[1])) {
                differing.add(Double.toHexString(row[0]) + ": glibc " + Double.toHexString(row[1]) + ", Libm "
                        + Double.toHexString(actual));
            }
        }
        assertThat(rows).hasSizeGreaterThan(30_000);
        assertThat(differing).isEmpty();
    }

    @Test
    void cosGoldenDataIncludesArgumentsWhereJavaMathDiffersFromGlibc() throws IOException {
        long javaDiffers = golden("cos").stream().filter(r -> !sameBits(Math.cos(r[0]), r[1])).count();
        assertThat(javaDiffers).isPositive();
    }

    @Test
    void cosOfNanAndInfinitiesIsNan() {
        assertThat(Libm.cos(Double.NaN)).isNaN();
        assertThat(Libm.cos(Double.POSITIVE_INFINITY)).isNaN();
        assertThat(Libm.cos(Double.NEGATIVE_INFINITY)).isNaN();
    }

    @Test
    void cosIsEvenAndOneAtZero() {
        assertThat(Libm.cos(0.0)).isEqualTo(1.0);
        assertThat(Libm.cos(-0.0)).isEqualTo(1.0);
        assertThat(Libm.cos(-2.5)).isEqualTo(Libm.cos(2.5));
    }

    private static boolean sameBits(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    /** Rows {x, f(x)} of src/test/resources/golden/libm/NAME.csv (float.hex, written by libm_glibc.py). */
    private static List<double[]> golden(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(LibmTest.class.getResourceAsStream("/golden/libm/" + name + ".csv")),
                StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#")) {
                    String[] cells = line.split(",");
                    rows.add(new double[] {pythonHex(cells[0]), pythonHex(cells[1])});
                }
            }
        }
        return rows;
    }

    private static double pythonHex(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
