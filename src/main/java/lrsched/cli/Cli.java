package lrsched.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import lrsched.core.InputException;
import lrsched.core.Printable;
import lrsched.core.StepOutOfRangeException;
import lrsched.output.NonFiniteValueException;
import picocli.CommandLine;

/**
 * Builds the command line that both {@link Main} and the tests use, and maps failures to exit codes: 2 for
 * mistakes in what the user wrote, 1 for runtime and I/O failures. Errors are one line on stderr starting with
 * {@code lrsched: }; the stack trace appears only with {@code --debug}.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private Cli() {}

    /** The command line with every subcommand (help, completion and tests of the whole tree use this). */
    public static CommandLine create(Console console) {
        return create(console, new String[0]);
    }

    /**
     * The command line for {@code args}: with only the subcommand they name when they name one that needs no
     * other (the common case, and the fast one), with all of them otherwise (help, completion, typos).
     */
    static CommandLine create(Console console, String[] args) {
        // picocli's documented switch for built-in converters: no option of lrsched takes a java.sql or java.time
        // type, and looking those up by reflection (Class.forName, getDeclaredMethod, their class initialisers) for
        // every CommandLine took about a tenth of a 100-step run, in the interpreter
        System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
        // and no Groovy closures (picocli looks for groovy.lang.Closure on the class path once: a failed class
        // lookup and its exception, about 2 ms)
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cli = new CommandLine(HelpText.wrapping(Commands.withHelpOptions(new LrSchedCommand().spec,
                "lrsched"), console.env()));
        String named = firstWord(args);
        boolean one = LrSchedCommand.SUBCOMMANDS.contains(named) && !NEEDS_ALL.contains(named);
        for (String name : LrSchedCommand.SUBCOMMANDS) {
            if (!one || name.equals(named)) {
                cli.addSubcommand(name, new CommandLine(HelpText.wrapping(Commands.withHelpOptions(
                        LrSchedCommand.subcommand(name, console), name), console.env())));
            }
        }
        Failures failures = new Failures(console);
        // '@file' is an argument like any other (a title may start with @): picocli would silently read the file
        cli.setExpandAtFiles(false);
        cli.setOut(console.out());
        cli.setErr(console.err());
        cli.setExitCodeExceptionMapper(failures);
        cli.setExecutionExceptionHandler(failures);
        cli.setParameterExceptionHandler(failures);
        return cli;
    }

    /**
     * What picocli does on failure: one line on stderr and the exit code. (A class, not lambdas: picocli's interfaces
     * are Java 5 class files, which the class-data archive cannot hold once a lambda has linked them.)
     */
    private record Failures(Console console) implements CommandLine.IExitCodeExceptionMapper,
            CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
        @Override
        public int getExitCode(Throwable e) {
            return exitCode(e);
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            report(console, e, cmd);
            return exitCode(e);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] given) {
            java.util.Optional<String> command = unknownCommand(e);
            if (command.isPresent()) {
                error(console, command.get());
            } else {
                String message = firstLine(e.getMessage());
                String hint = suggestions(e);
                error(console, message + hint + " (see: " + e.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help)");
            }
            if (debug(e.getCommandLine())) {
                e.printStackTrace(console.err());
            }
            console.err().flush();
            return USAGE;
        }
    }

    /** Runs the command line and returns the exit code. */
    public static int run(Console console, String... args) {
        int code = create(console, args).execute(args);
        return outputChecked(console, code);
    }

    /**
     * Exit 1 with the system's reason when text for standard output could not be written (a full disk), whatever
     * the command printed; a reader that went away ({@code | head}) is no failure. A command that already failed
     * keeps its code and message.
     */
    private static int outputChecked(Console console, int code) {
        if (!console.out().checkError()) { // flushes first
            return code;
        }
        java.util.Optional<IOException> cause = console.out() instanceof StdoutWriter w ? w.failure()
                : java.util.Optional.empty();
        if (cause.isPresent() && BrokenPipe.is(cause.get())) {
            return code;
        }
        if (code == OK) {
            String reason = cause.map(IOException::getMessage).filter(m -> !m.isBlank())
                    .orElse("the write failed");
            error(console, "cannot write to standard output: " + reason);
            console.err().flush();
            return FAILURE;
        }
        return code;
    }

    /** Subcommands that read the whole command tree. */
    private static final java.util.Set<String> NEEDS_ALL = java.util.Set.of("help", "completion");

    private static String firstWord(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return "";
    }

    static int exitCode(Throwable e) {
        if (e instanceof InputException || e instanceof StepOutOfRangeException
                || e instanceof NonFiniteValueException || e instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return FAILURE;
    }

    private static void report(Console console, Exception e, CommandLine cmd) {
        String message;
        if (e instanceof InputException || e instanceof NonFiniteValueException) {
            message = e.getMessage();
        } else if (e instanceof StepOutOfRangeException s) {
            message = s.getMessage() + " (step " + s.step() + ")";
        } else if (e instanceof UncheckedIOException || e instanceof IOException) {
            Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
            message = io.getMessage();
        } else {
            message = "internal error: " + e + " (please report it; rerun with --debug for details)";
        }
        error(console, message);
        if (debug(cmd)) {
            e.printStackTrace(console.err());
        }
        console.err().flush();
    }

    /**
     * One error line on stderr: {@code lrsched: } and the message, with control characters (from a log cell, a
     * file name or an argument) escaped as {@code \u001b}, so that they never reach the terminal raw.
     */
    static void error(Console console, String message) {
        console.err().println("lrsched: " + Printable.escape(message));
    }

    private static boolean debug(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Object top = root.getCommand();
        return top instanceof LrSchedCommand l && l.debug.get();
    }

    /**
     * "no command 'plt'; did you mean 'plot'?" when the first word is no subcommand: picocli would call it an
     * unmatched argument at index 0 and suggest any name that shares a few letters.
     */
    private static java.util.Optional<String> unknownCommand(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getCommandLine().getParent() != null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<String> word = u.getUnmatched().stream().filter(a -> !a.startsWith("-")).findFirst();
        if (word.isEmpty() || !u.getUnmatched().get(0).equals(word.get())) {
            return java.util.Optional.empty();
        }
        java.util.List<String> commands = LrSchedCommand.SUBCOMMANDS;
        String hint = lrsched.core.Suggest.closest(word.get(), commands)
                .map(c -> "; did you mean '" + c + "'?")
                .orElse("; the commands are " + String.join(", ", commands) + " (see: lrsched --help)");
        return java.util.Optional.of("no command '" + word.get() + "'" + hint);
    }

    private static String suggestions(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            java.util.List<String> s = u.getSuggestions();
            if (!s.isEmpty()) {
                return "; did you mean " + String.join(" or ", s.stream().limit(3).map(x -> "'" + x + "'")
                        .toList()) + "?";
            }
            // picocli suggests options; suggest subcommands too ("cvs" -> "csv")
            java.util.List<String> unmatched = u.getUnmatched();
            if (!unmatched.isEmpty()) {
                return lrsched.core.Suggest.didYouMean(unmatched.get(0),
                        u.getCommandLine().getSubcommands().keySet());
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        return s == null ? "invalid arguments" : s.strip().lines().findFirst().orElse(s);
    }
}
