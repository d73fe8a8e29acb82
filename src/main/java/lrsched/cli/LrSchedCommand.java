package lrsched.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code lrsched} command; the work is done by its subcommands, listed once in {@link #SUBCOMMANDS}.
 * {@link Cli} attaches at run time only the subcommand a command line names, since building every subcommand's model
 * costs more start-up time than running a small command.
 */
final class LrSchedCommand implements Runnable {
    static final String VERSION = "0.1.0";

    /**
     * Every subcommand, in the order help lists them, with how to build it. (Lambdas, not constructor references: a
     * reference loads its class when the map is built.)
     */
    static final Map<String, Function<Console, CommandSpec>> SUBCOMMANDS = subcommands(
            Map.entry("csv", console -> new CsvCommand(console).spec),
            Map.entry("plot", console -> new PlotCommand(console).spec),
            Map.entry("check", console -> new CheckCommand(console).spec),
            Map.entry("stats", console -> new StatsCommand(console).spec),
            Map.entry("lint", console -> new LintCommand(console).spec),
            Map.entry("types", console -> new TypesCommand(console).spec),
            Map.entry("schema", console -> new SchemaCommand(console).spec),
            Map.entry("completion", console -> new CompletionCommand(console).spec),
            // picocli's own, declared with annotations: only help and typos build the whole tree
            Map.entry("help", console -> CommandSpec.forAnnotatedObject(new CommandLine.HelpCommand())));

    final CommandSpec spec = Commands.create(this, "Learning-rate schedules as the libraries compute them: evaluate, "
            + "tabulate and plot.").name("lrsched");

    final Opt<Boolean> debug = Opt.flag(spec, OptionSpec.builder("--debug").scopeType(ScopeType.INHERIT)
            .description("Show stack traces of errors."));

    LrSchedCommand() {
        spec.usageMessage().synopsisSubcommandLabel("COMMAND");
    }

    @SafeVarargs
    private static Map<String, Function<Console, CommandSpec>> subcommands(
            Map.Entry<String, Function<Console, CommandSpec>>... entries) {
        Map<String, Function<Console, CommandSpec>> map = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Console, CommandSpec>> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'lrsched csv --spec "
                + "examples/noam.yaml' or 'lrsched types'");
    }
}
