package lrsched.cli;

import java.util.concurrent.Callable;

import lrsched.registry.JsonSchema;
import lrsched.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lrsched schema}: the JSON Schema of spec files, for editors. */
@Command(name = "schema", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Print the JSON Schema (draft 2020-12) of spec files, generated from the type declarations.",
                "Save it (lrsched schema > lrsched.schema.json) and start spec files with",
                "# yaml-language-server: $schema=lrsched.schema.json"})
final class SchemaCommand implements Callable<Integer> {
    @ParentCommand
    LrSchedCommand parent;

    @Override
    public Integer call() {
        parent.console.out().print(JsonSchema.of(Registry.standard()));
        parent.console.out().flush();
        return Cli.OK;
    }
}
