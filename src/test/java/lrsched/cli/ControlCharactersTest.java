package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ESC, BEL and NUL from a log cell, an argument or a title never reach the terminal raw: messages show them as
 * {@code \u001b}-style text. In the table, {@code <ESC>}, {@code <BEL>} and {@code <NUL>} stand for the characters.
 */
class ControlCharactersTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`verify -s type=torch.StepLR,lr=0.1,step_size=2 --log log.csv` | lrsched: log.csv:3:3: '\\u001b[2J0.1\\u0007' in column 'lr' is not a number",
            "`csv -s type=constant,lr=1 --steps 2 --bo<ESC>gus`   | lrsched: Unknown option: '--bo\\u001bgus' (see: lrsched csv --help)",
            "`csv -s type=constant,lr=1 --at 1,<NUL>2`           | lrsched: --at: '\\u00002' is not a whole number of steps",
            "`csv --spec sp<ESC>]0;x<BEL>.yaml`                  | lrsched: sp\\u001b]0;x\\u0007.yaml",
    })
    void controlCharactersInMessagesAreEscaped(String args, String message) throws IOException {
        Files.writeString(dir.resolve("log.csv"), "step,lr\n0,0.1\n1,\u001b[2J0.1\u0007\n");
        String[] argv = raw(args).split(" ");
        CliRun r = CliRun.run(dir, argv);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(message).hasLineCount(1).doesNotContain("\u001b", "\u0007", "\u0000");
    }

    @Test
    void aTitleInTheTerminalIsEscaped() {
        CliRun r = CliRun.run(dir, "plot", "-s", "type=constant,lr=1", "--steps", "4", "--term", "--color", "never",
                "--title", raw("a<ESC>[2Jb<BEL>"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("a\\u001b[2Jb\\u0007").doesNotContain("\u001b", "\u0007");
    }

    private static String raw(String text) {
        return text.replace("<ESC>", "\u001b").replace("<BEL>", "\u0007").replace("<NUL>", "\u0000");
    }
}
