package lrsched.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import lrsched.output.AtomicOutput;
import lrsched.output.CsvWriter;
import lrsched.output.RowFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lrsched csv}: one row per step, one column per schedule. */
@Command(name = "csv", description = "Write the learning rate of every schedule at every selected step as CSV (or TSV, "
        + "JSON, JSON Lines).",
        mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class CsvCommand implements Callable<Integer> {
    @ParentCommand
    LrSchedCommand parent;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (atomically: a failed run leaves it untouched) instead of standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", converter = FormatConverter.class,
            description = "csv (default), tsv, json (an array of objects) or jsonl (one object per line).")
    RowFormat.Kind format;

    /** csv, tsv, json, jsonl. */
    static final class FormatConverter extends EnumConverter<RowFormat.Kind> {
        FormatConverter() {
            super(RowFormat.Kind.class);
        }
    }

    @Override
    public Integer call() throws IOException {
        Console console = parent.console;
        Inputs inputs = input.load(console);
        if (output == null || output.toString().equals("-")) {
            console.out().flush();
            OutputStream out = new BufferedOutputStream(console.stdout(), 1 << 16);
            try {
                CsvWriter.write(inputs.curves(), inputs.steps(), out, format);
            } catch (IOException e) {
                if (BrokenPipe.is(e)) {
                    return Cli.OK; // the reader went away (| head): stop quietly
                }
                throw e;
            }
        } else {
            AtomicOutput.write(console.workingDir().resolve(output),
                    out -> CsvWriter.write(inputs.curves(), inputs.steps(), out, format));
        }
        return Cli.OK;
    }
}
