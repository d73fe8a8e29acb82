package lrsched.cli;

import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The top-level {@code lrsched} command; the work is done by its subcommands, listed once in {@link #SUBCOMMANDS}.
 * {@link Cli} attaches at run time only the subcommand a command line names, since building every subcommand's model
 * costs more start-up time than running a small command.
 */
final class LrSchedCommand implements Runnable {
    /** Every subcommand's name, in the order help lists them; {@link #subcommand} builds each. */
    static final List<String> SUBCOMMANDS = List.of("csv", "plot", "check", "stats", "lint", "verify", "explain", "import",
            "types", "schema", "completion", "help");

    final CommandSpec spec = Commands.create(this, "Learning-rate schedules as the libraries compute them: evaluate, "
            + "tabulate and plot.").name("lrsched");

    final Opt<Boolean> debug = Opt.flag(spec, OptionSpec.builder("--debug").scopeType(ScopeType.INHERIT)
            .description("Show stack traces of errors."));

    LrSchedCommand() {
        spec.usageMessage().synopsisSubcommandLabel("COMMAND");
    }

    /** The subcommand {@code name} (one of {@link #SUBCOMMANDS}), built for {@code console}. */
    static CommandSpec subcommand(String name, Console console) {
        return switch (name) {
            case "csv" -> new CsvCommand(console).spec;
            case "plot" -> new PlotCommand(console).spec;
            case "check" -> new CheckCommand(console).spec;
            case "stats" -> new StatsCommand(console).spec;
            case "lint" -> new LintCommand(console).spec;
            case "explain" -> new ExplainCommand(console).spec;
            case "verify" -> new VerifyCommand(console).spec;
            case "import" -> new ImportCommand(console).spec;
            case "types" -> new TypesCommand(console).spec;
            case "schema" -> new SchemaCommand(console).spec;
            case "completion" -> new CompletionCommand(console).spec;
            case "help" -> new HelpCommand(console).spec;
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'lrsched csv --spec "
                + "examples/noam.yaml' or 'lrsched types'");
    }
}
