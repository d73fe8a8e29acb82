package lrsched.compat.torch;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case in src/test/resources/golden/torch2: torch 2.x, lrsched's default (made by
 * src/tools/golden/torch_golden.py --module with pytorch/pytorch torch/optim/lr_scheduler.py at commit
 * 008f727ece1520e12c25089a7969d5b8fca75f8e). The 1.13 cases (golden/torch) say {@code versions: {torch: "1.13"}}.
 */
class Torch2GoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("torch2", TorchGoldenTest.ROWS, false);
    }
}
