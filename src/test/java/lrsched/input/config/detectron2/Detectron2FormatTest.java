package lrsched.input.config.detectron2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.Schedule;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The example configs under examples/configs/detectron2/ against detectron2's build_lr_scheduler with their SOLVER
 * keys merged as yacs does (golden/configs/detectron2-examples/, from src/tools/golden/detectron2_schedulers.py).
 */
class Detectron2FormatTest {
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
}
