package lrsched.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import lrsched.core.Counts;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.input.LineLimit;
import lrsched.input.snapshot.SnapshotCheck;
import lrsched.output.AtomicOutput;
import lrsched.output.RowWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code lrsched check}: do the curves still match a snapshot? For CI. */
final class CheckCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this,
            "Compare the schedules with a CSV snapshot made by 'lrsched csv' (or --update).",
            "Exit 0 when every column matches, 1 when a curve drifted, 2 on bad input.");
    private final Console console;
    private final InputOptions input = new InputOptions(spec);
    private final Opt<Path> against = Opt.of(spec, Path.class, OptionSpec.builder("--against").required(true)
            .paramLabel("CSV").description("The snapshot to compare with."));
    private final Opt<Double> rtol = Opt.of(spec, Double.class, OptionSpec.builder("--rtol").paramLabel("R")
            .defaultValue("1e-9").description("Relative tolerance (default ${DEFAULT-VALUE})."));
    private final Opt<Double> atol = Opt.of(spec, Double.class, OptionSpec.builder("--atol").paramLabel("A")
            .defaultValue("1e-15").description("Absolute tolerance (default ${DEFAULT-VALUE})."));
    private final Opt<Boolean> update = Opt.flag(spec, OptionSpec.builder("--update")
            .description("Rewrite the snapshot from the spec (atomically) instead of comparing."));

    CheckCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        double rtol = this.rtol.get();
        double atol = this.atol.get();
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new InputException("--rtol and --atol must be 0 or more");
        }
        Path against = this.against.get();
        Inputs inputs = input.load(console);
        Path snapshot = console.workingDir().resolve(against);
        if (update.get()) {
            AtomicOutput.write(snapshot, out -> RowWriter.write(inputs.curves(), inputs.steps(), out));
            console.out().println("updated " + against);
            console.out().flush();
            return Cli.OK;
        }
        List<SnapshotCheck.Drift> drifts;
        try (BufferedReader reader = LineLimit.open(snapshot, against.toString())) {
            drifts = SnapshotCheck.compare(inputs.curves(), inputs.steps(), reader, against.toString(), rtol, atol);
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(against.toString()), "no such snapshot; create it with: lrsched check "
                    + "--update --against " + against + " (and the same spec options)");
        }
        for (SnapshotCheck.Drift d : drifts) {
            Cli.error(console, against + ": " + d.message());
        }
        console.err().flush();
        if (drifts.isEmpty()) {
            int curves = inputs.curves().size();
            console.out().println(against + ": " + Counts.of(curves, "curve") + " "
                    + Counts.verb(curves, "matches", "match") + " over " + Counts.of(inputs.steps().size(), "step"));
            console.out().flush();
            return Cli.OK;
        }
        return Cli.FAILURE;
    }
}
