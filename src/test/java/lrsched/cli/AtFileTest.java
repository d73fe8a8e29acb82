package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --at @FILE} and {@code --at -}: the steps one per line, for lists too long for a command line. */
class AtFileTest {
    private static final String SPEC = "type=torch.StepLR,lr=1,step_size=2,gamma=0.5";

    @TempDir
    Path dir;

    @Test
    void aFileOfStepsSelectsThemInOrderLikeTheCommaList() throws IOException {
        Files.writeString(dir.resolve("steps.txt"), "# steps to check\n5\n\n  0\n1e3\n3\n");
        CliRun fromFile = CliRun.run(dir, "csv", "-s", SPEC, "--at", "@steps.txt");
        CliRun listed = CliRun.run(dir, "csv", "-s", SPEC, "--at", "5,0,1e3,3");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).isEqualTo(listed.out()).hasLineCount(5);
    }

    @Test
    void standardInputIsReadWithADash() {
        CliRun fromStdin = CliRun.withStdin(dir, "5\r\n0\r\n3\r\n", "csv", "-s", SPEC, "--at", "-");
        assertThat(fromStdin.exitCode()).as(fromStdin.err()).isZero();
        assertThat(fromStdin.out()).isEqualTo(CliRun.run(dir, "csv", "-s", SPEC, "--at", "5,0,3").out());
    }

    @Test
    void aMillionStepsAreRead() throws IOException {
        Files.writeString(dir.resolve("million.txt"), LongStream.range(0, 1_000_000).map(s -> s * 7)
                .mapToObj(Long::toString).collect(Collectors.joining("\n", "", "\n")));
        CliRun r = CliRun.run(dir, "csv", "-s", SPEC, "--at", "@million.txt", "-o", "out.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (var lines = Files.lines(dir.resolve("out.csv"))) {
            assertThat(lines.count()).isEqualTo(1_000_001);
        }
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`1\\n2\\nten\\n`       | @steps.txt     | lrsched: --at @steps.txt:3:1: 'ten' is not a step (a whole number, 0 or more, one per line)",
            "`1\\n  -4\\n`          | @steps.txt     | lrsched: --at @steps.txt:2:3: '-4' is not a step (a whole number, 0 or more, one per line)",
            "`1\\n\\u001b[2J\\n`    | @steps.txt     | lrsched: --at @steps.txt:2:1: '\\u001b[2J' is not a step (a whole number, 0 or more, one per line)",
            "`# nothing\\n\\n`      | @steps.txt     | lrsched: --at @steps.txt: lists no steps; write one step per line",
            "`1\\n`                 | @missing.txt   | lrsched: --at @missing.txt: no such file",
            "`1\\n`                 | @              | lrsched: --at @: needs a file name after @ (one step per line), or - for standard input",
            "`1\\n`                 | @.             | lrsched: --at @.: is a folder; give a file with one step per line",
            "`1\\n`                 | 0,@steps.txt   | lrsched: --at @steps.txt is the whole list of steps; give it alone (one --at), with its steps one per line",
    })
    void badListsAreOneLineAndExitTwo(String content, String at, String message) throws IOException {
        Files.writeString(dir.resolve("steps.txt"), content.replace("\\n", "\n").replace("\\u001b", "\u001b"));
        CliRun r = CliRun.run(dir, "csv", "-s", SPEC, "--at", at);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\n");
    }
}
