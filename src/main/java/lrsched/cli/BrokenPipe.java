package lrsched.cli;

import java.io.IOException;

/** Recognises the error a write gets when the reading end of a pipe has closed. */
final class BrokenPipe {
    private BrokenPipe() {}

    static boolean is(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("Stream closed"));
    }
}
