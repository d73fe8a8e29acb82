package lrsched.cli;

import java.util.concurrent.Callable;

import lrsched.core.Suggest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * {@code lrsched help [COMMAND]}: the usage help of lrsched or of one of its commands. (picocli's own help command is
 * declared with annotations, which cost every command line that builds the whole tree some 20 ms; see {@link Opt}.)
 */
final class HelpCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this,
            "When no COMMAND is given, the usage help for the main command is displayed.",
            "If a COMMAND is specified, the help for that command is shown.%n").helpCommand(true);
    private final Console console;
    private final Opt<String> command = Opt.positional(spec, String.class, PositionalParamSpec.builder().arity("0..1")
            .paramLabel("COMMAND").completionCandidates(LrSchedCommand.SUBCOMMANDS)
            .description("The COMMAND to display the usage help message for."));

    HelpCommand(Console console) {
        this.console = console;
        spec.usageMessage().header("Display help information about the specified command.").synopsisHeading("%nUsage: ")
                .descriptionHeading("%n");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show usage help for the help command and exit.").build());
    }

    @Override
    public Integer call() {
        CommandLine lrsched = spec.commandLine().getParent();
        String name = command.get();
        CommandLine target = name == null ? lrsched : lrsched.getSubcommands().get(name);
        if (target == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown command '" + name + "'"
                    + Suggest.didYouMean(name, LrSchedCommand.SUBCOMMANDS));
        }
        target.usage(console.out());
        console.out().flush();
        return Cli.OK;
    }
}
