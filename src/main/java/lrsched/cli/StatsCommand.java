package lrsched.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import lrsched.output.CurveStats;
import lrsched.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lrsched stats}: one line of numbers per schedule. */
@Command(name = "stats", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Summarise each schedule over the selected steps: peak and its step, first and last LR, "
                + "minimum, mean, warmup end, the sum of the LR (the learning budget) and the number of restarts."})
final class StatsCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("schedule", "peak", "peak_step", "first", "last", "min",
            "min_step", "mean", "sum", "warmup_end", "restarts", "steps");

    @ParentCommand
    LrSchedCommand parent;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned, default), csv or json.", converter = FormatConverter.class)
    Table.Format format;

    @Override
    public Integer call() {
        Inputs inputs = input.load(parent.console);
        Table table = new Table(COLUMNS);
        for (CurveStats s : CurveStats.of(inputs.curves(), inputs.steps())) {
            List<Object> row = new ArrayList<>(List.of(s.name(), s.peak(), s.peakStep(), s.first(), s.last(),
                    s.min(), s.minStep(), s.mean(), s.sum()));
            row.add(s.warmupEnd().isPresent() ? (Object) s.warmupEnd().getAsLong() : null);
            row.add(s.restarts());
            row.add(s.count());
            table.row(row);
        }
        parent.console.out().print(table.render(format));
        parent.console.out().flush();
        return Cli.OK;
    }

    /** Accepts the format names in lower case, with a suggestion for typos. */
    static final class FormatConverter extends EnumConverter<Table.Format> {
        FormatConverter() {
            super(Table.Format.class);
        }
    }
}
