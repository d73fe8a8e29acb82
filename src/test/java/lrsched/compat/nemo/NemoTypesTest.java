package lrsched.compat.nemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.testing.Flags;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NeMo rows (get_lr() at last_epoch = s) and NeMo's argument checks. */
class NemoTypesTest {

    @Test
    void warmupPolicyReachesLrAtRowWarmupSteps() {
        Schedule s = Flags.schedule("type=nemo.WarmupPolicy,lr=1,warmup_steps=3,max_steps=5,min_lr=0.5");
        assertThat(List.of(s.at(0), s.at(1), s.at(2), s.at(3), s.at(4), s.at(5), s.at(6)))
                .containsExactly(0.25, 0.5, 0.75, 1.0, 1.0, 1.0, 0.5);
    }

    @Test
    void megatronCosineStartsAtZeroAndHoldsMinLrForTheConstantSteps() {
        // W = 2, C = 2, M = 8: D = 4; lr * s / W, cosine over 4 steps, then min_lr from step 7
        Schedule s = Flags.schedule("type=nemo.CosineAnnealing,lr=1,min_lr=0.1,warmup_steps=2,constant_steps=2,"
                + "max_steps=8");
        assertThat(s.at(0)).isEqualTo(0.0);
        assertThat(s.at(2)).isEqualTo(1.0);
        assertThat(s.at(4)).isEqualTo(0.1 + 0.5 * (Math.cos(Math.PI * 0.5) + 1.0) * 0.9);
        assertThat(s.at(6)).isEqualTo(0.1);
        assertThat(s.at(7)).isEqualTo(0.1);
    }

    @Test
    void t5IgnoresTheOptimizerLr() {
        Schedule s = Flags.schedule("type=nemo.T5InverseSquareRootAnnealing,lr=123,constant_steps=4,max_steps=100");
        assertThat(s.at(0)).isEqualTo(0.5);
        assertThat(s.at(16)).isEqualTo(0.25);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "type=nemo.WarmupPolicy,lr=1,warmup_steps=3,warmup_ratio=0.1,max_steps=10|warmup_ratio|AssertionError: "
                + "Either use particular number of step or ratio (give warmup_steps or warmup_ratio, not both)",
        "type=nemo.WarmupPolicy,lr=1,warmup_ratio=0.1|warmup_ratio|AssertionError: If there is a ratio, there "
                + "should be a total steps (give max_steps)",
        "type=nemo.WarmupHoldPolicy,lr=1,hold_steps=3,hold_ratio=0.1,max_steps=10|hold_ratio|AssertionError: "
                + "Either use particular number of step or ratio (give hold_steps or hold_ratio, not both)",
        "type=nemo.CosineAnnealing,lr=1,constant_steps=3,constant_ratio=0.1,max_steps=10|constant_ratio|"
                + "AssertionError: Either use constant_steps or constant_ratio (give constant_steps or "
                + "constant_ratio, not both)",
        "type=nemo.CosineAnnealing,lr=0.001,min_lr=0.01,max_steps=10|min_lr|ValueError: CosineAnnealing received "
                + "an initial learning rate that was lower than the minimum learning rate (lr 0.001 < min_lr 0.01)",
        "type=nemo.CosineAnnealing,lr=0.01,min_lr=0.01,constant_steps=2,max_steps=10|min_lr|AssertionError: "
                + "assert max_lr > min_lr (Megatron-style CosineAnnealing needs lr 0.01 above min_lr 0.01)",
        "type=nemo.NoamHoldAnnealing,lr=1,hold_steps=3,max_steps=30|warmup_steps|ValueError: Noam scheduler "
                + "cannot be used without warmup steps (give warmup_steps > 0 or warmup_ratio)",
        "type=nemo.T5InverseSquareRootAnnealing,lr=1,constant_ratio=0.1,max_steps=30|constant_steps|TypeError: "
                + "unsupported operand type(s) for ** or pow(): 'NoneType' and 'float' (NeMo needs constant_steps "
                + "even with constant_ratio)",
        "type=nemo.T5InverseSquareRootAnnealing,lr=1,constant_steps=0,max_steps=30|constant_steps|"
                + "ZeroDivisionError: float division by zero (constant_steps must be > 0)",
    })
    void nemoArgumentChecksAreRefusedWithNemosReason(String flag, String param, String reason) {
        assertThatThrownBy(() -> Flags.schedule(flag)).isInstanceOf(InputException.class)
                .hasMessageContaining(param).hasMessageEndingWith(reason);
    }

    @Test
    void cosineMaxStepsIsRequired() {
        assertThatThrownBy(() -> Flags.schedule("type=nemo.CosineAnnealing,lr=1,warmup_steps=3"))
                .isInstanceOf(InputException.class).hasMessageContaining("missing required parameter 'max_steps'");
    }

    @Test
    void aZeroLengthDecayRaisesAtTheRowThatDividesByIt() {
        Schedule s = Flags.schedule("type=nemo.WarmupAnnealing,lr=1,max_steps=0");
        assertThatThrownBy(() -> s.at(0)).isInstanceOf(StepOutOfRangeException.class)
                .hasMessageStartingWith("ZeroDivisionError");
        assertThat(s.at(1)).isEqualTo(0.0);
    }

    /**
     * Cases whose formulas use only + - * / and int-to-float division (and squares) match NeMo bit for bit; the
     * golden test checks the others (cos, pow, sqrt) to 1e-12, and they too matched exactly on this machine.
     */
    @ParameterizedTest
    @ValueSource(strings = {"warmup_policy_steps", "warmup_policy_ratio", "warmup_policy_no_max_steps",
        "warmup_hold_policy", "warmup_hold_policy_ratios", "warmup_anneal_hold_policy", "warmup_annealing",
        "warmup_annealing_plain", "warmup_hold_anneal_linear", "warmup_hold_anneal_linear_no_hold",
        "square_annealing", "square_annealing_min_lr", "polynomial_decay_annealing_linear"})
    void rationalSchedulesMatchNemoBitForBit(String name) throws IOException {
        Path dir = Path.of("src/test/resources/golden/nemo").toAbsolutePath();
        Schedule s = GoldenCases.build(dir.resolve(name + ".yaml"));
        List<String> rows = Files.readAllLines(dir.resolve(name + ".csv"), StandardCharsets.UTF_8);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            assertThat(s.at(Long.parseLong(cells[0]))).as(name + " row " + cells[0])
                    .isEqualTo(Double.parseDouble(cells[1]));
        }
    }
}
