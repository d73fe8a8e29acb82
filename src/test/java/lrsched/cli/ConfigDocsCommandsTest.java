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

/** The example commands of the config-format pages (src/docs/configs/timm.md, torchtune.md, mmengine.md,
 * paddleocr.md, paddledet.md) run as written. */
class ConfigDocsCommandsTest {
    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> exampleCommandsRun() throws IOException {
        List<String> commands = new ArrayList<>();
        for (String page : List.of("timm", "torchtune", "mmengine", "paddleocr", "paddledet")) {
            Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL)
                    .matcher(Files.readString(Path.of("src/docs/configs/" + page + ".md")));
            while (block.find()) {
                block.group(1).lines().filter(l -> l.startsWith("./lrsched ")).forEach(commands::add);
            }
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(8);
        Path examples = Path.of("examples").toAbsolutePath();
        return commands.stream().map(cmd -> DynamicTest.dynamicTest(cmd, () -> {
            String[] words = DocImagesTest.words(cmd.substring("./lrsched ".length())).stream()
                    .map(w -> w.startsWith("examples/") ? examples.resolve(w.substring(9)).toString() : w)
                    .toArray(String[]::new);
            CliRun r = CliRun.run(scratch, words);
            assertThat(r.exitCode()).as(cmd + "\n" + r.err()).isZero();
        }));
    }
}
