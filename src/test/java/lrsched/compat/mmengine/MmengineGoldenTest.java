package lrsched.compat.mmengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import lrsched.core.Schedule;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case under src/test/resources/golden/mmengine/, made by mmengine's own scheduler modules stepped as its
 * runner steps them (src/tools/golden/mmengine_schedulers.py): within 1e-12 relative. lrsched follows mmengine's
 * float64 operations in the same order; {@link #exactWhereNoCosOrPow} checks that the cases without cos or pow
 * (constant, linear, exponential, step, linear one-cycle, plateau) match bit for bit.
 */
class MmengineGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/mmengine").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenCases.of("mmengine", 1e-12);
    }

    @Test
    void exactWhereNoCosOrPow() throws IOException {
        List<String> exact = List.of("constant_iter", "constant_epoch", "constant_forever", "linear_iter",
                "linear_decay", "exponential_iter", "step_epoch", "step_converted", "onecycle_three_linear",
                "list_warmup_multistep", "plateau_epoch", "plateau_window_greater", "list_warmup_plateau");
        List<String> checked = new ArrayList<>();
        for (String name : exact) {
            Schedule s = GoldenCases.build(DIR.resolve(name + ".yaml"));
            List<String> lines = Files.readAllLines(DIR.resolve(name + ".csv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                assertThat(s.at(Long.parseLong(cells[0]))).as(name + " row " + cells[0])
                        .isEqualTo(Double.parseDouble(cells[1]));
            }
            checked.add(name);
        }
        assertThat(checked).hasSize(exact.size());
    }
}
