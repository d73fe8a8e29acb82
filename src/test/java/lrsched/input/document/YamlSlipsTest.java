package lrsched.input.document;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import lrsched.core.InputException;

/** The common indentation slips are said in plain words at the slipped line, never in SnakeYAML's grammar terms. */
class YamlSlipsTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // a key indented less than its sibling (issue 16's example)
            "`schedules:\\n  - type: cosine\\n    lr: 0.1\\n   total: 100` | 4:4 | 'total' is indented 3 spaces, but 'lr' above it 4: align them",
            // a key indented more than a sibling that holds a value
            "`schedules:\\n  - type: cosine\\n    lr: 0.1\\n     total: 100` | 4:6 | 'total' is indented 5 spaces, but 'lr' above it 4: align them",
            // a key under a list item, aligned with the dash instead of the item's first key
            "`schedules:\\n  - type: cosine\\n  lr: 0.1` | 3:3 | 'lr' is indented 2 spaces, but 'type' above it 4: align them",
            // a top-level key with a stray space
            "`steps: 100\\n schedules:\\n  - type: cosine` | 2:2 | 'schedules' is indented 1 space, but 'steps' above it 0: align them",
            // a key between two levels
            "`a:\\n  b: 1\\n c: 2` | 3:2 | 'c' is indented 1 space, but 'b' above it 2: align them",
            // list items at two indentations, with a comment and a blank line between
            "`schedules:\\n    - type: cosine\\n      lr: 0.1\\n\\n    # the second\\n  - type: linear` | 6:3 | this list item is indented 2 spaces, but the item above it (line 2) 4: align them",
            // a tab in the indentation, reported where it is (SnakeYAML reports the line before)
            "`schedules:\\n  - type: cosine\\n\\tlr: 0.1` | 3:1 | a tab indents this line; YAML indents with spaces",
            "`schedules:\\n  -\\ttype: cosine\\n    lr: 0.1` | 2:4 | a tab indents this line; YAML indents with spaces",
    })
    void aSlipIsNamedAtItsLine(String text, String at, String message) {
        assertThatThrownBy(() -> TreeReader.read("spec.yaml", text.replace("\\n", "\n").replace("\\t", "\t"), false))
                .isInstanceOf(InputException.class).hasMessage("spec.yaml:" + at + ": " + message);
    }

    @Test
    void otherYamlErrorsKeepTheParsersWords() {
        assertThatThrownBy(() -> TreeReader.read("spec.yaml", "steps: 3\nlr: a: b\n", false))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("spec.yaml:2:6: invalid YAML: mapping values are not allowed here");
        assertThatThrownBy(() -> TreeReader.read("spec.yaml", "steps: [3\n", false))
                .isInstanceOf(InputException.class).hasMessageStartingWith("spec.yaml:1:10: invalid YAML");
    }

    @Test
    void aTabBetweenTokensIsNamedWhereItIs() {
        assertThatThrownBy(() -> TreeReader.read("spec.yaml", "steps: 3\nwarmup:\t[3]\n", false))
                .isInstanceOf(InputException.class)
                .hasMessage("spec.yaml:2:8: a tab separates here; YAML separates with spaces");
    }
}
