package lrsched.compat.torch;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case in src/test/resources/golden/plateau: torch's ReduceLROnPlateau (and hf's get_scheduler, which returns
 * it), timm's PlateauLRScheduler and Keras' ReduceLROnPlateau callback, run by src/tools/golden/plateau.py on
 * recorded metric traces; bit for bit.
 */
class PlateauGoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("plateau", spec -> GoldenCases.exact(), false);
    }
}
