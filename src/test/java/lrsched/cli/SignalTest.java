package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C, kill and a closed terminal during {@code csv -o big.csv} or {@code plot -o big.png}: a real child JVM (this test's java and class
 * path, main class {@link Main}) is signalled once its temporary file exists; it exits with the JVM's 128 + signal
 * number, the old file is kept as it was and no temporary file is left. POSIX only (it sends signals with kill).
 */
class SignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -o {1}: SIG{2} exits {4}")
    @CsvSource({
            "csv, big.csv, INT, 2, 130", "csv, big.csv, TERM, 15, 143", "csv, big.csv, HUP, 1, 129",
            "plot, big.png, INT, 2, 130", "plot, big.png, TERM, 15, 143", "plot, big.png, HUP, 1, 129"})
    void aSignalKeepsTheOldFileAndLeavesNoTemporaryFile(String command, String output, String signal, int number,
                                                        int exitCode) throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        assumeThat(Path.of("/bin/kill")).exists();
        Files.writeString(dir.resolve(output), "old contents\n");
        String steps = command.equals("csv") ? "1e12" : "1e8"; // plot's limit; its chart is drawn into the file
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "lrsched.cli.Main", command, "-s", "type=cosine,lr=1,total=1e12", "--steps", steps, "-o", output)
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile()).start();
        try {
            while (temporaryFile().isEmpty()) {
                assertThat(child.isAlive() || temporaryFile().isPresent()).as("the child ended before writing: %s",
                        Files.readString(dir.resolve("child.out"))).isTrue();
                Thread.sleep(5);
            }
            // a child started where the signal is ignored (a background job of a non-interactive shell ignores
            // SIGINT, and the JVM keeps it ignored) cannot show the handling; no terminal's Ctrl-C is like that
            assumeThat(ignored(child.pid(), number)).as("SIG%s is ignored in this environment", signal).isFalse();
            Process kill = new ProcessBuilder("/bin/kill", "-" + signal, Long.toString(child.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(child.waitFor()).isEqualTo(exitCode);
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(Files.readString(dir.resolve(output))).isEqualTo("old contents\n");
        assertThat(temporaryFile()).isEmpty();
        assertThat(Files.readString(dir.resolve("child.out"))).doesNotContain("Exception");
    }

    private Optional<Path> temporaryFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst();
        }
    }

    /** Whether {@code pid} ignores signal {@code number}, from Linux's /proc (false where there is none). */
    private static boolean ignored(long pid, int number) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return false;
        }
        List<String> lines = Files.readAllLines(status);
        return lines.stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring(7).strip(), 16) >> (number - 1) & 1) == 1)
                .orElse(false);
    }
}
