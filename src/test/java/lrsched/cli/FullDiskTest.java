package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every command that prints, on a standard output that fails as a full disk does: exit 1 with the system's reason
 * on one line, no stack trace. A reader that went away (broken pipe) stays a quiet exit 0. ARGS are split on
 * spaces; the working directory holds spec.yaml (a cosine schedule) and log.csv (its curve).
 */
class FullDiskTest {
    private static final Path EXAMPLES = Path.of("examples/verify");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "schema",
            "stats --spec spec.yaml",
            "types",
            "types cosine",
            "lint --spec spec.yaml",
            "verify --spec plan.yaml --log run-ok.csv",
            "explain --spec spec.yaml",
            "import --spec spec.yaml",
            "plot --spec spec.yaml -o chart.png",
            "plot --spec spec.yaml --term",
            "csv --spec spec.yaml",
            "--help",
            "csv --help",
            "--version",
    })
    void aFullDiskIsExitOneWithTheSystemsReason(String args) throws IOException {
        prepare();
        Result r = run(new Failing("No space left on device"), args.split(" "));
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).matches("lrsched: (cannot write to standard output: )?No space left on device\\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"schema", "types", "stats --spec spec.yaml", "--help", "--version"})
    void aBrokenPipeStaysAQuietSuccess(String args) throws IOException {
        prepare();
        Result r = run(new Failing("Broken pipe"), args.split(" "));
        assertThat(r.code).isZero();
        assertThat(r.err).isEmpty();
    }

    private void prepare() throws IOException {
        Files.writeString(dir.resolve("spec.yaml"), "steps: 20\nschedules: [{type: cosine, lr: 0.1, total: 20}]\n");
        Files.copy(EXAMPLES.resolve("plan.yaml"), dir.resolve("plan.yaml"));
        Files.copy(EXAMPLES.resolve("run-ok.csv"), dir.resolve("run-ok.csv"));
    }

    private Result run(OutputStream stdout, String... args) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Console console = Console.of(new ByteArrayInputStream(new byte[0]), stdout, stderr, Map.of(), dir);
        int code = Cli.run(console, args);
        console.err().flush();
        return new Result(code, stderr.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String err) {}

    /** An output stream on which every write and flush fails with {@code reason}. */
    private static final class Failing extends OutputStream {
        private final String reason;

        Failing(String reason) {
            this.reason = reason;
        }

        @Override
        public void write(int b) throws IOException {
            throw new IOException(reason);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException(reason);
        }

        @Override
        public void flush() throws IOException {
            throw new IOException(reason);
        }
    }
}
