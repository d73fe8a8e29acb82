package lrsched.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import lrsched.input.spec.Spec;
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

    /**
     * Above the table, how each file's run was sized ({@code training:} blocks, framework configs), as explain shows
     * it: the numbers behind num_training_steps and the warmup. Not in csv or json, which stay one table.
     */
    private void printRunArithmetic(Inputs inputs) {
        boolean any = false;
        for (Spec.File file : inputs.spec().files()) {
            if (!file.imported().facts().isEmpty()) {
                console.out().println(file.source() + ":");
                ExplainCommand.printDerived(console.out(), file.imported());
                any = true;
            }
        }
        if (any) {
            console.out().println();
        }
    }

    @Override
    public Integer call() {
        Inputs inputs = input.load(console);
        inputs.checkEvaluable("stats");
        if (format.get() == Table.Format.TABLE) {
            printRunArithmetic(inputs);
        }
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
