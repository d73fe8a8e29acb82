package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lrsched verify} on the golden log of every log format (src/test/resources/golden/logs/), correct and faulty:
 * the logs were written by each framework's own writer code, fed by real torch schedulers (some stepped wrongly;
 * src/tools/golden/{json_logs,tensorboard_mlflow_logs,lightning_logs,timm_logs}.py). Each case's plan,
 * {@code <format>/plans/<case>.yaml}, is the scheduler its generator built, with the same arguments; the second test
 * ties every plan to the real torch curve. ultralytics is left out: its warmup (np.interp per iteration inside a
 * LambdaLR) is no lrsched type. tensorboard/lightning.bad-crc is a corrupt file, not a run (its reader test has it).
 */
class VerifyFormatsTest {
    private static final Path LOGS = Path.of("src/test/resources/golden/logs").toAbsolutePath();

    /** Plan values and torch's agree to this, relative (both are float64 arithmetic of the same formula). */
    private static final double SAME = 1e-12;

    /** {@code expected}: fragments of the report, in order, separated by {@code " && "}. */
    @ParameterizedTest(name = "{0}/{1} {3}")
    @CsvSource(delimiter = '|', value = {
        // transformers trainer_state.json: an output folder, a checkpoint whose config.json says 4.45.2, faults
        "hf           | new                  | new                   |  | 0 | follows the plan: all 12 logged values match",
        "hf           | old                  | old/checkpoint-40     |  | 0 | read as: transformers 4.45.2 (from the log's config.json) && follows the plan: all 40 logged values match",
        "hf           | new.stepped-twice    | new.stepped-twice     |  | 1 | explained by: stepped 2 times per update: the LR of update u is the plan's at 2u",
        "hf           | new.one-off          | new.one-off           |  | 1 | explained by: one update ahead: the value logged for update u is the plan's at u + 1",
        "hf           | new.restarted        | new.restarted         |  | 1 | explained by: restarted at update 20: from update 20 on",
        "llamafactory | resumed              | resumed               |  | 0 | read as: transformers 4.45.2 (from the log's config.json) && follows the plan: all 20 logged values match",
        "llamafactory | killed               | killed                |  | 0 | follows the plan: all 20 logged values match",
        "detectron2   | steplr               | steplr/metrics.json   |  | 0 | follows the plan: all 12 logged values match",
        "detectron2   | cosine               | cosine/metrics.json   |  | 0 | follows the plan: all 12 logged values match",
        // resumed at 30 with the scheduler restarted: the resumed run's lines replace all the killed run logged from
        // iteration 30 on (its iteration 36, never written again, goes too), so the log reads as a restart at 30
        "detectron2   | steplr.restarted     | steplr.restarted/metrics.json | | 1 | explained by: restarted at update 30",
        "mmengine     | iter-cosine          | iter-cosine/20250101_120000     | | 0 | follows the plan: all 12 logged values match",
        "mmengine     | epoch-multistep      | epoch-multistep/20250101_120000 | | 0 | follows the plan: all 12 logged values match",
        // TensorBoard event files
        "tensorboard  | hf-4.51              | hf-4.51               |  | 0 | follows the plan: all 20 logged values match (within 1.2e-07 relative)",
        "tensorboard  | hf-4.45              | hf-4.45               | --versions transformers=4.45 | 0 | follows the plan: all 20 logged values match",
        // an event file records no release: read with the newest convention, a 4.45 log is one update ahead, and
        // verify says which flag reads it right
        "tensorboard  | hf-4.45              | hf-4.45               |  | 1 | explained by: one update ahead && give --versions transformers=VERSION",
        "tensorboard  | lightning            | lightning             |  | 0 | follows the plan: all 100 logged values match",
        "tensorboard  | lightning.stepped-twice | lightning.stepped-twice | | 1 | explained by: stepped 2 times per update",
        "tensorboard  | lightning.per-epoch  | lightning.per-epoch   |  | 1 | explained by: stepped once per epoch (every 20 updates)",
        "tensorboard  | lightning.torn       | lightning.torn        |  | 0 | follows the plan: all 100 logged values match",
        "tensorboard  | kohya                | kohya                 | --log-column textencoder=lr/textencoder --log-column unet=lr/unet | 0 | schedule 'textencoder': follows the plan: all 100 logged values match && schedule 'unet': follows the plan: all 100 logged values match",
        "tensorboard  | megatron             | megatron              |  | 0 | follows the plan: all 100 logged values match",
        "tensorboard  | tf2-float-tensor     | tf2-float-tensor      |  | 0 | follows the plan: all 100 logged values match",
        "tensorboard  | double-tensor        | double-tensor         |  | 0 | follows the plan: all 100 logged values match (within 1e-12 relative)",
        // The resume from update 40 was started with max_lr 5e-4 instead of 1e-3 (a fresh OneCycleLR logged from
        // 40 on): from 40 the log is half the plan at the same update. That is another plan, not a known fault.
        "tensorboard  | resumed              | resumed               |  | 1 | first difference: update 40: logged 0.0004722707, planned 0.0009445413 (-50.0%) && no known fault explains it",
        // MLflow file store runs
        "mlflow       | hf-4.51              | mlruns/0/0a1b2c3d4e5f40718293a4b5c6d7e8f9 | | 0 | follows the plan: all 20 logged values match",
        "mlflow       | hf-4.51.stepped-twice | mlruns/0/1b2c3d4e5f6a40718293a4b5c6d7e8f9 | | 1 | explained by: stepped 2 times per update",
        "mlflow       | lightning.restarted  | mlruns/1/2c3d4e5f6a7b40718293a4b5c6d7e8f9 | --log-column pg1=lr-AdamW/pg1 --log-column pg2=lr-AdamW/pg2 | 1 | schedule 'pg1': does NOT follow the plan && explained by: restarted at update 40 && schedule 'pg2': does NOT follow the plan && explained by: restarted at update 40",
        // Lightning CSVLogger
        "lightning    | onecycle             | onecycle/lightning_logs |  | 0 | follows the plan: all 15 logged values match",
        "lightning    | halving-two-groups   | halving-two-groups/lightning_logs | --log-column pg1=lr-SGD/pg1 --log-column pg2=lr-SGD/pg2 | 0 | schedule 'pg1': follows the plan: all 3 logged values match && schedule 'pg2': follows the plan: all 3 logged values match",
        "lightning    | resumed              | resumed/lightning_logs  |  | 0 | follows the plan: all 30 logged values match",
        "lightning    | onecycle.stepped-per-epoch | onecycle.stepped-per-epoch/lightning_logs | | 1 | explained by: stepped once per epoch (every 10 updates)",
        "lightning    | resumed.restarted-at-resume | resumed.restarted-at-resume/lightning_logs | | 1 | explained by: restarted at update 20",
        // timm summary.csv, one row per epoch of 5 updates (its README)
        "timm         | cosine               | cosine/summary.csv    | --steps-per-epoch 5 | 0 | follows the plan: all 6 logged values match",
        "timm         | resumed              | resumed/summary.csv   | --steps-per-epoch 5 | 0 | follows the plan: all 6 logged values match",
    })
    void verifyNamesWhatEachGoldenRunDid(String format, String plan, String log, String args, int exit,
            String expected) {
        List<String> argv = new ArrayList<>(List.of("verify", "--spec", "plans/" + plan + ".yaml", "--log", log));
        if (args != null) {
            argv.addAll(List.of(args.strip().split(" +")));
        }
        CliRun r = CliRun.run(LOGS.resolve(format), argv.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).as(r.out()).isEqualTo(exit);
        assertThat(r.out()).containsSubsequence(expected.split(" && "));
        if (exit == Cli.FAILURE) {
            assertThat(r.out()).containsAnyOf("explained by: ", "no known fault explains it");
        }
    }

