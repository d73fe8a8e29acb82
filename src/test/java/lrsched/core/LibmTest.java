package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class LibmTest {

    @Test
    void cosEqualsGlibcBitForBitOnEveryGoldenArgument() throws IOException {
        assertThat(golden("cos")).hasSizeGreaterThan(30_000);
        assertThat(differences("cos", Libm::cos)).isEmpty();
    }

    @Test
    void expEqualsGlibcBitForBitOnEveryGoldenArgument() throws IOException {
        assertThat(golden("exp")).hasSizeGreaterThan(25_000);
        assertThat(differences("exp", Libm::exp)).isEmpty();
    }

    @Test
    void logEqualsGlibcBitForBitOnEveryGoldenArgument() throws IOException {
        assertThat(golden("log")).hasSizeGreaterThan(25_000);
        assertThat(differences("log", Libm::log)).isEmpty();
    }

    @Test
    void logGoldenDataIncludesArgumentsWhereJavaMathDiffersFromGlibc() throws IOException {
        assertThat(differences("log", Math::log)).isNotEmpty();
    }

    @Test
    void logOfZeroIsMinusInfinityAndOfNegativesNan() {
        assertThat(Libm.log(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Libm.log(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Libm.log(-1.0)).isNaN();
        assertThat(Libm.log(1.0)).isEqualTo(0.0);
        assertThat(Libm.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void powEqualsGlibcBitForBitOnEveryGoldenPair() throws IOException {
        List<String> differing = new ArrayList<>();
        List<double[]> rows = golden("pow");
        for (double[] row : rows) {
            double actual = Libm.pow(row[0], row[1]);
            if (!sameBits(actual, row[2])) {
                differing.add("pow(" + Double.toHexString(row[0]) + ", " + Double.toHexString(row[1]) + "): glibc "
                        + Double.toHexString(row[2]) + ", here " + Double.toHexString(actual));
            }
        }
        assertThat(rows).hasSizeGreaterThan(40_000);
        assertThat(differing).isEmpty();
    }

    @Test
    void powGoldenDataIncludesPairsWhereJavaMathDiffersFromGlibc() throws IOException {
        assertThat(golden("pow").stream().filter(r -> !sameBits(Math.pow(r[0], r[1]), r[2]))).isNotEmpty();
    }

    @Test
    void powFollowsCsSpecialCases() {
        assertThat(Libm.pow(1.0, Double.NaN)).isEqualTo(1.0);
        assertThat(Libm.pow(Double.NaN, 0.0)).isEqualTo(1.0);
        assertThat(Libm.pow(-8.0, 1.0 / 3)).isNaN();
        assertThat(Libm.pow(-2.0, 3.0)).isEqualTo(-8.0);
        assertThat(Libm.pow(-0.0, -1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Libm.pow(10.0, 400.0)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void expGoldenDataIncludesArgumentsWhereJavaMathDiffersFromGlibc() throws IOException {
        assertThat(differences("exp", Math::exp)).isNotEmpty();
    }

    @Test
    void expOverflowsToInfinityAndUnderflowsToZero() {
        assertThat(Libm.exp(710.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Libm.exp(-746.0)).isEqualTo(0.0);
        assertThat(Libm.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Libm.exp(Double.NaN)).isNaN();
    }

    @Test
    void cosGoldenDataIncludesArgumentsWhereJavaMathDiffersFromGlibc() throws IOException {
        assertThat(differences("cos", Math::cos)).isNotEmpty();
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

    /** The golden lines of {@code name} where {@code f} does not return glibc's double. */
    private static List<String> differences(String name, DoubleUnaryOperator f) throws IOException {
        List<String> differing = new ArrayList<>();
        for (double[] row : golden(name)) {
            double actual = f.applyAsDouble(row[0]);
            if (!sameBits(actual, row[1])) {
                differing.add(name + "(" + Double.toHexString(row[0]) + "): glibc " + Double.toHexString(row[1])
                        + ", here " + Double.toHexString(actual));
            }
        }
        return differing;
    }

    private static boolean sameBits(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    /** Rows {x, f(x)} (pow: {x, y, pow(x, y)}) of src/test/resources/golden/libm/NAME.csv (float.hex, written by libm_glibc.py). */
    private static List<double[]> golden(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(LibmTest.class.getResourceAsStream("/golden/libm/" + name + ".csv")),
                StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#")) {
                    String[] cells = line.split(",");
                    double[] row = new double[cells.length];
                    for (int i = 0; i < cells.length; i++) {
                        row[i] = pythonHex(cells[i]);
                    }
                    rows.add(row);
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
