package lrsched.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lrsched.input.log.LogRequest;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code --overlay FILE} groups: each {@code --overlay} starts a new log, and {@code --overlay-step},
 * {@code --overlay-value} and {@code --overlay-label} apply to the log they follow.
 *
 * <p>A compact {@code FILE:STEP:VALUE} form was considered and left out: W&amp;B names grouped columns
 * {@code Group: <name> - <metric>}, and Windows paths have a drive colon, so a colon cannot separate the parts.
 */
final class OverlayOptions {
    private final CommandSpec command;
    private final ArgGroupSpec group;
    private final Opt<Path> file = Opt.member(Path.class, OptionSpec.builder("--overlay").required(true)
            .paramLabel("LOG").description("A learning-rate curve logged by training, drawn dashed over the "
                    + "computed curves, each value at the update that used it: a training log or run folder (see "
                    + "src/docs/logs.md), or any CSV with a header. Repeatable; the --overlay-* options after it "
                    + "apply to it."));
    private final Opt<String> step = Opt.member(String.class, OptionSpec.builder("--overlay-step")
            .paramLabel("COLUMN").description("The log's step column (default: the first of step, Step, "
                    + "global_step, _step, iteration)."));
    private final Opt<String> value = Opt.member(String.class, OptionSpec.builder("--overlay-value")
            .paramLabel("COLUMN").description("The log's learning-rate column, key or tag (default: the one named "
                    + "like a learning rate; in a CSV, else the only other numeric column)."));
    private final Opt<String> label = Opt.member(String.class, OptionSpec.builder("--overlay-label")
            .paramLabel("TEXT").description("Legend text for the log (default: its file name without .csv)."));

    OverlayOptions(CommandSpec command) {
        this.command = command;
        group = ArgGroupSpec.builder().exclusive(false).multiplicity("0..*")
                .heading("%nLogged curves, to check that training did what was planned:%n")
                .addArg(file.spec()).addArg(step.spec()).addArg(value.spec()).addArg(label.spec()).build();
        command.addArgGroup(group);
    }

    /** The logs given, in order, relative paths resolved against {@code workingDir}. */
    List<LogRequest> requests(Path workingDir) {
        ParseResult parsed = command.commandLine().getParseResult();
        List<LogRequest> requests = new ArrayList<>();
        for (ParseResult.GroupMatchContainer container : parsed.findMatches(group)) {
            for (ParseResult.GroupMatch match : container.matches()) {
                Path path = file.in(match);
                requests.add(new LogRequest(workingDir.resolve(path), path.toString(),
                        Optional.ofNullable(step.in(match)), Optional.ofNullable(value.in(match)),
                        Optional.ofNullable(label.in(match))));
            }
        }
        return requests;
    }
}
