package lrsched.compat.keras;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * keras.* against src/test/resources/golden/keras: the library's own test values (t_*, from
 * src/tools/golden/keras_optax_libtests.py) and the independent float64 oracle (o_*, keras_optax_oracle.py). Bit for
 * bit, except cases that may call libm (GoldenCases.CALLS_LIBM): within 1e-9.
 */
class KerasGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("keras", GoldenCases.exactUnless(GoldenCases.CALLS_LIBM, GoldenCases.RELATIVE),
                false);
    }
}
