package lrsched.compat.torch;

import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SequentialLR and ChainedScheduler nested in each other, in src/test/resources/golden/torch-nested (torch 1.13) and
 * golden/torch-nested2 (torch 2.x, pytorch/pytorch torch/optim/lr_scheduler.py at commit
 * 008f727ece1520e12c25089a7969d5b8fca75f8e), made by src/tools/golden/torch_nested.py. Every row bit for bit.
 */
class TorchNestedGoldenTest {
    @TestFactory
    Stream<DynamicTest> torch113() {
        return GoldenCases.of("torch-nested", spec -> GoldenCases.exact(), false);
    }

    @TestFactory
    Stream<DynamicTest> torch2() {
        return GoldenCases.of("torch-nested2", spec -> GoldenCases.exact(), false);
    }
}
