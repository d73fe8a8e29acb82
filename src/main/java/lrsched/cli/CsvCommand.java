package lrsched.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import lrsched.core.InputException;
import lrsched.output.AtomicOutput;
import lrsched.output.RowFormat;
import lrsched.output.RowWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code lrsched csv}: one row per step, one column per schedule. */
final class CsvCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this, "Write the learning rate of every schedule at every selected step "
            + "as CSV (or TSV, JSON, JSON Lines).");
    private final Console console;
    private final InputOptions input = new InputOptions(spec);
    private final Opt<Path> output = Opt.of(spec, Path.class, OptionSpec.builder("-o", "--output").paramLabel("FILE")
            .description("Write to FILE (atomically: a failed run leaves it untouched) instead of standard output."));
    private final Opt<RowFormat.Kind> format = Opt.of(spec, RowFormat.Kind.class, OptionSpec.builder("--format")
            .paramLabel("FORMAT").defaultValue("csv").converters(new EnumConverter<>(RowFormat.Kind.class))
            .description("csv (default), tsv, json (an array of objects) or jsonl (one object per line)."));

    CsvCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        Path file = output.get();
        if (file != null && file.toString().isEmpty()) {
            throw new InputException("-o needs a file name, or - for standard output");
        }
        Inputs inputs = input.load(console);
        RowFormat.Kind kind = format.get();
        if (file == null || file.toString().equals("-")) {
            console.out().flush();
            OutputStream out = new BufferedOutputStream(console.stdout(), 1 << 16);
            try {
                RowWriter.write(inputs.curves(), inputs.steps(), out, kind);
            } catch (IOException e) {
                if (BrokenPipe.is(e)) {
                    return Cli.OK; // the reader went away (| head): stop quietly
                }
                throw e;
            }
        } else {
            AtomicOutput.write(console.workingDir().resolve(file),
                    out -> RowWriter.write(inputs.curves(), inputs.steps(), out, kind));
        }
        return Cli.OK;
    }
}
