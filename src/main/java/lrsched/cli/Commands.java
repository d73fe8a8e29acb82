package lrsched.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every lrsched command's declaration starts with (see {@link Opt} for why it is programmatic). */
final class Commands {
    private static final Version VERSION = new Version();

    private Commands() {}

    /**
     * A command run by {@code command} (a {@link Runnable} or {@link java.util.concurrent.Callable}), with
     * {@code description} as its help text, as wide as the terminal. Its name is given, and the help options added,
     * where it is attached ({@link Cli}).
     */
    static CommandSpec create(Object command, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).versionProvider(VERSION);
        spec.usageMessage().description(description).autoWidth(true);
        return spec;
    }

    /**
     * Adds the standard {@code -h/--help} and {@code -V/--version} options after the command's own, unless it has a
     * {@code --help} of its own (picocli's help command).
     */
    static CommandSpec withHelpOptions(CommandSpec spec) {
        if (spec.findOption("--help") != null) {
            return spec;
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }
}
