package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every class of bad input: exit code 2 with one line on stderr that says where and what, and an existing output
 * file left exactly as it was. SPEC is written to spec.yaml (\n for line breaks); ARGS are added after
 * {@code csv -o out.csv}.
 */
class BadInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // malformed YAML and JSON, with locations
            "`steps: [3`                                  | --spec spec.yaml | spec.yaml:1:10: invalid YAML",
            "`schedules:\\n  - type: cosine\\n    lr: 0.1\\n   total: 100` | --spec spec.yaml | spec.yaml:4:4: 'total' is indented 3 spaces, but 'lr' above it 4: align them",
            "`{\"steps\": 3,}`                              | --spec spec.yaml | spec.yaml:1:13: invalid JSON",
            // empty files, wrong shapes
            "``                                           | --spec spec.yaml | spec.yaml: the spec is empty",
            "`# only a comment`                           | --spec spec.yaml | spec.yaml: the spec is empty",
            "`schedules: 5`                               | --spec spec.yaml | spec.yaml:1:12: 'schedules' must be a list",
            "`schedules: [{type: cosine, lr: [1], total: 3}]` | --spec spec.yaml | spec.yaml:1:32: schedule 'cosine': lr takes a number, not a list",
            "`- a\\n- b`                                  | --spec spec.yaml | spec.yaml:1:1: a spec is a mapping",
            // unknown types and parameters, with suggestions
            "`schedules: [{type: cosine_restart, lr: 1, period: 3}]` | --spec spec.yaml --steps 2 | did you mean 'cosine_restarts'?",
            "`schedules: [{type: torch.OneCycleLR, max_lr: 1, total_step: 10}]` | --spec spec.yaml --steps 2 | unknown parameter 'total_step'; did you mean 'total_steps'?",
            "`schedules: [{type: torch.OneCycleLR, max_lr: 1, total_steps: 10, anneal_strategy: cosine}]` | --spec spec.yaml --steps 2 | spec.yaml:1:83: schedule 'torch.OneCycleLR': anneal_strategy must be one of 'cos' or 'linear', instead got cosine; did you mean 'cos'?",
            // wrong value types and missing required parameters
            "`schedules: [{type: step, lr: 1, step_size: two}]` | --spec spec.yaml --steps 2 | step_size takes a whole number, not the text 'two'",
            "`schedules: [{type: noam, d_model: 512}]`    | --spec spec.yaml --steps 2 | missing required parameter 'warmup'",
            "`schedules: [{type: hf.linear, lr: 1, num_warmup_steps: 5}]` | --spec spec.yaml --steps 2 | missing required parameter 'num_training_steps'",
            // out-of-domain values, as each library enforces them
            "`schedules: [{type: cosine_restarts, lr: 1, period: 0}]` | --spec spec.yaml --steps 2 | period must be > 0, not 0",
            "`schedules: [{type: cosine, lr: 1, total: 10, warmup: 20}]` | --spec spec.yaml --steps 2 | warmup: must be shorter than total (10), got 20",
            "`schedules: [{type: torch.LinearLR, lr: 1, start_factor: 1.5}]` | --spec spec.yaml --steps 2 | start_factor",
            "`schedules: [{type: torch.OneCycleLR, max_lr: 1, total_steps: 10, pct_start: 1.5}]` | --spec spec.yaml --steps 2 | pct_start",
            "`schedules: [{type: torch.CosineAnnealingWarmRestarts, lr: 1, T_0: 0}]` | --spec spec.yaml --steps 2 | T_0",
            "`schedules: [{type: expr, formula: 1e308 * (step + 10)}]` | --spec spec.yaml --steps 2 | schedule 'expr' gives inf at step 0",
            "`schedules: [{type: expr, formula: 1/step}]` | --spec spec.yaml --steps 2 | Python raises ZeroDivisionError: division by zero evaluating '1/step' at step = 0 (step 0)",
            "`schedules: [{type: torch.OneCycleLR, max_lr: 1, total_steps: 10}]` | --spec spec.yaml --steps 20 | raises at step 11: Tried to step 11 times. The specified number of total steps is 10 (from step 11 on; select steps up to 10)",
            // names, keys, aliases
            "`schedules: [{name: a, type: constant, lr: 1}, {name: a, type: constant, lr: 2}]` | --spec spec.yaml --steps 2 | duplicate schedule name 'a'",
            "`schedules: [{type: constant, lr: 1, lr: 2}]` | --spec spec.yaml --steps 2 | duplicate key 'lr'",
            "`schedules: [{name: '=HYPERLINK(1)', type: constant, lr: 1}]` | --spec spec.yaml --steps 2 | spec.yaml:1:20: 'name' starts with '=', which a spreadsheet runs as a formula when it opens the CSV; start it with a letter or digit",
            "`schedules: [{name: \"a\\tb\", type: constant, lr: 1}]` | --spec spec.yaml --steps 2 | 'name' holds a control character (U+0009 at position 2); a name is one line of plain text",
            "`schedules: [{name: \"red\\x1b[31m\", type: constant, lr: 1}]` | --spec spec.yaml --steps 2 | 'name' holds a control character (U+001B at position 4)",
            "`schedules: [{type: constant, lr: *x}]` | --spec spec.yaml --steps 2 | the YAML alias *x has no anchor &x before it",
            // steps that are negative, overflow or are not numbers; garbage lists; conflicts; unknown options
            "`type: constant\\nlr: 1`                      | --spec spec.yaml --steps -5 | --steps: steps are 0 or more, got -5",
            "`type: constant\\nlr: 1`                      | --spec spec.yaml --steps 99999999999999999999 | --steps: '99999999999999999999' is not a whole number",
            "`type: constant\\nlr: 1`                      | --spec spec.yaml --at 1,x,3 | --at: 'x' is not a whole number",
            "`type: constant\\nlr: 1`                      | --spec spec.yaml --at 1 --every 2 | --at lists exact steps; it cannot be combined",
            "`type: constant\\nlr: 1`                      | --spec spec.yaml --stepss 2 | Unknown options: '--stepss', '2'; did you mean '--steps'?",
            "`type: constant\\nlr: 1\\nsteps: 1e30`         | --spec spec.yaml | spec.yaml:3:8: 'steps' must be a whole number >= 1",
            "`type: constant\\nlr: 1`                      | --spec spec.yaml --set lr=abc --steps 2 | lr takes a number, not the text 'abc'",
            // a directory or a missing file as spec
            "`type: constant\\nlr: 1`                      | --spec . --steps 2 | .: is a directory, not a spec file",
            "`type: constant\\nlr: 1`                      | --spec nope.yaml --steps 2 | nope.yaml: no such file",
    })
    void exitsTwoWithOneLineAndLeavesTheOutputAlone(String spec, String args, String message) throws IOException {
        Files.writeString(dir.resolve("spec.yaml"), spec.replace("\\n", "\n"), StandardCharsets.UTF_8);
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "previous contents\n");
        List<String> argv = new ArrayList<>(List.of("csv", "-o", "out.csv"));
        argv.addAll(List.of(args.strip().split(" +")));
        CliRun r = CliRun.run(dir, argv.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("lrsched: ").contains(message).hasLineCount(1);
        assertThat(Files.readString(out)).isEqualTo("previous contents\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("spec.yaml", "out.csv");
        }
    }

    /** A sweep of more than 1,000 curves is refused before any curve is made (40 x 30 = 1,200 here). */
    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`schedules: [{type: cosine, lr: 1, total: 100}]` | --spec spec.yaml --steps 2 --sweep lr=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40 --sweep total=10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39 | --sweep: the sweeps would make 1,200 curves; at most 1,000 are allowed",
            "`schedules: [{name: a, type: cosine, lr: 1, total: 100}, {name: b, type: constant, lr: 1}]` | --spec spec.yaml --steps 2 --sweep a.lr=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40 --sweep total=10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39 --sweep lr=1,2 | the sweeps would make 2,402 curves",
    })
    void aSweepOfMoreThanAThousandCurvesIsRefused(String spec, String args, String message) throws IOException {
        Files.writeString(dir.resolve("spec.yaml"), spec, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("out.png"), "previous contents\n");
        List<String> argv = new ArrayList<>(List.of("plot", "-o", "out.png"));
        argv.addAll(List.of(args.strip().split(" +")));
        CliRun r = CliRun.run(dir, argv.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("lrsched: ").contains(message).hasLineCount(1);
        assertThat(Files.readString(dir.resolve("out.png"))).isEqualTo("previous contents\n");
    }

    @org.junit.jupiter.api.Test
    void nonUtf8AndHugeSpecsAreRefused() throws IOException {
        Files.write(dir.resolve("latin1.yaml"), "type: constant\nlr: 1 # caf\u00e9\n".getBytes(
                StandardCharsets.ISO_8859_1));
        CliRun r = CliRun.run(dir, "csv", "--spec", "latin1.yaml", "--steps", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: latin1.yaml: is not UTF-8 text; save it as UTF-8\n");
        Files.writeString(dir.resolve("big.yaml"), "# " + "x".repeat(5 << 20) + "\n");
        CliRun big = CliRun.run(dir, "csv", "--spec", "big.yaml", "--steps", "1");
        assertThat(big.exitCode()).isEqualTo(2);
        assertThat(big.err()).contains("is larger than 4 MiB");
    }

    @org.junit.jupiter.api.Test
    void deepNestingAndAliasBombsAreRefusedAtOnce() throws IOException {
        Files.writeString(dir.resolve("deep.yaml"), "steps: 3\nschedules: " + "[".repeat(100_000));
        CliRun deep = CliRun.run(dir, "csv", "--spec", "deep.yaml");
        assertThat(deep.exitCode()).isEqualTo(2);
        assertThat(deep.err()).startsWith("lrsched: deep.yaml").contains("nesting depth").hasLineCount(1);
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + p + ",").repeat(8)).append("*")
                    .append(p).append("]\n");
        }
        Files.writeString(dir.resolve("bomb.yaml"), bomb.toString());
        CliRun r = CliRun.run(dir, "csv", "--spec", "bomb.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        // aliases are expanded as PyYAML expands them, up to a bound: a billion "lol"s are refused, not built
        assertThat(r.err()).startsWith("lrsched: bomb.yaml").contains("expands to more than 2,000,000 values")
                .contains("write the values out once instead").hasLineCount(1);
    }
}
