package lrsched.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;

import lrsched.core.DoubleFormat;
import lrsched.input.document.TreeReader;
import lrsched.output.chart.ChartRenderer;

/** The {@code lrsched} executable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (!"0".equals(System.getenv("LRSCHED_WARM_UP"))) {
            Thread warmUp = new Thread(new WarmUp(drawsImage(args)), "lrsched-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        // any thread: running out of memory is one line and exit 1, never a stack trace
        Thread.setDefaultUncaughtExceptionHandler(new OutOfMemory());
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        Console console = Console.of(System.in, stdout, System.err, System.getenv(), Path.of("").toAbsolutePath());
        int code;
        try {
            code = Cli.run(console, args);
        } catch (OutOfMemoryError e) {
            OutOfMemory.exit(e);
            return;
        }
        console.err().flush();
        System.exit(code);
    }

    /** Whether {@code args} ask for a chart image: {@code plot} as the command, without {@code --term}. */
    static boolean drawsImage(String[] args) {
        String command = null;
        for (String a : args) {
            if (a.equals("--term")) {
                return false;
            }
            if (command == null && !a.startsWith("-")) {
                command = a;
            }
        }
        return "plot".equals(command);
    }

    /**
     * An {@link OutOfMemoryError}: {@code lrsched: out of memory ...} on stderr and exit 1 (shutdown hooks run, so an
     * {@code -o} file keeps its old contents); any other uncaught error in a thread of ours is reported as the JDK
     * does.
     */
    static final class OutOfMemory implements Thread.UncaughtExceptionHandler {
        static final String MESSAGE = "lrsched: out of memory (%s); ask for less (fewer steps, a smaller image)"
                + " or give Java more: LRSCHED_JAVA_OPTS=-Xmx4g ./lrsched ...";

        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            if (e instanceof OutOfMemoryError oom) {
                exit(oom);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace();
            }
        }

        static void exit(OutOfMemoryError e) {
            System.err.println(String.format(MESSAGE, e.getMessage() == null ? "Java heap space" : e.getMessage()));
            System.err.flush();
            System.exit(Cli.FAILURE);
        }
    }

    /**
     * Start-up work done on the second core while the main thread builds the command line. The first regular
     * expression a JVM compiles initialises its method-handle machinery (the regex engine is built on lambdas), about
     * 5 ms in the interpreter, and picocli compiles one in its first command model; the YAML reader's first use costs
     * as much again. Started first, this thread takes both off the main thread's path: 2.5 ms of a 92 ms run
     * (medians of 150 alternating runs, src/bench/compare.sh's machine). For a chart it also loads AWT, the fonts
     * and the PNG encoder ({@link ChartRenderer#warmUp}). It computes nothing the run uses, so a run gives the same
     * output with it or without it (LRSCHED_WARM_UP=0 turns it off).
     */
    static final class WarmUp implements Runnable {
        private final boolean chart;

        /** @param chart whether the command draws an image: then the chart machinery is warmed up too */
        WarmUp(boolean chart) {
            this.chart = chart;
        }

        @Override
        public void run() {
            try {
                Pattern.compile("^--(\\w(-|\\w)*)$").matcher("--warm-up").matches();
                TreeReader.read("warm-up", "steps: 10\nschedules: [{type: cosine, lr: 1.0e-3}]\n", false);
                DoubleFormat.format(0.1234); // its table of powers of ten, and its first 8-byte store linked
                if (chart) {
                    ChartRenderer.warmUp();
                }
            } catch (Throwable e) {
                // nothing depends on it: the main thread meets any real problem itself and reports it
            }
        }
    }
}
