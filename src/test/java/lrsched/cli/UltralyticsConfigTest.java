package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ultralytics args.yaml and hyp YAML files through the command line: the examples, a real log, and the refusals. */
class UltralyticsConfigTest {
    @TempDir
    Path dir;

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path LOG = Path.of("src/test/resources/golden/logs/ultralytics/linear-warmup");

    private CliRun run(String config, String... args) throws IOException {
        return ConfigCli.csv(dir, "args.yaml", config, args);
    }

    /**
     * The example is the run behind the golden results.csv (src/tools/golden/ultralytics_logs.py, made with
     * ultralytics' own lines): its expected.csv holds the weight group's LR of every batch, expected.lr-pg2.csv the
     * bias group's.
     */
    @Test
    void theArgsExampleFollowsTheRunBehindTheGoldenLogBatchByBatch() throws IOException {
        CliRun weight = CliRun.run(ROOT, "csv", "--spec", "examples/configs/ultralytics-args.yaml", "--run",
                "batches_per_epoch=8");
        assertThat(weight.exitCode()).as(weight.err()).isZero();
        assertThat(weight.out().replace("step,ultralytics.BaseTrainer", "update,lr"))
                .isEqualTo(Files.readString(LOG.resolve("expected.csv")));
        CliRun bias = CliRun.run(ROOT, "csv", "--spec", "examples/configs/ultralytics-args.yaml", "--run",
                "batches_per_epoch=8", "--set", "param_group=bias");
        assertThat(bias.out().replace("step,ultralytics.BaseTrainer", "update,lr"))
                .isEqualTo(Files.readString(LOG.resolve("expected.lr-pg2.csv")));
    }

    @Test
    void verifyAcceptsTheGoldenLogWithoutStepsPerEpoch() {
        CliRun r = CliRun.run(ROOT, "verify", "--spec", "examples/configs/ultralytics-args.yaml", "--run",
                "batches_per_epoch=8", "--log", LOG.resolve("results.csv").toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("follows the plan: all 5 logged values match");
    }

    @Test
    void theHypExampleTakesTheDefaultsForTheRest() {
        CliRun r = CliRun.run(ROOT, "explain", "--spec", "examples/configs/ultralytics-hyp.yaml", "--run",
                "batches_per_epoch=7330");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("read as ultralytics train config (args.yaml or a hyperparameter YAML)",
                "  batches in the run  733000  100 epochs x 7330 batches\n",
                "defaults filled in: epochs: 100 (ultralytics' default.yaml)");
    }

    @Test
    void theBatchesPerEpochComeFromTheDatasetSizeAsTheDataloaderCountsThem() throws IOException {
        String config = "task: detect\nmode: train\nlr0: 0.01\noptimizer: SGD\nepochs: 2\nbatch: 16\n";
        CliRun r = CliRun.run(dir, "explain", "--spec", write(config), "--run", "dataset_size=100");
        assertThat(r.out()).contains("  batches per epoch   7   ceil(100 / 16)\n");
        CliRun compiled = CliRun.run(dir, "explain", "--spec", write(config + "compile: true\n"), "--run",
                "dataset_size=100");
        assertThat(compiled.out()).contains("  batches per epoch   6   floor(100 / 16) (compile drops the last "
                + "partial batch)\n");
    }

    @Test
    void epochsZeroIsTheTrainersHundred() throws IOException {
        CliRun r = CliRun.run(dir, "explain", "--spec", write("task: detect\nmode: train\nlr0: 0.01\noptimizer: "
                + "SGD\nepochs: 0\n"), "--run", "batches_per_epoch=3");
        assertThat(r.out()).contains("batches in the run  300  100 epochs x 3 batches");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lr0: 0.01|none|args.yaml: the warmup and the epochs are counted in batches, which need the "
                + "batches per epoch (len(train_loader)): add --run batches_per_epoch=N (or --run dataset_size=N for "
                + "one process)",
        "lr0: 0.01\\ntime: 2.5|batches_per_epoch=3|args.yaml:4:7: time: a timed run re-plans its epochs (and its "
                + "schedule) from the measured epoch time, which a config cannot know; set time: null and epochs to "
                + "the epochs the run trained",
        "lr0: 0.01\\nbatch: -1|dataset_size=100|args.yaml: batch -1 is AutoBatch's (the batch is picked at run "
                + "time), so dataset_size cannot give the batches per epoch; add --run batches_per_epoch=N",
    })
    void whatTheFileCannotSayIsRefusedInOneLine(String keys, String fact, String message) throws IOException {
        String config = "task: detect\nmode: train\n" + keys.replace("\\n", "\n") + "\n";
        CliRun r = fact.equals("none") ? run(config) : run(config, "--run", fact);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: " + message + "\n");
    }

    @Test
    void optimizerAutoWithoutNcSaysWhatItNeeds() throws IOException {
        CliRun r = run("task: detect\nmode: train\nlr0: 0.01\nepochs: 3\n", "--run", "batches_per_epoch=10");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nc: optimizer auto replaces lr0 by round(0.002 * 5 / (4 + nc), 6)");
        CliRun given = run("task: detect\nmode: train\nlr0: 0.01\nepochs: 3\n", "--run", "batches_per_epoch=10",
                "--set", "nc=80", "--at", "0,29");
        assertThat(given.exitCode()).as(given.err()).isZero();
        // round(0.01 / 84, 6) = 0.000119 times linear lf(2) = (1 - 2 / 3) * 0.99 + 0.01 = 0.34 (warmup: 2 epochs)
        assertThat(given.out()).isEqualTo("step,ultralytics.BaseTrainer\n0,0.0\n29,4.046e-05\n");
    }

    private String write(String config) throws IOException {
        Path file = Files.createTempFile(dir, "args", ".yaml");
        Files.writeString(file, config);
        return file.getFileName().toString();
    }
}
