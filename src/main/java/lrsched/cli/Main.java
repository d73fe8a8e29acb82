package lrsched.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import lrsched.spec.SpecReader;

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
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Console console = new Console(System.in, stdout, out, err, System.getenv(), Path.of("").toAbsolutePath());
        int code = Cli.run(console, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Start-up work done on the second core while the main thread builds the command line: the one-time
     * initialisation of the YAML reader and of picocli's value converters, which the main thread would otherwise do
     * one after the other in the interpreter. It computes nothing the run uses, so a run is the same with it or
     * without it (LRSCHED_WARM_UP=0); it only moves class initialisation off the critical path.
     */
    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            SpecReader.read("warm-up", "steps: 10\nschedules: [{type: cosine, lr: 1.0e-3}]\n", false);
            if (System.getenv("WARM_ALL") != null) {
                lrsched.registry.Registry.standard().types();
            }
        }
    }
}