    /**
     * Each plan, run through {@code lrsched csv}, is the curve torch computed: the expected {@code update,lr} file of
     * the case that stepped the same scheduler correctly. Where a run stepped it wrongly, the LRs it used (its own
     * {@code update,lr} file) are the plan's at the fault's rule: {@code k=K} (the plan's at K u), {@code n=N} (at
     * floor(u / N)), {@code r=R} (at u - R from R on).
     */
    @ParameterizedTest(name = "{0}/plans/{1}.yaml {2} = {3} {4}")
    @CsvSource(delimiter = '|', value = {
        "hf           | new                  | lr   | hf/new.expected.csv                     | same",
        "hf           | old                  | lr   | hf/old.expected.csv                     | same",
        "hf           | new.stepped-twice    | lr   | hf/old.expected.csv                     | same",
        "hf           | new.stepped-twice    | lr   | hf/new.stepped-twice.expected.csv       | k=2",
        "hf           | new.one-off          | lr   | hf/old.expected.csv                     | same",
        "hf           | new.one-off          | lr   | hf/new.one-off.expected.csv             | same",
        "hf           | new.restarted        | lr   | hf/old.expected.csv                     | same",
        "hf           | new.restarted        | lr   | hf/new.restarted.expected.csv           | r=20",
        "llamafactory | resumed              | lr   | llamafactory/resumed.expected.csv       | same",
        "llamafactory | killed               | lr   | llamafactory/killed.expected.csv        | same",
        "detectron2   | steplr               | lr   | detectron2/steplr.expected.csv          | same",
        "detectron2   | cosine               | lr   | detectron2/cosine.expected.csv          | same",
        "detectron2   | steplr.restarted     | lr   | detectron2/steplr.expected.csv          | same",
        "detectron2   | steplr.restarted     | lr   | detectron2/steplr.restarted.expected.csv | r=30",
        "mmengine     | iter-cosine          | lr   | mmengine/iter-cosine.expected.csv       | same",
        "mmengine     | epoch-multistep      | lr   | mmengine/epoch-multistep.expected.csv   | same",
        "tensorboard  | hf-4.51              | lr   | tensorboard/hf-4.51.csv                 | same",
        "tensorboard  | hf-4.45              | lr   | tensorboard/hf-4.45.csv                 | same",
        "tensorboard  | lightning            | lr   | tensorboard/lightning.csv               | same",
        "tensorboard  | lightning.stepped-twice | lr | tensorboard/lightning.stepped-twice.csv | k=2",
        "tensorboard  | lightning.per-epoch  | lr   | tensorboard/lightning.csv               | same",
        "tensorboard  | lightning.per-epoch  | lr   | tensorboard/lightning.per-epoch.csv     | n=20",
        "tensorboard  | lightning.torn       | lr   | tensorboard/lightning.torn.csv          | same",
        "tensorboard  | kohya                | unet | tensorboard/kohya.csv                   | same",
        "tensorboard  | megatron             | lr   | tensorboard/megatron.csv                | same",
        "tensorboard  | tf2-float-tensor     | lr   | tensorboard/tf2-float-tensor.csv        | same",
        "tensorboard  | double-tensor        | lr   | tensorboard/double-tensor.csv           | same",
        "tensorboard  | resumed              | lr   | tensorboard/lightning.csv               | same",
        "mlflow       | hf-4.51              | lr   | mlflow/hf-4.51.csv                      | same",
        "mlflow       | hf-4.51.stepped-twice | lr  | mlflow/hf-4.51.csv                      | same",
        "mlflow       | hf-4.51.stepped-twice | lr  | mlflow/hf-4.51.stepped-twice.csv        | k=2",
        // the same OneCycleLR(max_lr=1e-3, total_steps=101) as tensorboard/lightning (lightning_run's default)
        "mlflow       | lightning.restarted  | pg1  | tensorboard/lightning.csv               | same",
        "mlflow       | lightning.restarted  | pg1  | mlflow/lightning.restarted.csv          | r=40",
        "lightning    | onecycle             | lr   | lightning/onecycle/expected.csv         | same",
        "lightning    | halving-two-groups   | pg1  | lightning/halving-two-groups/expected.csv | same",
        "lightning    | resumed              | lr   | lightning/resumed/expected.csv          | same",
        "lightning    | onecycle.stepped-per-epoch | lr | lightning/onecycle.stepped-per-epoch/expected.csv | same",
        "lightning    | onecycle.stepped-per-epoch | lr | lightning/onecycle.stepped-per-epoch/used.csv     | n=10",
        "lightning    | resumed.restarted-at-resume | lr | lightning/resumed.restarted-at-resume/expected.csv | same",
        "lightning    | resumed.restarted-at-resume | lr | lightning/resumed.restarted-at-resume/used.csv     | r=20",
        "timm         | cosine               | lr   | timm/cosine/expected.csv                | same",
        "timm         | resumed              | lr   | timm/resumed/expected.csv               | same",
    })
    void eachPlanIsTheSchedulerTorchRan(String format, String plan, String schedule, String torchCsv, String rule) {
        Map<Long, Double> torch = updateLr(LOGS.resolve(torchCsv));
        long last = 0;
        for (long update : torch.keySet()) {
            last = Math.max(last, planRow(rule, update));
        }
        Map<Long, Double> planned = planColumn(LOGS.resolve(format), plan, schedule, last + 1);
        torch.forEach((update, lr) -> {
            double want = planned.get(planRow(rule, update));
            assertThat(Math.abs(lr - want)).as("update %d: torch %s, plan %s", update, lr, want)
                    .isLessThanOrEqualTo(SAME * Math.max(Math.abs(lr), Math.abs(want)));
        });
    }

