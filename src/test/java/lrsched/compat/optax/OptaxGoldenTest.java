package lrsched.compat.optax;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * optax.* against src/test/resources/golden/optax: the library's own test values (t_*, from
 * src/tools/golden/keras_optax_libtests.py) and the independent float64 oracle (o_*, keras_optax_oracle.py). Bit for
 * bit, except cases that may call libm (GoldenCases.CALLS_LIBM): within 1e-9.
 */
class OptaxGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("optax", GoldenCases.exactUnless(GoldenCases.CALLS_LIBM, GoldenCases.RELATIVE),
                false);
    }
}
