package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command's --help, as a terminal shows it: wrapped at spaces only, ending with examples that run. */
class HelpTest {
    @TempDir
    static Path scratch;

    static List<String> commands() {
        List<String> all = new ArrayList<>(List.of("lrsched"));
        all.addAll(LrSchedCommand.SUBCOMMANDS);
        return all;
    }

    /** The help of {@code command} in a terminal {@code columns} wide. */
    static String help(String command, int columns) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new ByteArrayOutputStream(), StandardCharsets.UTF_8),
                true);
        Console console = new Console(new ByteArrayInputStream(new byte[0]), stdout, out, err,
                Map.of("COLUMNS", Integer.toString(columns)), Path.of("."));
        String[] args = command.equals("lrsched") ? new String[] {"--help"} : new String[] {command, "--help"};
        assertThat(Cli.run(console, args)).isZero();
        out.flush();
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void linesBreakOnlyAtSpacesAndFitTheTerminal(String command) {
        List<String> unwrapped = words(help(command, 200));
        for (int columns : new int[] {55, 80, 120}) {
            String text = help(command, columns);
            // a word broken at '.', ',' or '-' (hf. / cosine, 1 / e12) would come out as two
            assertThat(words(text)).as(command + " at " + columns).isEqualTo(unwrapped);
            // only a single word longer than the column may stick out
            assertThat(text.lines()).as(command + " at " + columns)
                    .allMatch(l -> l.length() <= columns || !l.strip().contains(" "));
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpEndsWithTwoOrThreeExamples(String command) {
        String text = help(command, 80);
        assertThat(text).contains("\nExamples:\n");
        List<String> examples = examples(text);
        assertThat(examples).as(text).hasSizeBetween(command.equals("schema") ? 1 : 2, 3)
                .allMatch(e -> e.startsWith("lrsched " + (command.equals("lrsched") ? "" : command))
                        || e.startsWith("source <(lrsched " + command));
    }

    @Test
    void theStepListIsShownAsItIsWrittenAndTheVersionOnlyAtTheTop() {
        String csv = help("csv", 80);
        assertThat(csv).contains("[--at=S1,S2,...]...").doesNotContain("[,S1").doesNotContain("-hV")
                .doesNotContain("-V,").doesNotContainPattern("--version\\b");
        assertThat(help("lrsched", 80)).contains("[-hV]").contains("-V, --version");
        assertThat(CliRun.run(scratch, "-V").out()).startsWith("lrsched ");
        CliRun sub = CliRun.run(scratch, "csv", "-V");
        assertThat(sub.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(sub.err()).startsWith("lrsched: Unknown option: '-V'");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRuns() {
        Path examples = Path.of("examples").toAbsolutePath();
        return commands().stream().flatMap(c -> examples(help(c, 80)).stream())
                .filter(e -> e.startsWith("lrsched ")).map(e -> DynamicTest.dynamicTest(e, () -> {
                    List<String> words = new ArrayList<>();
                    for (String w : DocImagesTest.words(e.replaceFirst("\\s*[|>].*$", "")
                            .substring("lrsched ".length()))) {
                        words.add(w.startsWith("examples/")
                                ? examples.resolve(w.substring("examples/".length())).toString() : w);
                    }
                    CliRun r = CliRun.run(scratch, words.toArray(String[]::new));
                    boolean finds = words.get(0).equals("lint") || words.get(0).equals("verify");
                    assertThat(r.exitCode()).as(e + "\n" + r.err()).isIn(finds ? List.of(0, 1) : List.of(0));
                    assertThat(r.err()).as(e).doesNotContain("lrsched: ");
                }));
    }

    /** The examples at the end of a help text, a continued line (ending in a backslash) joined. */
    private static List<String> examples(String help) {
        String section = help.substring(help.indexOf("\nExamples:\n") + "\nExamples:\n".length());
        return List.of(section.replace("\\\n", " ").strip().split("\n")).stream()
                .map(l -> l.strip().replaceAll(" +", " ")).toList();
    }
}
