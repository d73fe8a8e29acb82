package lrsched.input.log;

import static lrsched.input.log.GoldenLogs.assertOnExpected;
import static lrsched.input.log.GoldenLogs.assertShifted;
import static lrsched.input.log.GoldenLogs.differs;
import static lrsched.input.log.GoldenLogs.expected;
import static lrsched.input.log.GoldenLogs.named;
import static lrsched.input.log.GoldenLogs.path;
import static lrsched.input.log.LogTesting.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import lrsched.core.LoggedCurve;
import lrsched.core.Versions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HF trainer_state.json read through {@link LogReaders}, against logs written by transformers' own TrainerState. */
class TrainerStateLogReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return GoldenLogs.write(dir, name, text);
    }

    private static LogRequest request(Path file) {
        return LogRequest.of(file).withVersions(Versions.newest());
    }

    private static Versions transformers(String version) {
        return Versions.of(List.of("transformers=" + version), List.of(Writers.TRANSFORMERS));
    }

    private static String state(String entries) {
        return "{\n  \"global_step\": 4,\n  \"log_history\": [\n" + entries + "\n  ],\n  \"max_steps\": 4\n}\n";
    }

    @Test
    void newTransformersOutputFolderIsReadFromItsNewestCheckpointAndEveryPointLiesOnTheUpdateThatUsedIt() {
        LoggedCurve c = LogReaders.read(request(path("hf/new")));
        assertOnExpected(c, expected("hf/new.expected.csv"));
        assertThat(c.steps()).containsExactly(4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59); // logged every 5
        assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT64);
        assertThat(c.label()).isEqualTo("new");
        assertThat(c.source()).endsWith("checkpoint-60/trainer_state.json");
        assertThat(c.reading()).isEqualTo("transformers 4.57.6 (from the log's config.json) logs at step g the LR "
                + "update g-1 used: shown at update g-1; read checkpoint-60/trainer_state.json, the newest of 2 "
                + "checkpoints");
    }

    @Test
    void oldTransformersCheckpointLogsTheNextUpdatesLearningRateAndIsShownThere() {
        LoggedCurve c = LogReaders.read(request(path("hf/old/checkpoint-40")));
        double[] used = expected("hf/old.expected.csv");
        // 40 updates ran; the entry at step 40 holds the LR an update 40 would have used (the scheduler stepped)
        assertThat(c.firstStep()).isEqualTo(1);
        assertThat(c.lastStep()).isEqualTo(40);
        assertOnExpected(c.between(0, 39), used);
        assertThat(c.reading()).isEqualTo("transformers 4.45.2 (from the log's config.json) logs at step g the LR "
                + "of the next update, g: shown at update g");
    }

    @Test
    void theVersionTheUserGivesWinsOverConfigJson() {
        Path file = path("hf/old/checkpoint-40/trainer_state.json");
        LoggedCurve c = LogReaders.read(request(file).withVersions(transformers("4.51.0")));
        assertThat(c.reading()).startsWith("transformers 4.51.0 (given) logs at step g the LR update g-1 used");
        assertThat(c.firstStep()).isZero();
        assertThat(differs(c.between(0, 39), expected("hf/old.expected.csv"))).isTrue();
    }

    @Test
    void faultyRunsLieOnTheLearningRatesTheyReallyUsed() {
        for (String fault : List.of("stepped-twice", "restarted")) {
            LoggedCurve c = LogReaders.read(request(path("hf/new." + fault)));
            assertOnExpected(c, expected("hf/new." + fault + ".expected.csv"));
        }
        LoggedCurve restarted = LogReaders.read(request(path("hf/new.restarted")));
        assertThat(restarted.size()).isEqualTo(20); // steps 2..40: the resumed run continued checkpoint-20's history
        assertThat(restarted.value(10)).isEqualTo(restarted.value(0)); // update 21 used update 1's LR again
    }

    @Test
    void aLogOneUpdateOffHoldsAtEachUpdateTheNextUpdatesLearningRate() {
        LoggedCurve c = LogReaders.read(request(path("hf/new.one-off")));
        double[] used = expected("hf/new.one-off.expected.csv");
        assertShifted(c.between(0, used.length - 2), used, 1);
        assertThat(differs(c, used)).isTrue();
    }

    @Test
    void evalEntriesAreSkippedAndAnotherKeyCanBeChosen() throws IOException {
        Path f = write("trainer_state.json", state("""
                    {"epoch": 0.5, "grad_norm": 1.5, "learning_rate": 0.001, "loss": NaN, "step": 1},
                    {"epoch": 0.5, "eval_loss": 0.25, "step": 1},
                    {"epoch": 1.0, "grad_norm": 2.5, "learning_rate": 0.002, "loss": 1.5, "step": 2}"""));
        LoggedCurve c = LogReaders.read(request(f).withVersions(transformers("4.57.1")));
        assertThat(c.steps()).containsExactly(0, 1);
        assertThat(c.values()).containsExactly(0.001, 0.002);
        LoggedCurve norms = LogReaders.read(request(f).withValueColumn("grad_norm"));
        assertThat(norms.values()).containsExactly(1.5, 2.5);
        LogRequest byEpoch = new LogRequest(f, "trainer_state.json", Optional.of("epoch"), Optional.empty(),
                Optional.empty());
        assertThat(error(byEpoch)).isEqualTo("trainer_state.json: --overlay-step epoch does not apply: this log's "
                + "steps are 'step', which lrsched turns into updates by the writer's convention");
        assertThat(LogReaders.read(new LogRequest(f, "t", Optional.of("step"), Optional.empty(), Optional.empty()))
                .size()).isEqualTo(2);
    }

    @Test
    void aStepLoggedTwiceKeepsTheLaterEntry() throws IOException {
        Path f = write("trainer_state.json", state("""
                    {"learning_rate": 0.5, "step": 2},
                    {"learning_rate": 0.25, "step": 2}"""));
        assertThat(LogReaders.read(request(f)).values()).containsExactly(0.25);
    }

    @Test
    void aValueLoggedBeforeTheFirstUpdateIsDroppedAndTheReadingSaysSo() throws IOException {
        Path f = write("trainer_state.json", state("""
                    {"learning_rate": 0.5, "step": 0},
                    {"learning_rate": 0.25, "step": 1}"""));
        LoggedCurve c = LogReaders.read(request(f));
        assertThat(c.steps()).containsExactly(0);
        assertThat(c.reading()).endsWith("; 1 value logged before update 0 dropped");
    }

    @Test
    void filesAndFoldersItReadsAreClaimedAndOthersAreNot() throws IOException {
        TrainerStateLogReader reader = new TrainerStateLogReader();
        String text = state("    {\"learning_rate\": 0.5, \"step\": 1}");
        assertThat(reader.reads(write("trainer_state.json", text), new byte[0])).isTrue();
        Path renamed = write("run7_state.json", text);
        assertThat(reader.reads(renamed, Files.readAllBytes(renamed))).isTrue();
        assertThat(reader.reads(write("config.json", "{\"transformers_version\": \"4.45.2\"}"),
                "{\"transformers_version\": \"4.45.2\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(reader.reads(write("lr.csv", "step,lr\n"), "step,lr\n".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(reader.reads(path("hf/old/checkpoint-40"), new byte[0])).isTrue();
        assertThat(reader.reads(path("hf/new"), new byte[0])).isTrue();
        assertThat(reader.reads(path("llamafactory/resumed"), new byte[0])).isFalse();
        assertThat(LogReaders.readerFor(request(path("hf/new")))).isInstanceOf(TrainerStateLogReader.class);
        Path checkpointNotYetWritten = dir.resolve("out/checkpoint-5");
        Files.createDirectories(checkpointNotYetWritten);
        assertThat(reader.reads(dir.resolve("out"), new byte[0])).isFalse();
    }

    @Test
    void aFolderWithNoLogGetsTheListOfWhatLrschedReads() throws IOException {
        Files.createDirectories(dir.resolve("empty/checkpoint-5"));
        assertThat(error(named(dir.resolve("empty"), "empty"))).startsWith("empty: is a folder with no log lrsched "
                + "reads (it reads trainer_state.json (a file, a checkpoint-N folder, or an output folder holding "
                + "them); trainer_log.jsonl");
    }

    @Test
    void badFilesGetOneLineNamingTheProblem() throws IOException {
        assertThat(error(named(write("a/trainer_state.json", ""), "trainer_state.json"))).isEqualTo(
                "trainer_state.json: is empty; a trainer_state.json holds the Trainer's state with its log_history");
        assertThat(error(named(write("b/trainer_state.json", "{\n  \"log_history\": [\n    {\"step\": 1,}\n  ]\n}"),
                "trainer_state.json"))).isEqualTo("trainer_state.json:3:16: not JSON: Unexpected character ('}' "
                + "(code 125)): was expecting double-quote to start property name");
        assertThat(error(named(write("c/trainer_state.json", "{\"global_step\": 3}"), "trainer_state.json")))
                .isEqualTo("trainer_state.json: has no log_history; a trainer_state.json of transformers' Trainer "
                        + "lists the logged steps there");
        assertThat(error(named(write("d/trainer_state.json", "[1, 2]"), "trainer_state.json"))).isEqualTo(
                "trainer_state.json:1:1: not a trainer_state.json: it holds a JSON value, not an object with a "
                        + "log_history");
        assertThat(error(named(write("e/trainer_state.json", state("    {\"epoch\": 1.0, \"loss\": 0.5, "
                + "\"step\": 1},\n    {\"eval_loss\": 0.5, \"step\": 1}")), "trainer_state.json"))).isEqualTo(
                "trainer_state.json: no key is named like a learning rate; the keys are 'epoch', 'loss', "
                        + "'eval_loss'; pick one with --overlay-value NAME");
        assertThat(error(named(write("f/trainer_state.json", state("    {\"learning_rate\": \"3e-4\", "
                + "\"step\": 1}")), "trainer_state.json"))).isEqualTo(
                "trainer_state.json:4:23: 'learning_rate' is \"3e-4\", not a number");
        assertThat(error(named(write("g/trainer_state.json", state("")), "trainer_state.json"))).isEqualTo(
                "trainer_state.json: no entry of log_history has the step key 'step'; the run logged nothing yet, "
                        + "or this is not the log it seems to be");
        assertThat(error(named(write("h/trainer_state.json", state("    {\"learning_rate\": 0.1, \"step\": 2.5}")),
                "trainer_state.json"))).isEqualTo(
                "trainer_state.json:4:36: 'step' is 2.5, not a step: steps are whole numbers, 0 or more");
        assertThat(error(named(write("i/trainer_state.json", "{\"log_history\": {}}"), "trainer_state.json")))
                .isEqualTo("trainer_state.json:1:17: log_history is not a list");
    }

    @Test
    void aFileCutOffBeforeLogHistoryIsAnError() throws IOException {
        String whole = Files.readString(path("hf/new/checkpoint-60/trainer_state.json"));
        Path f = write("cut/trainer_state.json", whole.substring(0, whole.indexOf("\"log_history\"") - 1));
        assertThat(error(named(f, "trainer_state.json"))).isEqualTo("trainer_state.json:11:2: the file is cut off: "
                + "Unexpected end-of-input within/between Object entries");
    }

    @Test
    void theExampleCheckpointIsReadWithTheVersionItsConfigRecords() {
        LoggedCurve c = LogReaders.read(request(Path.of("examples/logs/hf-checkpoint")));
        assertThat(c.reading()).startsWith("transformers 4.45.2 (from the log's config.json)");
        assertThat(c.steps()).startsWith(5, 10).endsWith(100);
        assertThat(c.value(1)).isEqualTo(5e-5); // update 10 is the first after the 10 warmup updates
    }

    @Test
    void aFileCutOffInsideLogHistoryIsReadUpToTheTear() throws IOException {
        String whole = Files.readString(path("hf/new/checkpoint-60/trainer_state.json"));
        int cut = whole.indexOf("\"step\": 35");
        Path between = write("between/trainer_state.json", whole.substring(0, whole.lastIndexOf("{", cut)));
        assertThat(LogReaders.read(request(between)).lastStep()).isEqualTo(29); // cut between two entries
        Path f = write("cut/trainer_state.json", whole.substring(0, cut + 4));
        LoggedCurve c = LogReaders.read(request(f));
        assertThat(c.lastStep()).isEqualTo(29); // step 30 was the last whole entry (step 35's is cut)
        assertOnExpected(c, expected("hf/new.expected.csv"));
        assertThat(c.reading()).endsWith("; the file is cut off at line " + whole.substring(0, cut + 4).lines()
                .count() + ", inside log_history: read the 7 entries before");
    }
}
