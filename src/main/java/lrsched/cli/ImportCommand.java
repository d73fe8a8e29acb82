package lrsched.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import lrsched.input.spec.Spec;
import lrsched.library.Libraries;
import lrsched.output.SpecYaml;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lrsched import}: the lrsched spec equivalent to the files given, as YAML. */
final class ImportCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this,
            "Print the lrsched spec (YAML) that the --spec files describe, framework configs included, with --set "
                    + "applied: keep it, edit it or sweep it. 'lrsched csv' on it gives the same numbers as on the "
                    + "files.");
    private final Console console;
    private final SpecOptions specOptions = new SpecOptions(spec);

    ImportCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Spec loaded = specOptions.load(console, Libraries.registry());
        List<String> comment = new ArrayList<>();
        for (Spec.File f : loaded.files()) {
            comment.add("from " + f.source() + " (" + f.format().title() + ") by " + Version.line());
        }
        List<SpecYaml.Schedule> schedules = loaded.schedules().stream()
                .map(e -> new SpecYaml.Schedule(e.name(), e.mapping())).toList();
        console.out().print(SpecYaml.write(comment, loaded.steps(), schedules));
        console.out().flush();
        return Cli.OK;
    }
}
