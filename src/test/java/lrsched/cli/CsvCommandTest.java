package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void writesOneColumnPerScheduleInSpecOrder() throws IOException {
        write("s.yaml", "steps: 3\nschedules:\n  - name: flat\n    type: constant\n    lr: 0.5\n"
                + "  - name: ramp\n    type: linear\n    lr: 1\n    total: 2\n");
        CliRun r = CliRun.run(dir, "csv", "--spec", "s.yaml");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("step,flat,ramp\n0,0.5,1.0\n1,0.5,0.5\n2,0.5,0.0\n");
    }

    @Test
    void readsJsonAndSingleScheduleFilesAndStdin() throws IOException {
        write("s.json", "{\"steps\": 2, \"schedules\": [{\"type\": \"constant\", \"lr\": 0.25}]}");
        assertThat(CliRun.run(dir, "csv", "--spec", "s.json").out()).isEqualTo("step,constant\n0,0.25\n1,0.25\n");
        write("one.yaml", "type: noam\nd_model: 512\nwarmup: 4000\nsteps: 2\n");
        assertThat(CliRun.run(dir, "csv", "--spec", "one.yaml").out())
                .isEqualTo("step,noam\n0,0.0\n1,1.7469281074217108e-07\n");
        assertThat(CliRun.withStdin(dir, "type: constant\nlr: 2\n", "csv", "--spec", "-", "--steps", "1").out())
                .isEqualTo("step,constant\n0,2.0\n");
    }

    @Test
    void combinesFilesFlagsAndOverrides() throws IOException {
        write("a.yaml", "steps: 4\nschedules:\n  - {name: a, type: constant, lr: 1}\n");
        CliRun r = CliRun.run(dir, "csv", "--spec", "a.yaml", "-s", "type=step,lr=1,step_size=2,gamma=0.5",
                "--set", "a.lr=3", "--set", "gamma=0.25");
        assertThat(r.out()).isEqualTo("step,a,step\n0,3.0,1.0\n1,3.0,1.0\n2,3.0,0.25\n3,3.0,0.25\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--steps 3                  | 0 1 2",
            "--from 2 --to 8 --every 3  | 2 5 8",
            "--steps 6 --from 4         | 4 5",
            "--at 9,1e12,0              | 9 1000000000000 0",
            "--to 1_000                 | ",
    })
    void selectsSteps(String options, String expectedSteps) {
        String[] args = ("csv -s type=constant,lr=1 " + options).split(" ");
        CliRun r = CliRun.run(dir, args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] rows = r.out().split("\n");
        if (expectedSteps == null) {
            assertThat(rows).hasSize(1002);
            return;
        }
        String[] steps = expectedSteps.split(" ");
        assertThat(rows).hasSize(steps.length + 1);
        for (int i = 0; i < steps.length; i++) {
            assertThat(rows[i + 1]).isEqualTo(steps[i] + ",1.0");
        }
    }

    @Test
    void aStepAsLargeAs10To12IsInstantAndExact() {
        CliRun r = CliRun.run(dir, "csv", "-s", "type=cosine_restarts,lr=1,period=1000", "--at", "1000000000500");
        assertThat(r.out()).isEqualTo("step,cosine_restarts\n1000000000500,0.5\n");
    }

    @Test
    void writesOutputFileAtomicallyAndKeepsOldFileOnFailure() throws IOException {
        Path out = write("curves.csv", "old contents\n");
        CliRun ok = CliRun.run(dir, "csv", "-s", "type=constant,lr=1", "--steps", "2", "-o", out.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(Files.readString(out)).isEqualTo("step,constant\n0,1.0\n1,1.0\n");
        CliRun bad = CliRun.run(dir, "csv", "-s", "type=expr,formula=1e308*(step+1)", "--steps", "3", "-o",
                out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("lrsched: schedule 'expr' gives inf at step 1; check its parameters (a "
                + "division by zero or a value outside the formula's domain)\n");
        assertThat(Files.readString(out)).isEqualTo("step,constant\n0,1.0\n1,1.0\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("curves.csv");
        }
    }

    @Test
    void missingOutputDirectoryIsAnIoFailure() {
        CliRun r = CliRun.run(dir, "csv", "-s", "type=constant,lr=1", "--steps", "2", "-o",
                dir.resolve("nope/x.csv").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("lrsched: ").contains("does not exist; create it first").hasLineCount(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "csv -s type=cosin,lr=1,total=5 --steps 2  | lrsched: --schedule[1]:1:6: schedule 'cosin': unknown type 'cosin'; did you mean 'cosine'? (list types with: lrsched types)",
            "csv -s type=cosine,lr=1,totl=5 --steps 2  | lrsched: --schedule[1]:1:18: schedule 'cosine': unknown parameter 'totl'; did you mean 'total'? (see: lrsched types cosine)",
            "csv -s type=constant,lr=1                 | lrsched: no step range: add 'steps: N' to the spec, or pass --steps N (or --to, or --at)",
            "csv -s type=constant,lr=1 --steps x       | lrsched: --steps: 'x' is not a whole number of steps (64-bit; 1e6 and 1_000_000 are accepted)",
            "csv -s type=constant,lr=1 --steps 3 --at 1 | lrsched: --at lists exact steps; it cannot be combined with --steps, --from, --to or --every",
            "csv -s type=constant,lr=1 --from 5 --to 2 | lrsched: --to (2) is before --from (5); the range is empty",
            "csv --stepz 3                             | lrsched: Unknown options: '--stepz', '3'; did you mean '--steps'? (see: lrsched csv --help)",
            "csv -s type=constant,lr=1 --set lrr=2 --steps 1 | lrsched: --set[1]: no schedule has a parameter 'lrr'; did you mean 'lr'?",
            "csv --steps 3                             | lrsched: no schedules given; use --spec FILE or -s 'type=cosine,lr=1e-3,total=1000'",
            "csv --spec missing.yaml                   | lrsched: missing.yaml: no such file; check the path (working directory: DIR)",
            "cvs                                       | lrsched: no command 'cvs'; did you mean 'csv'?",
            "plt --spec x.yaml -o x.png                | lrsched: no command 'plt'; did you mean 'plot'?",
            "stat --spec x.yaml                        | lrsched: no command 'stat'; did you mean 'stats'?",
            "xyzzy                                     | lrsched: no command 'xyzzy'; the commands are csv, plot, check, stats, lint, verify, explain, import, types, schema, completion, help (see: lrsched --help)",
    })
    void mistakesExitWithCode2AndOneLine(String args, String message) {
        CliRun r = CliRun.run(dir, args.strip().split(" "));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(message.replace("DIR", dir.toString())
                + "\n");
    }

    @Test
    void specErrorsNameFileLineAndColumn() throws IOException {
        write("bad.yaml", "steps: 10\nschedules:\n  - name: a\n    type: cosine\n    lr: 1e-3\n    total: abc\n");
        CliRun r = CliRun.run(dir, "csv", "--spec", dir.resolve("bad.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: " + dir.resolve("bad.yaml")
                + ":6:12: schedule 'a' (cosine): total takes a whole number, not the text 'abc'\n");
    }

    @Test
    void debugShowsTheStackTrace() {
        CliRun r = CliRun.run(dir, "--debug", "csv", "-s", "type=nope");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("lrsched: ").contains("\tat lrsched.");
    }
}
