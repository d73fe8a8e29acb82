package lrsched.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import lrsched.core.Curve;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;
import lrsched.core.Suggest;
import lrsched.input.log.LogReaders;
import lrsched.input.log.LogRequest;
import lrsched.input.spec.Spec;
import lrsched.library.Libraries;
import lrsched.output.verify.RunCheck;
import lrsched.output.verify.VerifyReport;
import lrsched.registry.Registry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code lrsched verify}: did the run follow its plan, and if not, which known fault explains the log. */
final class VerifyCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this,
            "Check a training log against the planned schedule: every logged learning rate is compared with the "
                    + "plan's for the same update, within the log's precision. When they differ, prints the first "
                    + "difference and names the fault that explains the whole log: stepped K times per update, "
                    + "stepped once per epoch, restarted at update R, one update ahead or behind.",
            "Exit status: 0 when the run followed the plan, 1 when it did not, 2 on bad input.");
    private final Console console;
    private final SpecOptions plan = new SpecOptions(spec);
    private final Opt<Path> log = Opt.of(spec, Path.class, OptionSpec.builder("--log").required(true)
            .paramLabel("LOG").description("The training log: a file or a run folder (lrsched plot --help lists "
                    + "the formats)."));
    private final Opt<List<String>> columns = Opt.list(spec, String.class, OptionSpec.builder("--log-column")
            .paramLabel("[NAME=]COLUMN").description("The log's column, key or tag holding schedule NAME's learning "
                    + "rate (default: the one named like a learning rate); repeatable, one per schedule when the "
                    + "plan has several (parameter groups)."));
    private final Opt<String> stepColumn = Opt.of(spec, String.class, OptionSpec.builder("--log-step")
            .paramLabel("COLUMN").description("The step column of a CSV log (default: the first of step, Step, "
                    + "global_step, _step, iteration)."));
    private final Opt<Long> stepsPerEpoch = Opt.of(spec, Long.class, OptionSpec.builder("--steps-per-epoch")
            .paramLabel("N").description("Updates in one epoch, for logs with one value per epoch (timm "
                    + "summary.csv, ultralytics results.csv; default: what the plan's training block or framework "
                    + "config gives)."));

    VerifyCommand(Console console) {
        this.console = console;
        spec.usageMessage().sortOptions(false);
    }

    @Override
    public Integer call() {
        Long perEpoch = stepsPerEpoch.get();
        if (perEpoch != null && perEpoch < 1) {
            throw new InputException("--steps-per-epoch must be 1 or more, got " + perEpoch);
        }
        Registry registry = Libraries.registry();
        Spec loaded = plan.load(console, registry);
        Registry versioned = registry.withVersions(loaded.versions());
        List<Curve> curves = new ArrayList<>();
        for (Spec.Entry e : loaded.schedules()) {
            curves.add(new Curve(e.name(), versioned.build(e.mapping(), e.name(), Optional.empty())));
        }
        Map<Curve, Optional<String>> checked = columnsOf(curves);
        Path file = log.get();
        LogRequest base = new LogRequest(console.workingDir().resolve(file), file.toString(),
                Optional.ofNullable(stepColumn.get()), Optional.empty(), Optional.empty(), loaded.versions(),
                perEpoch == null ? loaded.updatesPerEpoch() : OptionalLong.of(perEpoch));
        Map<Curve, LoggedCurve> logged = new LinkedHashMap<>(); // every column is read before anything is printed
        checked.forEach((curve, column) -> logged.put(curve, read(column.map(base::withValueColumn).orElse(base))));
        PrintWriter out = console.out();
        boolean followed = true;
        for (Map.Entry<Curve, LoggedCurve> e : logged.entrySet()) {
            LoggedCurve curve = e.getValue();
            VerifyReport.log(curve, checked.get(e.getKey()).orElse("")).forEach(out::println);
            RunCheck.Verdict verdict = RunCheck.check(e.getKey().schedule(), curve);
            VerifyReport.verdict(e.getKey().name(), curve, verdict).forEach(out::println);
            followed &= verdict.followed();
        }
        out.flush();
        return followed ? Cli.OK : Cli.FAILURE;
    }

    /** Reads the log; a reader's message names plot's options, which here are --log-column and --log-step. */
    private static LoggedCurve read(LogRequest request) {
        try {
            return LogReaders.read(request);
        } catch (InputException e) {
            String problem = e.problem().replace("--overlay-value", "--log-column").replace("--overlay-step",
                    "--log-step");
            throw e.location().map(at -> new InputException(at, problem)).orElseGet(() -> new InputException(problem));
        }
    }

    /** Which log column each schedule is checked against (empty: the one named like a learning rate). */
    private Map<Curve, Optional<String>> columnsOf(List<Curve> curves) {
        List<String> names = curves.stream().map(Curve::name).toList();
        Map<Curve, Optional<String>> out = new LinkedHashMap<>();
        List<String> given = columns.get();
        for (int i = 0; i < given.size(); i++) {
            String item = given.get(i);
            Location at = new Location("--log-column[" + (i + 1) + "]", 1, 1);
            int eq = item.indexOf('=');
            String name = eq < 0 ? null : item.substring(0, eq).strip();
            String column = item.substring(eq + 1).strip();
            if (column.isEmpty()) {
                throw new InputException(at, "'" + item + "' names no column; write [NAME=]COLUMN, e.g. "
                        + "--log-column learning_rate");
            }
            Curve curve;
            if (name == null) {
                if (curves.size() > 1) {
                    throw new InputException(at, "the plan has " + curves.size() + " schedules (" + String.join(", ",
                            names) + "); say which one this column is for: --log-column NAME=" + column);
                }
                curve = curves.get(0);
            } else {
                int k = names.indexOf(name);
                if (k < 0) {
                    throw new InputException(at, "the plan has no schedule '" + name + "'"
                            + Suggest.didYouMean(name, names) + " (its schedules are " + String.join(", ", names)
                            + ")");
                }
                curve = curves.get(k);
            }
            if (out.put(curve, Optional.of(column)) != null) {
                throw new InputException(at, "schedule '" + curve.name() + "' is given a column twice; keep one");
            }
        }
        if (out.isEmpty()) {
            if (curves.size() > 1) {
                throw new InputException("the plan has " + curves.size() + " schedules (" + String.join(", ", names)
                        + "); map each one to check to its log column with --log-column NAME=COLUMN");
            }
            out.put(curves.get(0), Optional.empty());
        }
        return out;
    }
}
