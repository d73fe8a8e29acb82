package lrsched.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world: its streams, environment and working directory. Tests pass their
 * own; {@link Main} passes the process's.
 *
 * @param stdout raw standard output, for bulk data such as CSV
 * @param out    text standard output (shares {@code stdout}; flush before switching)
 * @param err    standard error
 */
public record Console(InputStream stdin, OutputStream stdout, PrintWriter out, PrintWriter err,
                      Map<String, String> env, Path workingDir) {
    /**
     * The console of a process (or a test standing in for one): text output on {@code stdout} is a
     * {@link StdoutWriter}, so a failed write is reported with its reason when the command ends.
     */
    static Console of(InputStream stdin, OutputStream stdout, OutputStream stderr, Map<String, String> env,
                      Path workingDir) {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        return new Console(stdin, stdout, StdoutWriter.on(stdout), err, env, workingDir);
    }

    /** A console whose streams go nowhere, for building the command line without running it. */
    static Console nowhere() {
        return new Console(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), Map.of(), Path.of(""));
    }
}
