package lrsched.compat.diffusers;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * diffusers' schedules against src/test/resources/golden/diffusers (made by diffusers' own optimization.py, run by
 * src/tools/golden/hf_library.py), bit for bit.
 */
class DiffusersGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("diffusers", spec -> GoldenCases.exact(), false);
    }
}
