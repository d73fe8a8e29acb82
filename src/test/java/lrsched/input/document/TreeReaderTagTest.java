package lrsched.input.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import lrsched.core.Node;

class TreeReaderTagTest {

    @Test
    void aTagOnAMappingInAListIsKeptWithoutItsBang() {
        Node root = TreeReader.read("c.yml", "schedulers:\n- !PiecewiseDecay\n  gamma: 0.1\n- !LinearWarmup {steps: 4}\n",
                false).orElseThrow();
        Node.ListNode list = (Node.ListNode) ((Node.MapNode) root).get("schedulers").orElseThrow();
        Node.MapNode first = (Node.MapNode) list.items().get(0);
        assertThat(first.tag()).contains("PiecewiseDecay");
        assertThat(first.get("gamma")).isPresent();
        assertThat(((Node.MapNode) list.items().get(1)).tag()).contains("LinearWarmup");
    }

    @Test
    void anUntaggedMappingHasNoTag() {
        Node root = TreeReader.read("c.yml", "a: {b: 1}\n", false).orElseThrow();
        assertThat(((Node.MapNode) root).tag()).isEmpty();
        assertThat(((Node.MapNode) ((Node.MapNode) root).get("a").orElseThrow()).tag()).isEqualTo(Optional.empty());
    }

    @Test
    void copiesKeepTheTag() {
        Node.MapNode tagged = (Node.MapNode) ((Node.ListNode) TreeReader.read("c.yml", "- !CosineDecay {a: 1}\n",
                false).orElseThrow()).items().get(0);
        assertThat(tagged.with("b", tagged.location(), tagged).tag()).contains("CosineDecay");
        assertThat(tagged.without("a").tag()).contains("CosineDecay");
    }
}
