package lrsched.input.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import lrsched.core.InputException;
import lrsched.core.Node;
import lrsched.input.document.DocumentReader;
import lrsched.library.Libraries;
import lrsched.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecLoaderTest {
    @TempDir
    Path dir;

    private Spec load(String yaml, String... overrides) throws IOException {
        Files.writeString(dir.resolve("s.yaml"), yaml);
        return loader().load(List.of(Path.of("s.yaml")), List.of(), List.of(overrides));
    }

    private SpecLoader loader() {
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir);
    }

    @Test
    void unnamedSchedulesAreNamedAfterTheirTypeAndMadeUnique() throws IOException {
        Spec spec = load("schedules:\n  - {type: constant, lr: 1}\n  - {type: constant, lr: 2}\n"
                + "  - {name: constant-2, type: constant, lr: 3}\n  - {type: constant, lr: 4}\n");
        assertThat(spec.schedules()).extracting(Spec.Entry::name)
                .containsExactly("constant", "constant-3", "constant-2", "constant-4");
    }

    @Test
    void takesTheLongestStepsAmongFiles() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "steps: 10\nschedules: [{type: constant, lr: 1}]\n");
        Files.writeString(dir.resolve("b.yaml"), "steps: 30\nschedules: [{type: constant, lr: 1}]\n");
        Spec spec = loader().load(List.of(Path.of("a.yaml"), Path.of("b.yaml")), List.of(), List.of());
        assertThat(spec.steps()).hasValue(30);
        assertThat(spec.sourceName()).hasValue("a");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                  | s.yaml: the spec is empty",
            "'- 1'                                               | s.yaml:1:1: a spec is a mapping with 'schedules:'",
            "'schedules: 5'                                      | s.yaml:1:12: 'schedules' must be a list of schedule mappings",
            "'schedules: []'                                     | s.yaml:1:12: 'schedules' is empty",
            "'schedules: [5]'                                    | s.yaml:1:13: each entry of 'schedules' must be a mapping",
            "'steps: 5\nschedule: []'                            | s.yaml:2:1: unknown top-level key 'schedule'; did you mean 'schedules'?",
            "'steps: -3\nschedules: [{type: constant, lr: 1}]'    | s.yaml:1:8: 'steps' must be a whole number >= 1",
            "'schedules:\n  - {name: a, type: constant, lr: 1}\n  - {name: a, type: constant, lr: 2}' | s.yaml:3:12: duplicate schedule name 'a' (also at s.yaml:2:12)",
            "'schedules:\n  - {lr: 1}'                          | s.yaml:2:5: schedule 'schedule': missing 'type'",
            "'schedules:\n  - {type: [cosine]}'                 | s.yaml:2:12: schedule 'schedule': type must be a type name",
            "'schedules:\n  - {type: constant, lr: 1, lr: 2}'   | s.yaml:2:29: duplicate key 'lr' (first at line 2)",
            "'schedules:\n  - *x'                               | s.yaml:2:5: the YAML alias *x has no anchor &x before it",
            "'schedules: [{type: constant, lr: 1}'               | s.yaml:1:",
    })
    void badShapesAreLocatedAndExplained(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"))).isInstanceOf(InputException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void refusesDirectoriesNonUtf8AndHugeFiles() throws IOException {
        Files.createDirectory(dir.resolve("d.yaml"));
        assertThatThrownBy(() -> loader().load(List.of(Path.of("d.yaml")), List.of(), List.of()))
                .hasMessage("d.yaml: is a directory, not a spec file; name a .yaml or .json file");
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'l', 'r', ':', ' ', (byte) 0xE9});
        assertThatThrownBy(() -> loader().load(List.of(Path.of("latin1.yaml")), List.of(), List.of()))
                .hasMessage("latin1.yaml: is not UTF-8 text; save it as UTF-8");
        Files.write(dir.resolve("big.yaml"), new byte[(int) DocumentReader.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> loader().load(List.of(Path.of("big.yaml")), List.of(), List.of()))
                .hasMessageContaining("is larger than 4 MiB");
    }

    @Test
    void overridesAimAtOneScheduleByName() throws IOException {
        Spec spec = load("schedules:\n  - {name: my.sched, type: constant, lr: 1}\n  - {name: b, type: constant, "
                + "lr: 1}\n", "my.sched.lr=5");
        assertThat(spec.schedules().get(0).mapping().get("lr").map(n -> ((Node.ScalarNode) n).text()))
                .hasValue("5");
        assertThat(spec.schedules().get(1).mapping().get("lr").map(n -> ((Node.ScalarNode) n).text()))
                .hasValue("1");
        assertThatThrownBy(() -> load("schedules:\n  - {name: a, type: constant, lr: 1}\n", "a.gamma=5"))
                .hasMessage("--set[1]: schedule 'a' (constant) has no parameter 'gamma'");
        assertThatThrownBy(() -> load("schedules:\n  - {name: a, type: constant, lr: 1}\n", "a.type=cosine"))
                .hasMessageContaining("'type' cannot be changed with --set");
    }

    @Test
    void flagsSplitOnlyOnTopLevelCommas() {
        Node.MapNode m = FlagSpec.parse("-s", "type=multistep, milestones=[30, 60],name='a,b'");
        assertThat(m.entries().keySet()).containsExactly("type", "milestones", "name");
        assertThat(((Node.ListNode) m.get("milestones").orElseThrow()).items()).hasSize(2);
        assertThat(((Node.ScalarNode) m.get("name").orElseThrow()).text()).isEqualTo("a,b");
        assertThatThrownBy(() -> FlagSpec.parse("-s", "type=constant,lr")).hasMessageContaining(
                "-s:1:15: expected KEY=VALUE, not 'lr'");
    }
}
