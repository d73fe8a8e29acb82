package lrsched.compat.torch;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case in src/test/resources/golden/torch2: the newest torch, lrsched's default (made by
 * src/tools/golden/torch_golden.py --module with lr_scheduler.py and swa_utils.py of the torch 2.14.1 release wheel).
 * The 1.13 cases (golden/torch) say {@code versions: {torch: "1.13"}}, the 2.2 and 2.12 ones (golden/torch22,
 * golden/torch212) theirs.
 */
class Torch2GoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("torch2", TorchGoldenTest.ROWS, false);
    }
}
