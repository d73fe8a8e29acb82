package lrsched.input.spec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;
import lrsched.core.Node;
import lrsched.input.log.LogReaders;
import lrsched.input.log.LogRequest;
import lrsched.registry.Param;
import lrsched.registry.Registry;
import lrsched.registry.TraceLog;
import lrsched.registry.TypeDef;

/**
 * Reads the traces that schedules name by their log ({@code metrics: {log: FILE, column: NAME}}) and puts the
 * logged values in their place, so that the schedule's type sees a plain list: the I/O stays here, and a schedule
 * stays a pure function of what it is given.
 *
 * <p>FILE is relative to the folder of the spec file that names it (to the working directory for {@code -s} flags
 * and standard input) and is read by the log reader that claims it ({@link LogReaders}), with NAME as the value
 * column. The values are taken in the log's step order, one per call of the training code; their step numbers are
 * not otherwise used (a per-epoch log and a log of evaluations every N updates read alike).
 */
final class MetricTraces {
    private final Registry registry;
    private final Path workingDir;

    MetricTraces(Registry registry, Path workingDir) {
        this.registry = registry;
        this.workingDir = workingDir;
    }

    /** The schedules with every logged trace read in. */
    List<Spec.Entry> read(List<Spec.Entry> entries) {
        List<Spec.Entry> out = new ArrayList<>();
        for (Spec.Entry e : entries) {
            out.add(new Spec.Entry(e.name(), resolve(e.mapping(), e.name())));
        }
        return out;
    }

    /** The mapping with its trace parameters (and those of its nested schedules) read in. */
    private Node.MapNode resolve(Node.MapNode mapping, String scheduleName) {
        Optional<TypeDef> type = typeOf(mapping);
        if (type.isEmpty()) {
            return mapping; // an unknown type is reported where the schedule is built
        }
        Node.MapNode result = mapping;
        for (Param p : type.get().params()) {
            Optional<Node.Entry> entry = Optional.ofNullable(mapping.entries().get(p.name()));
            if (entry.isEmpty()) {
                continue;
            }
            Node value = entry.get().value();
            if (p.kind() == Param.Kind.TRACE && value instanceof Node.MapNode log) {
                result = result.with(p.name(), entry.get().keyLocation(), values(log, scheduleName));
            } else if (p.kind() == Param.Kind.SCHEDULES && value instanceof Node.ListNode children) {
                List<Node> items = new ArrayList<>();
                for (Node child : children.items()) {
                    items.add(child instanceof Node.MapNode m ? resolve(m, scheduleName) : child);
                }
                result = result.with(p.name(), entry.get().keyLocation(), new Node.ListNode(children.location(),
                        items));
            }
        }
        return result;
    }

    private Optional<TypeDef> typeOf(Node.MapNode mapping) {
        return mapping.get("type").filter(t -> t instanceof Node.ScalarNode)
                .flatMap(t -> registry.find(((Node.ScalarNode) t).text()));
    }

    /** The logged values as a list of numbers, each located at the log. */
    private Node.ListNode values(Node.MapNode mapping, String scheduleName) {
        TraceLog log = TraceLog.of(mapping, scheduleName);
        Path file;
        try {
            file = folderOf(log.logAt().source()).resolve(log.log());
        } catch (InvalidPathException e) {
            throw new InputException(log.logAt(), "'" + log.log() + "' is not a file name; write the log's path");
        }
        String source = shown(log.logAt().source(), log.log());
        LogRequest request = new LogRequest(file, source, log.step(), Optional.of(log.column()), Optional.empty())
                .withUpdatesPerEpoch(1); // a per-epoch log places epoch e at row e; only the order is used
        LoggedCurve curve;
        try {
            curve = LogReaders.read(request);
        } catch (InputException e) {
            throw new InputException(e.location().orElse(Location.of(source)), inSpecTerms(e.problem()));
        }
        Location at = Location.of(source);
        List<Node> items = new ArrayList<>(curve.size());
        for (double v : curve.values()) {
            items.add(new Node.ScalarNode(at, text(v), Node.ScalarKind.NUMBER));
        }
        return new Node.ListNode(mapping.location(), items);
    }

    /** The folder a relative log path starts from: the spec file's, else the working directory. */
    private Path folderOf(String specSource) {
        if (specSource.startsWith("-")) {
            return workingDir;
        }
        try {
            Path spec = workingDir.resolve(specSource);
            return Files.isRegularFile(spec) && spec.getParent() != null ? spec.getParent() : workingDir;
        } catch (InvalidPathException e) {
            return workingDir; // a source that is no path (a flag's name)
        }
    }

    /** The log's path as the user would write it from the working directory, for messages. */
    private String shown(String specSource, String log) {
        Path written = Path.of(log);
        if (written.isAbsolute() || folderOf(specSource).equals(workingDir)) {
            return log;
        }
        Path parent = Path.of(specSource).getParent();
        return parent == null ? log : parent.resolve(written).normalize().toString();
    }

    /** A log reader's message names the command-line options; in a spec they are keys of the trace mapping. */
    private static String inSpecTerms(String problem) {
        return problem.replace("--overlay-step", "metrics' step:").replace("--overlay-value", "metrics' column:");
    }

    private static String text(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return DoubleFormat.format(v);
    }
}
