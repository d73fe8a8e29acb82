package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** LightningCLI configs through the real command line: the examples, the docs' commands, the errors. */
class LightningConfigCliTest {
    private static final Path EXAMPLES = Path.of("examples/configs").toAbsolutePath();
    private static final Path GOLDEN = Path.of("src/test/resources/golden/configs/lightning/examples");

    @TempDir
    Path scratch;

    private static String fact(Path run, String key) throws IOException {
        return Files.readAllLines(run, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(key + "="))
                .findFirst().orElseThrow().substring(key.length() + 1);
    }

    /** Each example config: csv gives the run's length and Lightning's lr at every epoch boundary. */
    @TestFactory
    Stream<DynamicTest> theExampleConfigsMatchLightningsOwnLoop() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            configs = files.filter(p -> p.getFileName().toString().startsWith("lightning")).sorted().toList();
        }
        assertThat(configs).hasSizeGreaterThanOrEqualTo(3);
        return configs.stream().map(config -> DynamicTest.dynamicTest(config.getFileName().toString(), () -> {
            String name = config.getFileName().toString().replaceFirst("\\.yaml$", "");
            Path run = GOLDEN.resolve(name + ".run");
            String batches = fact(run, "batches_per_epoch");
            long steps = Long.parseLong(fact(run, "steps"));
            CliRun all = CliRun.run(scratch, "csv", "--spec", config.toString(), "--run",
                    "batches_per_epoch=" + batches);
            assertThat(all.exitCode()).as(all.err()).isZero();
            assertThat(all.out().lines().count()).isEqualTo(steps + 1);
            List<String> expected = Files.readAllLines(GOLDEN.resolve(name + ".csv"), StandardCharsets.UTF_8);
            String[] lines = all.out().split("\n");
            for (String row : expected.subList(1, expected.size())) {
                String[] cells = row.split(",");
                int step = Integer.parseInt(cells[0]);
                double want = Double.parseDouble(cells[1]);
                double got = Double.parseDouble(lines[step + 1].split(",")[1]);
                assertThat(Math.abs(got - want)).as(name + " step " + step + ": " + got + " vs " + want)
                        .isLessThanOrEqualTo(Math.max(GoldenCases.ABSOLUTE, GoldenCases.RELATIVE * Math.abs(want)));
            }
        }));
    }

    @Test
    void importWritesASpecThatGivesTheSameCurve() throws IOException {
        String config = EXAMPLES.resolve("lightning-onecycle.yaml").toString();
        CliRun imported = CliRun.run(scratch, "import", "--spec", config, "--run", "batches_per_epoch=782");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        Path spec = scratch.resolve("imported.yaml");
        Files.writeString(spec, imported.out());
        CliRun fromSpec = CliRun.run(scratch, "csv", "--spec", spec.toString());
        CliRun fromConfig = CliRun.run(scratch, "csv", "--spec", config, "--run", "batches_per_epoch=782");
        assertThat(fromSpec.exitCode()).as(fromSpec.err()).isZero();
        assertThat(fromSpec.out()).isEqualTo(fromConfig.out());
    }

    @Test
    void explainShowsTheArithmetic() {
        CliRun r = CliRun.run(scratch, "explain", "--spec", EXAMPLES.resolve("lightning-multistep.yaml").toString(),
                "--run", "batches_per_epoch=1252");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("int(1252 x 0.5) (limit_train_batches: 0.5)")
                .contains("min(max_steps 50000, max_epochs 90 x 626 = 56340)")
                .contains("update s gets the schedule at epoch floor(s / 626)");
    }

    @Test
    void aMissingFactIsOneLineAndExitTwo() {
        CliRun r = CliRun.run(scratch, "csv", "--spec", EXAMPLES.resolve("lightning-cosine.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).endsWith("lightning-cosine.yaml:4:3: the updates per epoch needs the number "
                + "of batches per epoch: add --run batches_per_epoch=N").doesNotContain("\n");
        CliRun unused = CliRun.run(scratch, "csv", "--spec", EXAMPLES.resolve("lightning-cosine.yaml").toString(),
                "--run", "batches_per_epoch=195,dataset_size=50000");
        assertThat(unused.exitCode()).isEqualTo(2);
        assertThat(unused.err()).contains("dataset_size is not used");
    }

    @Test
    void reduceLrOnPlateauIsRefusedWithExitTwo() throws IOException {
        Path config = scratch.resolve("plateau.yaml");
        Files.writeString(config, "trainer:\n  max_epochs: 5\noptimizer:\n  class_path: Adam\nlr_scheduler:\n"
                + "  class_path: lightning.pytorch.cli.ReduceLROnPlateau\n  init_args:\n    monitor: val_loss\n");
        CliRun r = CliRun.run(scratch, "plot", "--spec", config.toString(), "--run", "batches_per_epoch=10");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("lrsched: ").contains("plateau.yaml:6:15: ReduceLROnPlateau lowers the lr");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    /** Every ./lrsched command of src/docs/configs/lightning.md runs (they are written without quotes). */
    @TestFactory
    Stream<DynamicTest> theDocsCommandsRun() throws IOException {
        List<String> commands = Files.readAllLines(Path.of("src/docs/configs/lightning.md")).stream()
                .filter(l -> l.startsWith("./lrsched ")).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(3);
        return commands.stream().map(cmd -> DynamicTest.dynamicTest(cmd, () -> {
            String[] words = cmd.substring("./lrsched ".length()).split(" +");
            for (int i = 0; i < words.length; i++) {
                words[i] = words[i].startsWith("examples/") ? Path.of(words[i]).toAbsolutePath().toString()
                        : words[i];
            }
            CliRun r = CliRun.run(scratch, words);
            assertThat(r.exitCode()).as(cmd + "\n" + r.err()).isZero();
        }));
    }
}
