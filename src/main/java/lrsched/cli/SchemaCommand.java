package lrsched.cli;

import java.util.concurrent.Callable;

import lrsched.library.Libraries;
import lrsched.registry.JsonSchema;
import lrsched.registry.Registry;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lrsched schema}: the JSON Schema of spec files, for editors. */
final class SchemaCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this,
            "Print the JSON Schema (draft 2020-12) of spec files, generated from the type declarations.",
            "Save it (lrsched schema > lrsched.schema.json) and start spec files with",
            "# yaml-language-server: $schema=lrsched.schema.json");
    private final Console console;

    SchemaCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.out().print(JsonSchema.of(Libraries.registry()));
        console.out().flush();
        return Cli.OK;
    }
}
