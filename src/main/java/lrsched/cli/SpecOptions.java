package lrsched.cli;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Where the schedules come from: spec files, {@code -s} flags and {@code --set} overrides. */
final class SpecOptions {
    private final Opt<List<Path>> files;
    private final Opt<List<String>> schedules;
    private final Opt<List<String>> overrides;

    SpecOptions(CommandSpec command) {
        files = Opt.list(command, Path.class, OptionSpec.builder("--spec").paramLabel("FILE")
                .description("YAML or JSON spec file ('-' reads standard input); repeatable."));
        schedules = Opt.list(command, String.class, OptionSpec.builder("-s", "--schedule").paramLabel("KEY=VALUE,...")
                .description("A schedule from the command line, e.g. -s 'type=hf.cosine,lr=3e-4,num_warmup_steps=500,"
                        + "num_training_steps=10000'; repeatable."));
        overrides = Opt.list(command, String.class, OptionSpec.builder("--set").paramLabel("[NAME.]KEY=VALUE")
                .description("Override a parameter in every schedule that has it, or in schedule NAME only; "
                        + "repeatable."));
    }

    List<Path> files() {
        return files.get();
    }

    List<String> schedules() {
        return schedules.get();
    }

    List<String> overrides() {
        return overrides.get();
    }
}
