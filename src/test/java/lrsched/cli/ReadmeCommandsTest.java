package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./lrsched ...} command in the README's shell blocks runs as written (in order, in a scratch
 * directory, with {@code examples/} pointing at the repository's): no usage error, no failure. Shell plumbing
 * after the command ({@code > file}, {@code | head}) is left to the shell and dropped here.
 */
class ReadmeCommandsTest {
    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> readmeCommandsRun() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> commands = new ArrayList<>();
        while (block.find()) {
            for (String line : block.group(1).replace("\\\n", " ").split("\n")) {
                String cmd = line.replaceFirst("\\s+#.*$", "").strip();
                if (cmd.startsWith("./lrsched ") && !cmd.contains("<(")) {
                    commands.add(cmd.replaceFirst("\\s*[|>].*$", ""));
                }
            }
        }
        assertThat(commands).hasSizeGreaterThan(15);
        Path examples = Path.of("examples").toAbsolutePath();
        return commands.stream().map(cmd -> DynamicTest.dynamicTest(cmd, () -> {
            List<String> words = new ArrayList<>();
            for (String w : DocImagesTest.words(cmd.substring("./lrsched ".length()))) {
                words.add(w.startsWith("examples/") ? examples.resolve(w.substring("examples/".length())).toString()
                        : w);
            }
            CliRun r = CliRun.run(scratch, words.toArray(String[]::new));
            // lint and verify exit 1 to report what they found: warnings, a run that did not follow its plan
            boolean finds = words.get(0).equals("lint") || words.get(0).equals("verify");
            assertThat(r.exitCode()).as(cmd + "\n" + r.err()).isIn(finds ? List.of(0, 1) : List.of(0));
            assertThat(r.err()).as(cmd).doesNotContain("lrsched: ");
        }));
    }
}
