package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.input.document.Document;
import lrsched.input.document.TreeReader;
import lrsched.input.formats.Formats;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * fairseq Hydra configs through the real command line: every golden config (made by fairseq's own config
 * composition, schedulers and epoch loop: src/tools/golden/fairseq_configs.py) gives fairseq's learning rate at every
 * update and fairseq's run length; each trap and each refusal has its own test.
 */
class FairseqConfigTest {
    private static final Path REPO = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyGoldenConfigGivesFairseqsCurveAndRunLength() throws IOException {
        Path golden = golden();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(golden)) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(config -> {
                String name = config.getFileName().toString().replaceFirst("\\.yaml$", "");
                tests.add(DynamicTest.dynamicTest(name, () -> check(config, golden.resolve(name + ".csv"))));
            });
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(25);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyExampleConfigGivesFairseqsCurve() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("examples/configs"))) {
            files.filter(p -> p.getFileName().toString().startsWith("fairseq-")).sorted().forEach(example -> {
                String name = "example_" + example.getFileName().toString().replaceFirst("^fairseq-", "")
                        .replaceFirst("\\.yaml$", "").replace('-', '_');
                Path csv = golden().resolve(name + ".csv");
                tests.add(DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
                    assertThat(csv).as("golden data for " + example).exists();
                    assertThat(Files.readString(golden().resolve(name + ".yaml"))).as("the golden copy of " + example)
                            .isEqualTo(Files.readString(example));
                    check(REPO.relativize(example), csv);
                }));
            });
        }
        assertThat(tests).hasSize(3);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> theDocsCommandsRun() throws IOException {
        String doc = Files.readString(REPO.resolve("src/docs/configs/fairseq.md"));
        List<String> commands = doc.lines().map(String::strip).filter(l -> l.startsWith("./lrsched ")).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(4);
        return commands.stream().map(cmd -> DynamicTest.dynamicTest(cmd, () -> {
            CliRun r = CliRun.run(REPO, cmd.substring("./lrsched ".length()).split(" "));
            assertThat(r.exitCode()).as(cmd + "\n" + r.err()).isZero();
        }));
    }

    /** csv on the config (with its .run facts) must give the golden rows, or fail as fairseq does (.error). */
    private static void check(Path config, Path csv) throws IOException {
        List<String> args = new ArrayList<>(List.of("csv", "--spec", config.toString()));
        Path run = csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", ".run"));
        if (Files.exists(run)) {
            args.add("--run");
            args.add(Files.readString(run).strip());
        }
        CliRun r = CliRun.run(REPO, args.toArray(String[]::new));
        Path error = csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", ".error"));
        if (Files.exists(error)) {
            assertThat(r.exitCode()).isEqualTo(2);
            // fairseq's own messages are repeated; OmegaConf's validation is named by its exception
            String raised = Files.readString(error).strip();
            String type = raised.substring(0, Math.max(raised.indexOf(':'), 0));
            assertThat(r.err()).hasLineCount(1).contains(type.equals("ValidationError") ? type : raised);
            return;
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> expected = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> actual = r.out().lines().toList();
        assertThat(actual.get(0)).startsWith("step,fairseq.");
        assertThat(actual).as("rows (the run's length)").hasSameSizeAs(expected);
        for (int i = 1; i < expected.size(); i++) {
            String[] want = expected.get(i).split(",");
            String[] got = actual.get(i).split(",");
            assertThat(got[0]).isEqualTo(want[0]);
            double e = Double.parseDouble(want[1]), a = Double.parseDouble(got[1]);
            if (!(Math.abs(a - e) <= Math.max(GoldenCases.ABSOLUTE, GoldenCases.RELATIVE * Math.abs(e)))) {
                fail(config + " at update " + want[0] + ": fairseq " + e + ", lrsched " + a);
            }
        }
    }

    private static Path golden() {
        try {
            return Path.of(FairseqConfigTest.class.getClassLoader().getResource("golden/configs/fairseq").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private CliRun run(String config, String... args) {
        try {
            Files.writeString(dir.resolve("train.yaml"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--spec");
        all.add(2, "train.yaml");
        return CliRun.run(dir, all.toArray(String[]::new));
    }

    /** explain's output for {@code config} with the given {@code --run} facts; it must succeed. */
    private String explained(String config, String... facts) {
        List<String> args = new ArrayList<>(List.of("explain"));
        for (String f : facts) {
            args.add("--run");
            args.add(f);
        }
        CliRun r = run(config, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out();
    }

    private static final String TRI_STAGE = """
            task:
              _name: audio_finetuning
            criterion:
              _name: ctc
            optimization:
              max_update: 100
              lr: [0.00005]
            lr_scheduler:
              _name: tri_stage
              phase_ratio: [0.29, 0.31, 0.4]
            """;

    // ---- recognition

    @Test
    void aFairseqConfigIsRecognizedByItsSections() {
        assertThat(format("x.yaml", TRI_STAGE)).isEqualTo("fairseq");
        assertThat(format("x.yaml", "optimization: {lr: [0.1]}\nlr_scheduler: {_name: cosine}\n"))
                .isEqualTo("fairseq");
        assertThat(format("x.yml", "task: {_name: translation}\ncriterion: cross_entropy\n")).isEqualTo("fairseq");
        // an lrsched spec, a mapping without fairseq's sections, a JSON file: not fairseq's
        assertThat(format("x.yaml", "steps: 10\nschedules: [{type: constant, lr: 1}]\n")).isEqualTo("lrsched");
        assertThat(format("x.yaml", "type: fairseq.cosine\noptimization: {}\nlr_scheduler: {_name: cosine}\n"))
                .isEqualTo("lrsched");
        assertThat(format("x.yaml", "lr_scheduler: {_name: cosine}\n")).isEqualTo("lrsched");
        assertThat(format("x.yaml", "optimization: {lr: [0.1]}\nlr_scheduler: cosine\n")).isEqualTo("fairseq");
        assertThat(format("x.yaml", "optimization: {lr: [0.1]}\nlr_scheduler: [cosine]\n")).isEqualTo("lrsched");
        assertThat(format("x.json", "{\"task\": {}, \"criterion\": {}}")).isEqualTo("lrsched");
    }

    private static String format(String source, String text) {
        Document d = new Document(source, Optional.empty(), text, TreeReader.read(source, text, source.endsWith(
                ".json")));
        return Formats.standard().choose(d, Optional.empty()).name();
    }

    // ---- traps

    @Test
    void phaseRatioStagesAreTruncatedFromMaxUpdate() {
        CliRun r = run(TRI_STAGE, "explain");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 0.29 * 100 is 28.999999999999996
        assertThat(r.out()).contains("warmup_steps  28   int(100.0 x 0.29)", "hold_steps    31   int(100.0 x 0.31)",
                "decay_steps   40   int(100.0 x 0.4)", "max_update      100");
    }

    @Test
    void theLrListIsOneLrAndSeveralAreRefusedAsFairseqDoes() {
        CliRun one = run(TRI_STAGE, "csv", "--at", "28");
        assertThat(one.out()).isEqualTo("step,fairseq.tri_stage\n28,5e-05\n");
        CliRun several = run(TRI_STAGE.replace("[0.00005]", "[0.00005, 0.00001]"), "csv");
        assertThat(several.exitCode()).isEqualTo(2);
        assertThat(several.err()).startsWith("lrsched: train.yaml:7:7: ").contains("ValueError: Cannot use a fixed "
                + "learning rate schedule with tri-stage lr. Consider --lr-scheduler=fixed instead.");
    }

    @Test
    void lrDefaultsToFairseqsOptimizationLr() {
        CliRun r = run("optimization: {max_update: 10}\nlr_scheduler: {_name: cosine}\n", "explain");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("lr_scheduler.lr: ${optimization.lr} = [0.25] (fairseq's default)",
                "lr                 [0.25]");
    }

    @Test
    void cosinesPeriodIsMaxUpdateMinusWarmup() {
        CliRun r = run("optimization: {max_update: 1000, lr: [0.001]}\n"
                + "lr_scheduler: {_name: cosine, warmup_updates: 100}\n", "explain");
        assertThat(r.out()).contains("period       900   max_update - warmup_updates = 1000 - 100 "
                + "(lr_period_updates -1, the default)");
        CliRun csv = run("optimization: {max_update: 1000, lr: [0.001]}\n"
                + "lr_scheduler: {_name: cosine, warmup_updates: 100}\n", "csv", "--at", "550,999");
        // halfway through the 900-update period, and one update before its end
        assertThat(csv.out()).isEqualTo("step,fairseq.cosine\n550,0.0005\n999,3.046171104803541e-09\n");
    }

    @Test
    void polynomialDecaysTotalDefaultsFromMaxUpdate() {
        CliRun r = run("optimization: {max_update: 400, lr: [0.001]}\nlr_scheduler: {_name: polynomial_decay}\n",
                "explain");
        assertThat(r.out()).contains("lr_scheduler.total_num_update: ${optimization.max_update}",
                "total_num_update   400.0 ");
    }

    @Test
    void interpolationsAreResolvedAgainstTheWholeConfig() {
        CliRun r = run("""
                optimization:
                  max_update: 300
                  lr: [0.001]
                lr_scheduler:
                  _name: polynomial_decay
                  total_num_update: ${optimization.max_update}
                  warmup_updates: ${lr_scheduler.total_num_update}
                """, "explain");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("lr_scheduler.total_num_update  ${optimization.max_update}",
                "lr_scheduler.warmup_updates    ${lr_scheduler.total_num_update}", "total_num_update   300.0",
                "warmup_updates     300 ");
        // a reference to a key the file leaves out is fairseq's default
        CliRun defaulted = run("optimization: {max_update: 10}\nlr_scheduler: {_name: inverse_sqrt, "
                + "lr: '${optimization.lr}', warmup_updates: 5}\n", "csv", "--at", "5");
        assertThat(defaulted.out()).isEqualTo("step,fairseq.inverse_sqrt\n5,0.25\n");
    }

    @Test
    void maxEpochRunsCeilOfBatchesOverUpdateFreqPerEpoch() {
        String config = "optimization: {max_epoch: 3, lr: [0.0005], update_freq: [4]}\n"
                + "lr_scheduler: {_name: inverse_sqrt, warmup_updates: 200}\n";
        assertThat(explained(config, "batches_per_epoch=1001")).contains("updates per epoch  251  ceil(1001 / 4)", "num_updates        753  3 x 251 "
                + "(max_epoch 3)", "rows 0..752");
        CliRun missing = run(config, "csv");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("lrsched: train.yaml: max_epoch 3 ends the run, so the number of updates "
                + "needs the number of batches per epoch: add --run batches_per_epoch=N\n");
    }

    @Test
    void withBothLimitsMaxUpdateRulesUnlessTheBatchesSayOtherwise() {
        String config = "optimization: {max_epoch: 2, max_update: 600, lr: [0.0004], update_freq: [2]}\n"
                + "lr_scheduler: {_name: cosine, warmup_updates: 60}\n";
        assertThat(explained(config)).contains("num_updates  600  max_update (max_epoch 2 may end the run earlier: "
                + "--run batches_per_epoch=N tells)");
        assertThat(explained(config, "batches_per_epoch=350")).contains("num_updates        350  2 x 175 (max_epoch 2, before max_update 600)");
    }

    @Test
    void stopMinLrEndsTheRunAtAnEpochStartWhenTheEpochsAreKnown() {
        String config = "optimization: {max_epoch: 6, lr: [0.001], stop_min_lr: 0.0}\n"
                + "lr_scheduler: {_name: polynomial_decay, total_num_update: 250}\n";
        assertThat(explained(config, "batches_per_epoch=100")).contains("num_updates        300  stop_min_lr: the LR at the start of epoch 4 is 0.0 <= "
                + "0.0, after 3 epochs");
        assertThat(explained(config.replace("max_epoch: 6", "max_update: 600"))).contains("num_updates  600  max_update", "stop_min_lr  0.0  not applied (the epochs "
                + "need --run batches_per_epoch=N)");
    }

    @Test
    void aRunWithoutLimitsNeedsItsLength() {
        String config = "optimization: {lr: [0.0005]}\nlr_scheduler: {_name: inverse_sqrt}\n";
        CliRun r = run(config, "csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: train.yaml: fairseq trains until stopped (max_update and max_epoch "
                + "are 0), so the number of updates needs the number of updates: add --run num_updates=N\n");
        assertThat(run(config, "csv", "--run", "num_updates=5").out()).hasLineCount(6);
    }

    @Test
    void theSchedulerMayBeGivenByNameAlone() {
        CliRun r = run("task: {_name: translation}\ncriterion: cross_entropy\noptimization: {max_update: 3, "
                + "lr: [0.001]}\nlr_scheduler: inverse_sqrt\n", "csv");
        assertThat(r.out()).isEqualTo("step,fairseq.inverse_sqrt\n0,0.0\n1,2.5e-07\n2,5e-07\n");
    }

    @Test
    void importWritesTheEquivalentSpec() throws IOException {
        CliRun imported = run(TRI_STAGE, "import");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("steps: 100", "type: fairseq.tri_stage");
        Files.writeString(dir.resolve("imported.yaml"), imported.out());
        assertThat(CliRun.run(dir, "csv", "--spec", "imported.yaml").out()).isEqualTo(run(TRI_STAGE, "csv").out());
    }

    // ---- refusals

    @Test
    void schedulersLrschedDoesNotHaveAreRefusedNamingTheOnesItHas() {
        CliRun fixed = run("task: {_name: translation}\ncriterion: cross_entropy\nlr_scheduler:\n  _name: fixed\n",
                "csv");
        assertThat(fixed.exitCode()).isEqualTo(2);
        assertThat(fixed.err()).isEqualTo("lrsched: train.yaml:4:10: fairseq's fixed scheduler is not offered (it "
                + "sets lr[epoch - 1] at each epoch start and anneals by lr_shrink after force_anneal); lrsched reads "
                + "inverse_sqrt, cosine, polynomial_decay, tri_stage, triangular\n");
        CliRun typo = run("optimization: {max_update: 3}\nlr_scheduler: {_name: cosin}\n", "csv");
        assertThat(typo.err()).isEqualTo("lrsched: train.yaml:2:23: 'cosin' is not a fairseq LR scheduler; did you "
                + "mean 'cosine'? lrsched reads inverse_sqrt, cosine, polynomial_decay, tri_stage, triangular\n"
                .replace("? lrsched", "?; lrsched"));
        CliRun none = run("task: {_name: translation}\ncriterion: cross_entropy\n", "csv");
        assertThat(none.err()).startsWith("lrsched: train.yaml: no lr_scheduler section: fairseq then uses its "
                + "default scheduler, fixed, which lrsched does not offer");
    }

    @Test
    void keysTheSchedulersDataclassLacksAreRefused() {
        CliRun r = run(TRI_STAGE + "  warmup_updates: 10\n", "csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: train.yaml:11:3: fairseq's tri_stage has no 'warmup_updates' "
                + "(OmegaConf's ConfigKeyError); its keys are warmup_steps, hold_steps, "
                + "decay_steps, phase_ratio, init_lr_scale, final_lr_scale, max_update, lr\n");
    }

    @Test
    void valuesFairseqRejectsAreRefused() {
        CliRun ratios = run(TRI_STAGE.replace("[0.29, 0.31, 0.4]", "[0.3, 0.6, 0.1]"), "csv");
        assertThat(ratios.err()).contains("train.yaml:10:16: ", "AssertionError: phase ratios must add up to 1");
        CliRun maxLr = run("optimization: {max_update: 3}\nlr_scheduler: {_name: triangular}\n", "csv");
        assertThat(maxLr.err()).isEqualTo("lrsched: train.yaml:2:23: fairseq's triangular needs max_lr (its default "
                + "is '???': MissingMandatoryValue); add max_lr: under lr_scheduler\n");
        CliRun missing = run("optimization: {max_update: 3}\nlr_scheduler: {_name: triangular, max_lr: ???}\n",
                "csv");
        assertThat(missing.err()).isEqualTo("lrsched: train.yaml:2:43: lr_scheduler.max_lr is '???', a value "
                + "fairseq requires (MissingMandatoryValue); write it\n");
        CliRun freq = run("optimization: {max_epoch: 1, update_freq: [0]}\nlr_scheduler: {_name: cosine, "
                + "lr_period_updates: 5}\n", "csv", "--run", "batches_per_epoch=3");
        assertThat(freq.err()).isEqualTo("lrsched: train.yaml:1:44: optimization.update_freq takes a whole number "
                + ">= 1 (an int in fairseq's OptimizationConfig), not the number 0\n");
        CliRun fractional = run("optimization: {max_update: 10.5}\nlr_scheduler: {_name: cosine}\n", "csv");
        assertThat(fractional.err()).startsWith("lrsched: train.yaml:1:28: optimization.max_update takes a whole "
                + "number >= 0");
    }

    @Test
    void referencesLrschedCannotResolveAreRefused() {
        CliRun env = run("optimization: {max_update: '${env:STEPS}'}\nlr_scheduler: {_name: cosine}\n", "csv");
        assertThat(env.err()).isEqualTo("lrsched: train.yaml:1:28: '${env:STEPS}' calls an OmegaConf resolver, "
                + "which reads the machine fairseq runs on; write the value it gives there\n");
        CliRun dangling = run("optimization: {max_update: 10}\nlr_scheduler: {_name: cosine, min_lr: "
                + "'${optimization.min_lr}'}\n", "csv");
        assertThat(dangling.err()).isEqualTo("lrsched: train.yaml:2:39: '${optimization.min_lr}' names "
                + "'optimization.min_lr', which the file does not set (OmegaConf's InterpolationKeyError); set it or "
                + "write the value\n");
        CliRun loop = run("optimization: {max_update: '${optimization.max_epoch}', max_epoch: "
                + "'${optimization.max_update}'}\nlr_scheduler: {_name: cosine}\n", "csv");
        assertThat(loop.err()).contains("refers back to itself");
        CliRun relative = run("optimization: {max_update: 10}\nlr_scheduler: {_name: polynomial_decay, "
                + "total_num_update: '${..optimization.max_update}'}\n", "csv");
        assertThat(relative.err()).isEqualTo("lrsched: train.yaml:2:59: '${..optimization.max_update}' is a "
                + "relative reference, which the OmegaConf fairseq requires (< 2.1) does not have; write the absolute "
                + "path, e.g. ${optimization.max_update}\n");
        CliRun text = run("optimization: {max_update: 'x${optimization.max_epoch}'}\nlr_scheduler: {_name: "
                + "cosine}\n", "csv");
        assertThat(text.err()).contains("puts a reference inside a text");
    }

    @Test
    void aMalformedConfigIsOneLine() {
        CliRun r = run("optimization:\n  max_update: [1\nlr_scheduler: {_name: cosine}\n", "csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("lrsched: train.yaml:").hasLineCount(1);
        CliRun section = run("task: {}\ncriterion: {}\noptimization: 5\nlr_scheduler: {_name: cosine}\n", "csv");
        assertThat(section.err()).isEqualTo("lrsched: train.yaml:3:15: 'optimization' must be a mapping (lr, "
                + "max_update, max_epoch, update_freq, ...), not the number 5\n");
    }
}
