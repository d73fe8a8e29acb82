package lrsched.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import lrsched.output.CurveStats;
import lrsched.output.Table;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code lrsched stats}: one line of numbers per schedule. */
final class StatsCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("schedule", "peak", "peak_step", "first", "last", "min",
            "min_step", "mean", "sum", "warmup_end", "restarts", "steps");

    final CommandSpec spec = Commands.create(this, "Summarise each schedule over the selected steps: peak and its "
            + "step, first and last LR, minimum, mean, warmup end, the sum of the LR (the learning budget) and the "
            + "number of restarts.");
    private final Console console;
    private final InputOptions input = new InputOptions(spec);
    private final Opt<Table.Format> format = Opt.of(spec, Table.Format.class, OptionSpec.builder("--format")
            .paramLabel("FORMAT").defaultValue("table").converters(new EnumConverter<>(Table.Format.class))
            .description("table (aligned, default), csv or json."));

    StatsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Inputs inputs = input.load(console);
        Table table = new Table(COLUMNS);
        for (CurveStats s : CurveStats.of(inputs.curves(), inputs.steps())) {
            List<Object> row = new ArrayList<>(List.of(s.name(), s.peak(), s.peakStep(), s.first(), s.last(),
                    s.min(), s.minStep(), s.mean(), s.sum()));
            row.add(s.warmupEnd().isPresent() ? (Object) s.warmupEnd().getAsLong() : null);
            row.add(s.restarts());
            row.add(s.count());
            table.row(row);
        }
        console.out().print(table.render(format.get()));
        console.out().flush();
        return Cli.OK;
    }
}
