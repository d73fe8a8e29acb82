package lrsched.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.registry.Registry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Where the schedules come from: spec files, {@code -s} flags and {@code --set} overrides. */
final class SpecOptions {
    private final Opt<List<Path>> files;
    private final Opt<List<String>> schedules;
    private final Opt<List<String>> overrides;
    private final Opt<String> format;
    private final Opt<List<String>> facts;
    private final Opt<List<String>> versions;

    SpecOptions(CommandSpec command) {
        files = Opt.list(command, Path.class, OptionSpec.builder("--spec").paramLabel("FILE")
                .description("YAML or JSON spec file ('-' reads standard input); repeatable."));
        format = Opt.of(command, String.class, OptionSpec.builder("--as").paramLabel("FORMAT")
                .description("Read every --spec file in this format instead of recognising it (lrsched explain "
                        + "--help lists the formats)."));
        facts = Opt.list(command, String.class, OptionSpec.builder("--run").paramLabel("KEY=VALUE,...")
                .description("A fact about the run that a config file cannot know: dataset_size, num_devices, "
                        + "batches_per_epoch or num_updates; repeatable."));
        versions = Opt.list(command, String.class, OptionSpec.builder("--versions").paramLabel("LIB=VERSION,...")
                .description("The release of a library the training runs with, where a config format's or the "
                        + "library's schedulers' arithmetic changed between releases (e.g. transformers=4.45, "
                        + "torch=1.13); the newest release without it; repeatable."));
        schedules = Opt.list(command, String.class, OptionSpec.builder("-s", "--schedule").paramLabel("KEY=VALUE,...")
                .description("A schedule from the command line, e.g. -s 'type=cosine,lr=3e-4,total=10000' "
                        + "(the keys of a spec's schedule); repeatable."));
        overrides = Opt.list(command, String.class, OptionSpec.builder("--set").paramLabel("[NAME.]KEY=VALUE")
                .description("Override a parameter in every schedule that has it, or in schedule NAME only; "
                        + "repeatable."));
    }

    /** The spec these options describe. */
    Spec load(Console console, Registry registry) {
        return new SpecLoader(registry, console.stdin(), console.workingDir()).load(files.get(),
                Optional.ofNullable(format.get()), facts.get(), versions.get(), schedules.get(), overrides.get());
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
