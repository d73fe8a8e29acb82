package lrsched.compat.torch;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case in src/test/resources/golden/torch22: torch 2.2 ({@code versions: {torch: "2.2"}}), the schedulers whose
 * behaviour changed between releases, made by src/tools/golden/torch_golden.py --module --release 2.2 with
 * pytorch/pytorch torch/optim/lr_scheduler.py at commit 91a8950d1b07074bdd6a13051956e8c470d17f83 (2.2.0a0): the
 * release between 1.13 and the newest, with 2.0's changes and none of the later ones ({@link TorchChange}).
 */
class Torch22GoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("torch22", TorchGoldenTest.ROWS, false);
    }
}
