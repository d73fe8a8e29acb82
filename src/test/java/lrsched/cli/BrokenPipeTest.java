package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** `lrsched csv ... | head -1`: when the reader goes away, lrsched stops quietly instead of reporting an error. */
class BrokenPipeTest {

    @Test
    void aClosedPipeEndsTheRunQuietly() {
        OutputStream closedAfterFirstBlock = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 100_000) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(closedAfterFirstBlock, StandardCharsets.UTF_8));
        Console console = new Console(new ByteArrayInputStream(new byte[0]), closedAfterFirstBlock, out, err,
                Map.of(), Path.of("."));
        int code = Cli.run(console, "csv", "-s", "type=cosine,lr=1,total=1000000000", "--steps", "1000000000");
        assertThat(code).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
