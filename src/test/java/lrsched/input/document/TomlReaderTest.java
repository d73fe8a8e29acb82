package lrsched.input.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TOML files read into the located tree: values from Jackson's TOML parser, positions from a scan of the text. */
class TomlReaderTest {
    @TempDir
    Path dir;

    private Node.MapNode read(String text) throws IOException {
        Files.writeString(dir.resolve("c.toml"), text);
        Document d = new DocumentReader(new ByteArrayInputStream(new byte[0]), dir).read(Path.of("c.toml"));
        return d.mapping().orElseThrow();
    }

    private static Node at(Node node, String... path) {
        for (String key : path) {
            node = key.startsWith("#") ? ((Node.ListNode) node).items().get(Integer.parseInt(key.substring(1)))
                    : ((Node.MapNode) node).get(key).orElseThrow();
        }
        return node;
    }

    @Test
    void everyKeyAndValueHasItsLineAndColumn() throws IOException {
        Node.MapNode root = read("""
                # a comment
                name = "lora"   # trailing comment
                  lr = 1e-4
                "quoted key" = 3
                a.b = true

                [optimizer_arguments]
                lr_scheduler = 'cosine'
                args = [ "T_max=100",
                   "eta_min=0",  # in a list
                ]
                inline = { x = 1, y = [2, 3] }
                """);
        assertThat(root.entries().get("name").keyLocation().toString()).isEqualTo("c.toml:2:1");
        assertThat(at(root, "name").location().toString()).isEqualTo("c.toml:2:8");
        assertThat(root.entries().get("lr").keyLocation().toString()).isEqualTo("c.toml:3:3");
        assertThat(at(root, "lr").location().toString()).isEqualTo("c.toml:3:8");
        assertThat(at(root, "quoted key").location().toString()).isEqualTo("c.toml:4:16");
        assertThat(at(root, "a", "b").location().toString()).isEqualTo("c.toml:5:7");
        assertThat(root.entries().get("optimizer_arguments").keyLocation().toString()).isEqualTo("c.toml:7:1");
        assertThat(at(root, "optimizer_arguments", "lr_scheduler").location().toString()).isEqualTo("c.toml:8:16");
        assertThat(at(root, "optimizer_arguments", "args", "#0").location().toString()).isEqualTo("c.toml:9:10");
        assertThat(at(root, "optimizer_arguments", "args", "#1").location().toString()).isEqualTo("c.toml:10:4");
        assertThat(at(root, "optimizer_arguments", "inline", "x").location().toString()).isEqualTo("c.toml:12:16");
        assertThat(at(root, "optimizer_arguments", "inline", "y", "#1").location().toString())
                .isEqualTo("c.toml:12:27");
    }

    @Test
    void integersAndFloatsStayApart() throws IOException {
        Node.MapNode root = read("""
                i = 50
                f = 50.0
                e = 5e1
                u = 1_600
                h = 0x10
                s = "50"
                b = false
                """);
        assertThat(((Node.ScalarNode) at(root, "i")).text()).isEqualTo("50");
        assertThat(((Node.ScalarNode) at(root, "f")).text()).isEqualTo("50.0");
        assertThat(((Node.ScalarNode) at(root, "e")).text()).containsAnyOf(".", "E", "e");
        assertThat(((Node.ScalarNode) at(root, "u")).text()).isEqualTo("1600");
        assertThat(((Node.ScalarNode) at(root, "h")).text()).isEqualTo("16");
        assertThat(((Node.ScalarNode) at(root, "s")).kind()).isEqualTo(Node.ScalarKind.STRING);
        assertThat(((Node.ScalarNode) at(root, "b")).kind()).isEqualTo(Node.ScalarKind.BOOLEAN);
    }

    @Test
    void multiLineStringsAndTablesOfArraysKeepLaterPositionsRight() throws IOException {
        Node.MapNode root = read("""
                text = \"""
                one "quoted" line
                two\"""
                raw = '''x
                y'''
                after = 1
                [[datasets]]
                batch_size = 2
                [[datasets]]
                batch_size = 4
                [[datasets.subsets]]
                num_repeats = 10
                """);
        assertThat(at(root, "after").location().toString()).isEqualTo("c.toml:6:9");
        assertThat(at(root, "datasets", "#0", "batch_size").location().toString()).isEqualTo("c.toml:8:14");
        assertThat(at(root, "datasets", "#1", "batch_size").location().toString()).isEqualTo("c.toml:10:14");
        assertThat(at(root, "datasets", "#1", "subsets", "#0", "num_repeats").location().toString())
                .isEqualTo("c.toml:12:15");
    }

    @Test
    void malformedTomlGivesTheParsersLineAndColumn() {
        assertThatThrownBy(() -> read("a = 1\nb = = 2\n")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("c.toml:2:5: invalid TOML: ");
        assertThatThrownBy(() -> read("a = \"open\nb = 2\n")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("c.toml:1:10: invalid TOML: Newline not permitted here");
        // a duplicate key is reported where the parser noticed it: after the value, at the start of the next line
        assertThatThrownBy(() -> read("a = 1\n[s]\nk = 2\nk = 3\n")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("c.toml:5:1: invalid TOML: Duplicate key");
    }

    @Test
    void windowsLineEndsAndTabsCountAsTheyShow() throws IOException {
        Node.MapNode root = read("a = 1\r\n\tb = 2\r\n[s]\r\nc = 0.5\r\n");
        assertThat(at(root, "b").location().toString()).isEqualTo("c.toml:2:6");
        assertThat(at(root, "s", "c").location().toString()).isEqualTo("c.toml:4:5");
    }

    @Test
    void anEmptyFileHasNoTree() throws IOException {
        Files.writeString(dir.resolve("e.toml"), "# nothing\n");
        Document d = new DocumentReader(new ByteArrayInputStream(new byte[0]), dir).read(Path.of("e.toml"));
        assertThat(d.root()).isEmpty();
    }

    @Test
    void aTomlFileStartingWithATableIsNotTakenForJson() throws IOException {
        Node.MapNode root = read("[section]\nkey = 1\n");
        assertThat(at(root, "section", "key").location().toString()).isEqualTo("c.toml:2:7");
    }
}
