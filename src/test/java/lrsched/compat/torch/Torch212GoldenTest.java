package lrsched.compat.torch;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case in src/test/resources/golden/torch212: torch 2.12 ({@code versions: {torch: "2.12"}}), the schedulers
 * whose behaviour changed between releases, made by src/tools/golden/torch_golden.py --module --release 2.12 with
 * pytorch/pytorch torch/optim/lr_scheduler.py at commit 008f727ece1520e12c25089a7969d5b8fca75f8e: SequentialLR's
 * {@code _update_lr(0)} and {@code _is_initial} (2.9), not yet the 2.13 start with the child active at epoch 0
 * ({@link TorchChange}).
 */
class Torch212GoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("torch212", TorchGoldenTest.ROWS, false);
    }
}