    /** The plan's row whose LR update {@code u} used under {@code rule} (same, k=K, n=N, r=R). */
    private static long planRow(String rule, long u) {
        if (rule.equals("same")) {
            return u;
        }
        long x = Long.parseLong(rule.substring(2));
        return switch (rule.charAt(0)) {
            case 'k' -> x * u;
            case 'n' -> u / x;
            case 'r' -> u < x ? u : u - x;
            default -> throw new IllegalArgumentException(rule);
        };
    }

    /** One schedule's column of {@code lrsched csv --spec plans/PLAN.yaml --steps N}. */
    private static Map<Long, Double> planColumn(Path dir, String plan, String schedule, long steps) {
        CliRun r = CliRun.run(dir, "csv", "--spec", "plans/" + plan + ".yaml", "--steps", Long.toString(steps));
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        int column = List.of(lines[0].split(",")).indexOf(schedule);
        assertThat(column).as(lines[0]).isPositive();
        Map<Long, Double> values = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            values.put(Long.parseLong(cells[0]), Double.parseDouble(cells[column]));
        }
        assertThat(values).hasSize((int) steps);
        return values;
    }

    /** An {@code update,lr} file written by a generator: the LR each update used, from the real torch scheduler. */
    private static Map<Long, Double> updateLr(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("update,lr");
            Map<Long, Double> lr = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                lr.put(Long.parseLong(cells[0]), Double.parseDouble(cells[1]));
            }
            return lr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
