package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what CPython 3.11 prints for repr(float(x)). */
class DoubleFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.0|0.0", "-0.0|-0.0", "1.0|1.0", "100.0|100.0", "0.1|0.1", "0.0001|0.0001", "0.00001|1e-05",
            "0.00015|0.00015", "1.5e-05|1.5e-05", "3e-4|0.0003", "1e15|1000000000000000.0", "1e16|1e+16",
            "1.2345e16|1.2345e+16", "123456789012345.6|123456789012345.6", "2e-7|2e-07", "1e-100|1e-100",
            "1.7976931348623157e308|1.7976931348623157e+308", "0.30000000000000004|0.30000000000000004",
            "-2.5|-2.5", "2.0E-3|0.002", "9999999999999998.0|9999999999999998.0", "12.5|12.5",
            "0.000123|0.000123", "1e22|1e+22", "2e23|2e+23"})
    void matchesPythonRepr(double value, String python) {
        assertThat(DoubleFormat.format(value)).isEqualTo(python);
    }

    @ParameterizedTest
    @CsvSource({"1.0E23", "8.41E21", "2.0E-3", "4.9E-324", "1.0E-5"})
    void roundTripsValuesWhereJdk17ToStringIsNotShortest(double value) {
        assertThat(Double.parseDouble(DoubleFormat.format(value))).isEqualTo(value);
    }
}
