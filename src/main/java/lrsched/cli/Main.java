package lrsched.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;

import lrsched.input.document.TreeReader;

/** The {@code lrsched} executable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (!"0".equals(System.getenv("LRSCHED_WARM_UP"))) {
            Thread warmUp = new Thread(new WarmUp(), "lrsched-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        Console console = Console.of(System.in, stdout, System.err, System.getenv(), Path.of("").toAbsolutePath());
        int code = Cli.run(console, args);
        console.err().flush();
        System.exit(code);
    }

    /**
     * Start-up work done on the second core while the main thread builds the command line. The first regular
     * expression a JVM compiles initialises its method-handle machinery (the regex engine is built on lambdas), about
     * 5 ms in the interpreter, and picocli compiles one in its first command model; the YAML reader's first use costs
     * as much again. Started first, this thread takes both off the main thread's path: 2.5 ms of a 92 ms run
     * (medians of 150 alternating runs, src/bench/compare.sh's machine). It computes nothing the run uses, so a run
     * gives the same output with it or without it (LRSCHED_WARM_UP=0 turns it off).
     */
    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try {
                Pattern.compile("^--(\\w(-|\\w)*)$").matcher("--warm-up").matches();
                TreeReader.read("warm-up", "steps: 10\nschedules: [{type: cosine, lr: 1.0e-3}]\n", false);
            } catch (Throwable e) {
                // nothing depends on it: the main thread meets any real problem itself and reports it
            }
        }
    }
}
