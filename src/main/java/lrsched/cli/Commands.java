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
     * Adds the standard {@code -h/--help} option after the command's own, unless it has a {@code --help} of its own
     * (picocli's help command), and {@code -V/--version} to the top-level command only ({@code lrsched -V}: the
     * version is the program's, not a subcommand's). Ends the help with the command's examples.
     */
    static CommandSpec withHelpOptions(CommandSpec spec, String name) {
        boolean top = name.equals("lrsched");
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
            if (top) {
                spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                        .description("Print version information and exit.").build());
            }
        }
        java.util.List<String> examples = examples(name);
        if (!examples.isEmpty()) {
            // a loop, not a stream: this runs on every command line, and a stream's first use (its classes, the
            // lambda's call site) cost about 4 ms of a 100-step run in the interpreter
            String[] footer = new String[examples.size()];
            for (int i = 0; i < footer.length; i++) {
                footer[i] = "  " + examples.get(i).replace("%", "%%");
            }
            spec.usageMessage().footerHeading("%nExamples:%n").footer(footer);
        }
        return spec;
    }

    /**
     * Two or three typical command lines of {@code command} (as the README shows them), for the end of its help.
     * Each fits an 80-column terminal, so that no line of them is wrapped.
     */
    static java.util.List<String> examples(String command) {
        return switch (command) {
            case "lrsched" -> java.util.List.of("lrsched csv --spec examples/noam.yaml --steps 5",
                    "lrsched plot --spec examples/noam.yaml --term",
                    "lrsched explain --spec examples/configs/hf-sft.yaml --run dataset_size=52000");
            case "csv" -> java.util.List.of("lrsched csv --spec examples/decay-shapes.yaml -o curves.csv",
                    "lrsched csv --spec examples/noam.yaml --at 0,4000,1e12",
                    "lrsched csv -s 'type=cosine,lr=3e-4,warmup=500,total=10000' --steps 10000");
            case "plot" -> java.util.List.of("lrsched plot --spec examples/decay-shapes.yaml",
                    "lrsched plot --spec examples/warmup-lengths.yaml --layout grid -o grid.svg",
                    "lrsched plot --spec examples/noam.yaml --term");
            case "check" -> java.util.List.of(
                    "lrsched check --spec examples/noam.yaml --against noam-curves.csv --update",
                    "lrsched check --spec examples/noam.yaml --against noam-curves.csv");
            case "stats" -> java.util.List.of("lrsched stats --spec examples/decay-shapes.yaml",
                    "lrsched stats --spec examples/decay-shapes.yaml --format json");
            case "lint" -> java.util.List.of("lrsched lint --spec examples/decay-shapes.yaml",
                    "lrsched lint --spec examples/compat/hf.yaml --ignore rises-after-end --strict");
            case "verify" -> java.util.List.of("lrsched verify --spec examples/verify/plan.yaml \\",
                    "    --log examples/verify/run-ok.csv",
                    "lrsched verify --spec examples/verify/plan.yaml \\",
                    "    --log examples/verify/run-epoch7.csv");
            case "explain" -> java.util.List.of("lrsched explain --spec examples/finetune.yaml",
                    "lrsched explain --spec examples/configs/hf-sft.yaml --run dataset_size=52000");
            case "import" -> java.util.List.of("lrsched import --spec examples/finetune.yaml --set cosine.lr=3e-5",
                    "lrsched import --spec examples/configs/kohya_lora.toml > kohya.yaml");
            case "types" -> java.util.List.of("lrsched types", "lrsched types cosine", "lrsched types native");
            case "schema" -> java.util.List.of("lrsched schema > lrsched.schema.json");
            case "completion" -> java.util.List.of("source <(lrsched completion bash)",
                    "source <(lrsched completion zsh)");
            case "help" -> java.util.List.of("lrsched help csv", "lrsched help");
            default -> java.util.List.of();
        };
    }
}
