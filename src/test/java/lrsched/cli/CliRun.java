package lrsched.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line (the same factory as {@link Main}) with captured streams. */
record CliRun(int exitCode, String out, String err) {

    static CliRun withStdin(Path workingDir, String stdin, String... args) {
        return withEnv(workingDir, stdin, Map.of(), args);
    }

    static CliRun withEnv(Path workingDir, String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        Console console = new Console(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout,
                out, err, env, workingDir);
        int code = Cli.run(console, args);
        out.flush();
        err.flush();
        return new CliRun(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    static CliRun run(Path workingDir, String... args) {
        return withStdin(workingDir, "", args);
    }
}
