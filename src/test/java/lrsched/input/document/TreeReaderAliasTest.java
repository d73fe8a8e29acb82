package lrsched.input.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import lrsched.core.InputException;
import lrsched.core.Node;

/** YAML anchors and aliases, read as PyYAML reads them (PaddleDetection's reader files use them). */
class TreeReaderAliasTest {

    private static Node.MapNode read(String yaml) {
        return (Node.MapNode) TreeReader.read("c.yml", yaml, false).orElseThrow();
    }

    private static String text(Node node) {
        return ((Node.ScalarNode) node).text();
    }

    @Test
    void anAliasRepeatsTheScalarListOrMappingAnchoredBeforeIt() {
        Node.MapNode root = read("""
                eval_height: &eval_height 640
                eval_size: &eval_size [*eval_height, 800]
                reader: &reader {batch_size: 8, size: *eval_size}
                TrainReader: *reader
                """);
        Node.ListNode size = (Node.ListNode) root.get("eval_size").orElseThrow();
        assertThat(size.items()).extracting(TreeReaderAliasTest::text).containsExactly("640", "800");
        Node.MapNode train = (Node.MapNode) root.get("TrainReader").orElseThrow();
        assertThat(text(train.get("batch_size").orElseThrow())).isEqualTo("8");
        assertThat(((Node.ListNode) train.get("size").orElseThrow()).items())
                .extracting(TreeReaderAliasTest::text).containsExactly("640", "800");
        // the repeated value is located where it is written (the anchor's text)
        assertThat(train.get("batch_size").orElseThrow().location().line()).isEqualTo(3);
        assertThat(((Node.ScalarNode) root.get("eval_height").orElseThrow()).kind()).isEqualTo(Node.ScalarKind.NUMBER);
    }

    @Test
    void aMergeKeyCopiesTheAnchoredMappingsEntries() {
        Node.MapNode root = read("""
                base: &base {lr: 0.1, gamma: 0.5}
                derived:
                  <<: *base
                  milestones: [3]
                """);
        Node.MapNode derived = (Node.MapNode) root.get("derived").orElseThrow();
        assertThat(derived.entries().keySet()).containsExactly("lr", "gamma", "milestones");
    }

    @Test
    void anAliasWithoutAnAnchorBeforeItIsRefusedWhereItStands() {
        assertThatThrownBy(() -> read("a: *later\nb: &later 1\n")).isInstanceOf(InputException.class)
                .hasMessage("c.yml:1:4: the YAML alias *later has no anchor &later before it (an alias repeats a value "
                        + "anchored earlier in the same file); anchor the value first, or write it out");
    }

    @Test
    void aDocumentThatAliasesExpandPastTheBoundIsRefusedWithoutBuildingIt() {
        // 10 levels of 10 aliases each: 10^10 values
        StringBuilder bomb = new StringBuilder("a0: &a0 [1,1,1,1,1,1,1,1,1,1]\n");
        for (int i = 1; i <= 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        assertThatThrownBy(() -> read(bomb.toString())).isInstanceOf(InputException.class)
                .hasMessageContaining("expands to more than 2,000,000 values")
                .hasMessageEndingWith("write the values out once instead");
    }
}
