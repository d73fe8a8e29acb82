package lrsched.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
        Console console = Console.of(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout,
                stderr, env, workingDir);
        int code = Cli.run(console, args);
        console.out().flush();
        console.err().flush();
        return new CliRun(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    static CliRun run(Path workingDir, String... args) {
        return withStdin(workingDir, "", args);
    }
}
