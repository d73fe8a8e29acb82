package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Megatron-LM launch scripts through the real command line: the commands of src/docs/configs/megatron.md run. */
class MegatronConfigTest {
    private static final Path REPO = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> theDocsCommandsRun() throws IOException {
        String doc = Files.readString(REPO.resolve("src/docs/configs/megatron.md"));
        List<String> commands = doc.lines().map(String::strip)
                .filter(l -> l.startsWith("./lrsched ") && !l.contains(" -o ")).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(3);
        return commands.stream().map(cmd -> DynamicTest.dynamicTest(cmd, () -> {
            CliRun r = CliRun.run(REPO, cmd.substring("./lrsched ".length()).split(" "));
            assertThat(r.exitCode()).as(cmd + "\n" + r.err()).isZero();
        }));
    }

    @Test
    void csvGivesTheBertWarmupPeakAndTheDropToMinLr() {
        CliRun r = CliRun.run(REPO, "csv", "--spec", "examples/configs/megatron-bert-isr.sh", "--at",
                "0,10000,990000,990001");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // as Megatron gives them (golden/configs/megatron/example_bert_isr.csv): row 10000 ends the warmup at lr,
        // 990000 x 32 samples is the decay's last, one more is min_lr
        assertThat(r.out()).isEqualTo("step,lr\n0,1e-07\n10000,0.0001\n990000,1.0050378152592123e-05\n"
                + "990001,1e-05\n");
    }

    @Test
    void theExplainedPageShowsTheDerivedNumbers() throws IOException {
        String doc = Files.readString(REPO.resolve("src/docs/configs/megatron.md"));
        CliRun r = CliRun.run(REPO, "explain", "--spec", "examples/configs/megatron-llama-wsd-samples.sh");
        String quoted = doc.substring(doc.indexOf("```text\n") + 8, doc.indexOf("```", doc.indexOf("```text\n") + 8));
        assertThat(r.out()).startsWith(quoted);
    }
}
