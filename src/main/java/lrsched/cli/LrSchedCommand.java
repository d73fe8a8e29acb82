package lrsched.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code lrsched} command; the work is done by its subcommands. They are listed once, on
 * {@link Documented}, the full command tree that documentation tools (the man page generator) read; {@link Cli}
 * attaches at run time only the subcommand a command line names, since building every subcommand's model costs
 * more start-up time than running a small command.
 */
@Command(name = "lrsched", mixinStandardHelpOptions = true, version = "lrsched " + LrSchedCommand.VERSION,
        description = LrSchedCommand.DESCRIPTION, synopsisSubcommandLabel = "COMMAND", usageHelpAutoWidth = true)
public class LrSchedCommand implements Runnable {
    public static final String VERSION = "0.1.0";
    static final String DESCRIPTION = "Learning-rate schedules as the libraries compute them: evaluate, tabulate and "
            + "plot.";

    /** The whole command tree, for documentation generators and for {@link Cli}'s list of subcommands. */
    @Command(name = "lrsched", mixinStandardHelpOptions = true, version = "lrsched " + LrSchedCommand.VERSION,
            description = LrSchedCommand.DESCRIPTION, synopsisSubcommandLabel = "COMMAND", usageHelpAutoWidth = true,
            subcommands = {CsvCommand.class, PlotCommand.class, CheckCommand.class, StatsCommand.class,
                    LintCommand.class, TypesCommand.class, SchemaCommand.class, CompletionCommand.class,
                    CommandLine.HelpCommand.class})
    public static final class Documented extends LrSchedCommand {
        Documented() {
            super(null);
        }
    }

    final Console console;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    LrSchedCommand(Console console) {
        this.console = console;
    }

    /** For tools that read the command definitions without running them (the man page generator). */
    LrSchedCommand() {
        this(null);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'lrsched csv --spec "
                + "examples/noam.yaml' or 'lrsched types'");
    }
}
