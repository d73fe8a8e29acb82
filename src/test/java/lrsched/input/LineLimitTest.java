package lrsched.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import lrsched.core.InputException;

class LineLimitTest {

    @Test
    void linesUpToTheLimitReadAsUsual() throws IOException {
        BufferedReader r = new BufferedReader(new LineLimit(new StringReader("abcd\nefgh\r\nij"), "f", 4));
        assertThat(r.readLine()).isEqualTo("abcd");
        assertThat(r.readLine()).isEqualTo("efgh"); // a CRLF ending is not part of the line
    }

    @Test
    void aLongerLineIsOneErrorNamingItsLine() {
        BufferedReader r = new BufferedReader(new LineLimit(new StringReader("ok\nok\ntoo long\n"), "log.csv", 5));
        assertThatThrownBy(() -> {
            while (r.readLine() != null) {
                // read on
            }
        }).isInstanceOf(InputException.class)
                .hasMessage("log.csv:3:1: a line longer than 5 characters; is this the right file?");
    }

    @Test
    void anEndlessDeviceEndsQuickly() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        assertThatThrownBy(() -> LineLimit.open(zero, "/dev/zero").readLine()).isInstanceOf(InputException.class)
                .hasMessage("/dev/zero:1:1: a line longer than 1,048,576 characters; is this the right file?");
    }
}
