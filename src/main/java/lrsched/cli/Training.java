package lrsched.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The training run of the {@code ./lrsched} launcher's start-up archive: runs each argument as one command line (words
 * split on spaces) in this one JVM, with the output thrown away, so that one JVM loads (JDK 17: lists; JDK 24 and
 * later: records into an AOT cache) the classes of all of them. Not a user command; the launcher passes the commands.
 */
public final class Training {
    private Training() {}

    /** Main's own classes, which the commands run here do not load; named here so that the archive holds them. */
    static final Class<?>[] MAIN = {Main.class, Main.WarmUp.class, Main.OutOfMemory.class};

    public static void main(String[] commandLines) {
        new Main.WarmUp(true).run();
        Path here = Path.of("").toAbsolutePath();
        for (String line : commandLines) {
            Console console = Console.of(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                    OutputStream.nullOutputStream(), System.getenv(), here);
            // a command this build lacks still contributes the classes it loaded before failing
            Cli.run(console, line.split(" "));
        }
    }
}
