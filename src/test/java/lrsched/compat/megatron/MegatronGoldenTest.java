package lrsched.compat.megatron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/megatron/, made by Megatron-LM's own scheduler and argument code
 * (src/tools/golden/megatron_scheduler.py). lrsched follows Megatron's float64 operations in the same order, so every
 * row must be the same double, bit for bit (cos and pow through lrsched.core.Libm, glibc's own). A refusal must
 * name the parameter and quote Megatron's exception.
 */
class MegatronGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = GoldenCases.of("megatron", spec -> GoldenCases.exact(), true).toList();
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }
}
