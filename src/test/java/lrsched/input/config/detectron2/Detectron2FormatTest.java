package lrsched.input.config.detectron2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example configs under examples/configs/detectron2/ against detectron2's build_lr_scheduler with their SOLVER
 * keys merged as yacs does (golden/configs/detectron2-examples/, from src/tools/golden/detectron2_schedulers.py).
 */
class Detectron2FormatTest {
    @TempDir
    Path dir;

    private static final Path GOLDEN = Path.of("src/test/resources/golden/configs/detectron2-examples");

    @TestFactory
    Stream<DynamicTest> theExampleConfigsGiveDetectron2sCurve() {
        return Stream.of("faster_rcnn_R_50_FPN_3x", "Base-RCNN-FPN").map(name -> DynamicTest.dynamicTest(name, () -> {
            Path example = Path.of("examples/configs/detectron2/" + name + ".yaml").toAbsolutePath();
            Spec spec = new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]),
                    example.getParent()).load(List.of(example), Optional.empty(), List.of(), List.of(), List.of(),
                    List.of());
            assertThat(spec.files().get(0).format().name()).isEqualTo("detectron2");
            Spec.Entry e = spec.schedules().get(0);
            Schedule schedule = Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
            List<String> rows = new ArrayList<>(Files.readAllLines(GOLDEN.resolve(name + ".csv"),
                    StandardCharsets.UTF_8));
            assertThat(rows.remove(0)).isEqualTo("update,lr");
            for (String row : rows) {
                String[] cells = row.split(",");
                assertThat(schedule.at(Long.parseLong(cells[0]))).as(name + " update " + cells[0])
                        .isEqualTo(Double.parseDouble(cells[1]));
            }
            long last = Long.parseLong(rows.get(rows.size() - 1).split(",")[0]);
            assertThat(spec.steps()).hasValue(last + 1);
        }));
    }

    private Spec load(String config) throws java.io.IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, config);
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir).load(List.of(file),
                Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aBaseThatIsNotAPathIsRefused() {
        assertThatThrownBy(() -> load("_BASE_: [a.yaml]\nMODEL: {}\nSOLVER: {BASE_LR: 0.1}\n"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("_BASE_ must be the path of a config file, not a list");
    }

    @Test
    void tupleStringsAreListsAndTheFilesKeysOverrideTheBase() throws java.io.IOException {
        Files.writeString(dir.resolve("base.yaml"), "SOLVER: {BASE_LR: 0.5, MAX_ITER: 100, STEPS: (50,)}\n");
        Spec spec = load("_BASE_: base.yaml\nMODEL: {}\nSOLVER:\n  MAX_ITER: 10\n  STEPS: (4, 8)\n  WARMUP_ITERS: 0\n");
        Spec.Entry e = spec.schedules().get(0);
        Schedule s = Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
        assertThat(spec.steps()).hasValue(10);
        assertThat(s.at(3)).isEqualTo(0.5);
        assertThat(s.at(4)).isEqualTo(0.05);
        assertThat(s.at(8)).isEqualTo(0.5 * Math.pow(0.1, 2));
    }
}
