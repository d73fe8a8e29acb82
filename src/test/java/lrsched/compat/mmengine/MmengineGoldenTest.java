package lrsched.compat.mmengine;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/mmengine/, made by mmengine's own scheduler modules stepped as its
 * runner steps them (src/tools/golden/mmengine_schedulers.py): lrsched follows mmengine's float64 operations in the
 * same order, so every row matches bit for bit (cos and pow included: no golden argument falls where Java's Math and
 * glibc round differently).
 */
class MmengineGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("mmengine", spec -> GoldenCases.exact(), false);
    }
}
