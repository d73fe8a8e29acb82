package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code plot --overlay}: logged curves read from CSV exports and drawn over the computed ones. */
class PlotOverlayTest {
    @TempDir
    Path dir;

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String NOAM = "steps: 20000\nschedules:\n  - {name: noam, type: noam, d_model: 512, "
            + "warmup: 4000}\n";

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The noam curve as a log: 'step,lr' every {@code every} steps from 0 to {@code last}. */
    private static String noamLog(String header, long every, long last) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (long s = 0; s <= last; s += every) {
            b.append(s).append(',').append(Math.pow(512, -0.5) * Math.min(Math.pow(Math.max(s, 1), -0.5),
                    s * Math.pow(4000, -1.5))).append('\n');
        }
        return b.toString();
    }

    private CliRun term(String... args) {
        List<String> argv = new ArrayList<>(List.of("plot", "--spec", "noam.yaml", "--term", "--width", "80",
                "--color", "never"));
        argv.addAll(List.of(args));
        return CliRun.run(dir, argv.toArray(String[]::new));
    }

    /** The legend lines of a terminal chart: everything after the x axis title. */
    private static String legend(CliRun r) {
        String out = r.out();
        return out.substring(out.indexOf("Step\n") + 5);
    }

    @Test
    void theExampleTensorBoardExportIsDrawnOverItsSchedule() {
        CliRun r = CliRun.run(ROOT, "plot", "--spec", "examples/noam.yaml", "--overlay", "examples/logged-lr.csv",
                "--term", "--width", "80", "--color", "never");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(legend(r)).isEqualTo("[1] noam  (peak 6.99e-4 at 4k)   [2] logged-lr  (peak 6.99e-4 at 4k)\n");
    }

    @Test
    void tensorBoardExportToAnImageInBothLayouts() throws IOException {
        write("noam.yaml", NOAM);
        write("run-train-tag-lr.csv", noamLog("Step,Value", 100, 19_900).replace("\n", "\r\n")
                .replace("Step,Value", "Wall time,Step,Value").replaceAll("\r\n(\\d)", "\r\n1714000000.5,$1"));
        for (String layout : new String[] {"overlay", "grid"}) {
            CliRun r = CliRun.run(dir, "plot", "--spec", "noam.yaml", "--overlay", "run-train-tag-lr.csv",
                    "--layout", layout, "-o", layout + ".svg");
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo(layout + ".svg\n");
            String svg = Files.readString(dir.resolve(layout + ".svg"));
            assertThat(svg).contains("stroke:rgb(255,127,14)", "stroke-dasharray:7,4");
        }
    }

    @Test
    void wandbExportOfTwoRunsDrawsTheOneNamed() throws IOException {
        write("noam.yaml", NOAM);
        write("wandb_export.csv", "\"Step\",\"fast - lr\",\"fast - lr__MIN\",\"fast - lr__MAX\",\"slow - lr\","
                + "\"slow - lr__MIN\",\"slow - lr__MAX\"\n0,0.002,0.002,0.002,0.001,0.001,0.001\n"
                + "5000,0.004,0.004,0.004,,,\n10000,0.003,0.003,0.003,0.0005,0.0005,0.0005\n");
        CliRun r = term("--overlay", "wandb_export.csv", "--overlay-value", "slow - lr", "--overlay",
                "wandb_export.csv", "--overlay-value", "fast - lr", "--overlay-label", "fast run");
        assertThat(r.err()).isEmpty();
        assertThat(legend(r)).isEqualTo("[1] noam  (peak 6.99e-4 at 4k)   [2] wandb_export  (peak 1e-3 at 0)\n"
                + "[3] fast run  (peak 4e-3 at 5k)\n");
    }

    @Test
    void aRestartedLogKeepsTheLastValueOfEachStep() throws IOException {
        write("noam.yaml", NOAM);
        // the first run logged a spike at step 3000; the restarted run logged step 3000 again, correctly
        write("train_log.csv", "global_step,loss,learning_rate\n0,9.1,0\n1000,5.0,1e-4\n3000,3.2,0.9\n"
                + "2000,4.1,2e-4\n3000,3.0,3e-4\n4000,2.9,4e-4\n");
        CliRun r = term("--overlay", "train_log.csv");
        assertThat(r.err()).isEmpty();
        assertThat(legend(r)).contains("[2] train_log  (peak 4e-4 at 4k)");
    }

    @Test
    void withoutAStepChoiceTheLogShowsAllItHoldsAndWithOneItIsCut() throws IOException {
        write("noam.yaml", NOAM);
        write("long.csv", noamLog("step,lr", 100, 30_000));
        CliRun all = term("--overlay", "long.csv");
        assertThat(all.out()).contains("30k").doesNotContain("20k\n");
        CliRun cut = term("--overlay", "long.csv", "--from", "5000", "--to", "9999");
        assertThat(cut.out()).doesNotContain("30k");
        assertThat(legend(cut)).contains("[2] long  (peak 6.25e-4 at 5k)");
        CliRun at = term("--overlay", "long.csv", "--at", "8000,100");
        assertThat(legend(at)).contains("[2] long  (peak 6.99e-4 at 4k)");
    }

    @Test
    void epochsScaleTheLogToo() throws IOException {
        write("noam.yaml", NOAM);
        write("log.csv", noamLog("step,lr", 100, 19_900));
        CliRun r = term("--overlay", "log.csv", "--x", "epochs", "--steps-per-epoch", "2500");
        assertThat(legend(r)).contains("[2] log  (peak 6.99e-4 at epoch 1.6)");
    }

    @Test
    void overlayOptionsNeedTheirOverlay() throws IOException {
        write("noam.yaml", NOAM);
        CliRun r = term("--overlay-value", "lr");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).startsWith("lrsched: ").contains("--overlay=LOG").hasLineCount(1);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                                | --overlay log.csv                       | lrsched: log.csv: is empty; a logged curve needs a header line such as 'Wall time,Step,Value' and one row per logged step",
        "`Wall time,Step,Value`            | --overlay log.csv                       | lrsched: log.csv: has a header but no rows",
        "`Wall time,Step,Value\\n1,0,0.1`  | --overlay nope.csv                      | lrsched: nope.csv: no such file",
        "`Wall time,Step,Value\\n1,0,0.1`  | --overlay log.csv --overlay-value Valeu | lrsched: log.csv:1:1: no column 'Valeu' (--overlay-value); did you mean 'Value'?",
        "`Wall time,Step,Value\\n1,0,0.1`  | --overlay log.csv --overlay-step stp    | lrsched: log.csv:1:1: no column 'stp' (--overlay-step); did you mean 'Step'?",
        "`Wall time,Step,Value\\n1,0,0.1\\n2,100,n/a` | --overlay log.csv            | lrsched: log.csv:3:7: 'n/a' in column 'Value' is not a number",
        "`step,lr\\n0,1\\nten,2`           | --overlay log.csv                       | lrsched: log.csv:3:1: 'ten' in column 'step' is not a step: steps are whole numbers",
        "`when,lr\\n0,1`                   | --overlay log.csv                       | lrsched: log.csv:1:1: no step column (looked for step, Step, global_step, _step, iteration); name it with --overlay-step COLUMN; the columns are 'when', 'lr'",
        "`step,loss,acc\\n0,1,2`           | --overlay log.csv                       | lrsched: log.csv:1:1: 2 columns could be the learning rate ('loss', 'acc'); pick one with --overlay-value COLUMN",
        "`step,lr\\n0,1`                   | --overlay log.csv --from 5 --to 9       | lrsched: log.csv: no logged step between 5 and 9 (the log has steps 0 to 0)",
        "`step,lr\\n0,nan\\n1,inf`          | --overlay log.csv                       | lrsched: log.csv: every logged value from step 0 to 1 is NaN or infinite (did the run diverge?): there is no curve to draw",
        "`step,lr\\n0,1`                   | --overlay .                             | lrsched: .: is a folder with no log lrsched reads (it reads ...",
    })
    void badLogsAreOneLineErrorsAndLeaveTheImageAlone(String log, String args, String message) throws IOException {
        write("noam.yaml", NOAM);
        write("log.csv", log.replace("\\n", "\n"));
        Files.writeString(dir.resolve("out.png"), "previous picture");
        List<String> argv = new ArrayList<>(List.of("plot", "--spec", "noam.yaml", "-o", "out.png"));
        argv.addAll(List.of(args.strip().split(" +")));
        CliRun r = CliRun.run(dir, argv.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Cli.USAGE);
        if (message.endsWith("...")) { // the rest lists the registered log formats
            assertThat(r.err()).startsWith(message.substring(0, message.length() - 3)).hasLineCount(1);
        } else {
            assertThat(r.err()).isEqualTo(message + "\n");
        }
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(dir.resolve("out.png"))).isEqualTo("previous picture");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("noam.yaml", "log.csv",
                    "out.png");
        }
    }
}
