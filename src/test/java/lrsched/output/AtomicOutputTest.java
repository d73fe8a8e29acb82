package lrsched.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lrsched.core.InputException;

/** Where AtomicOutput writes for each kind of target, and what a failure leaves behind. */
class AtomicOutputTest {
    @TempDir
    Path dir;

    private static AtomicOutput.Writer text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSymlinkIsWrittenThroughAndStaysALink() throws IOException {
        Files.writeString(dir.resolve("real.csv"), "old");
        Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real.csv"));
        AtomicOutput.write(dir.resolve("link.csv"), text("new"));
        assertThat(Files.isSymbolicLink(dir.resolve("link.csv"))).isTrue();
        assertThat(Files.readString(dir.resolve("real.csv"))).isEqualTo("new");
        assertThat(names()).containsExactly("link.csv", "real.csv");
    }

    @Test
    void aDanglingSymlinkCreatesItsTarget() throws IOException {
        Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("made.csv"));
        AtomicOutput.write(dir.resolve("link.csv"), text("x"));
        assertThat(Files.readString(dir.resolve("made.csv"))).isEqualTo("x");
        assertThat(Files.isSymbolicLink(dir.resolve("link.csv"))).isTrue();
    }

    @Test
    void aDeviceIsWrittenStraightIntoAndNeverReplaced() {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull));
        AtomicOutput.write(devNull, text("discarded"));
        assertThat(Files.isRegularFile(devNull)).isFalse();
    }

    @Test
    void aFifoIsWrittenStraightIntoSoItsReaderGetsTheData() throws Exception {
        Path fifo = dir.resolve("pipe");
        try {
            assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        } catch (IOException noMkfifo) {
            assumeTrue(false, "no mkfifo");
        }
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        AtomicOutput.write(fifo, text("through the pipe"));
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("through the pipe");
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void aNameNearTheLimitStillGetsATemporaryFile() throws IOException {
        String name = "a".repeat(251) + ".csv"; // 255 bytes, the most ext4 takes
        AtomicOutput.write(dir.resolve(name), text("long"));
        assertThat(names()).containsExactly(name);
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Files.writeString(dir.resolve("out.csv"), "old");
        assertThatThrownBy(() -> AtomicOutput.write(dir.resolve("out.csv"), out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("out.csv: No space left on device");
        assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo("old");
        assertThat(names()).containsExactly("out.csv");
    }

    @Test
    void aDirectoryOrNoNameIsTheUsersMistake() {
        assertThatThrownBy(() -> AtomicOutput.write(dir, text("x"))).isInstanceOf(InputException.class)
                .hasMessageEndingWith(": is a directory; name a file to write");
        assertThatThrownBy(() -> AtomicOutput.write(Path.of(""), text("x"))).isInstanceOf(InputException.class)
                .hasMessage("-o needs a file name");
    }

    @Test
    void anUnwritableFolderIsNamedWithTheReason() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeTrue(locked.toFile().setWritable(false) && !Files.isWritable(locked), "root writes anywhere");
        try {
            assertThatThrownBy(() -> AtomicOutput.write(locked.resolve("x.csv"), text("x")))
                    .hasMessageContaining("x.csv: cannot create a file in").hasMessageContaining("permission denied");
        } finally {
            locked.toFile().setWritable(true);
        }
    }
}
