package lrsched.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** Where the schedules come from: spec files, {@code -s} flags and {@code --set} overrides. */
public final class SpecOptions {
    @Option(names = "--spec", paramLabel = "FILE", description = "YAML or JSON spec file ('-' reads standard input);"
            + " repeatable.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-s", "--schedule"}, paramLabel = "KEY=VALUE,...",
            description = "A schedule from the command line, e.g. -s 'type=hf.cosine,lr=3e-4,num_warmup_steps=500,"
                    + "num_training_steps=10000'; repeatable.")
    List<String> schedules = new ArrayList<>();

    @Option(names = "--set", paramLabel = "[NAME.]KEY=VALUE",
            description = "Override a parameter in every schedule that has it, or in schedule NAME only; "
                    + "repeatable.")
    List<String> overrides = new ArrayList<>();
}
