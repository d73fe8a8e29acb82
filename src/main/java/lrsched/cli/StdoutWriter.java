package lrsched.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Standard output as text that remembers why a write failed. A {@link PrintWriter} swallows every
 * {@link IOException} and keeps only a flag; this one also keeps the first exception, so that a full disk is
 * reported with the system's reason ("No space left on device") when the command has finished.
 */
final class StdoutWriter extends PrintWriter {
    private final Recording recording;

    private StdoutWriter(Recording recording) {
        super(new OutputStreamWriter(recording, StandardCharsets.UTF_8), true);
        this.recording = recording;
    }

    /** A UTF-8, line-flushing writer on {@code stdout}. */
    static StdoutWriter on(OutputStream stdout) {
        return new StdoutWriter(new Recording(stdout));
    }

    /** The first failure of a write or flush so far, if any. */
    Optional<IOException> failure() {
        return Optional.ofNullable(recording.first);
    }

    private static final class Recording extends FilterOutputStream {
        private IOException first;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        private IOException record(IOException e) {
            if (first == null) {
                first = e;
            }
            return e;
        }
    }
}
