package lrsched.input.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.core.Suggest;
import lrsched.registry.Registry;
import lrsched.registry.RunOptions;
import lrsched.registry.TrainingRun;
import lrsched.registry.TypeDef;

/**
 * Turns what the user gave (spec files, {@code -s} flags, {@code --set} overrides) into one {@link Spec}.
 * Files come first in the order given, then flags; {@code --set} applies last.
 */
public final class SpecLoader {
    /** Spec files larger than this are refused: a schedule spec is a few hundred lines at most. */
    public static final long MAX_FILE_BYTES = 4L << 20;
    static final List<String> TOP_LEVEL_KEYS = List.of("steps", "schedules", "training", "stepping",
            "steps_per_epoch", "num_processes");

    private final Registry registry;
    private final InputStream stdin;
    private final Path workingDir;

    /** Relative spec paths resolve against {@code workingDir}; messages show them as the user wrote them. */
    public SpecLoader(Registry registry, InputStream stdin, Path workingDir) {
        this.registry = registry;
        this.stdin = stdin;
        this.workingDir = workingDir;
    }

    /**
     * @param files     spec files ({@code -} is standard input)
     * @param flags     {@code -s} values such as {@code type=cosine,lr=1e-3,total=1000}
     * @param overrides {@code --set} values such as {@code lr=1e-3} or {@code bert.lr=1e-3}
     */
    public Spec load(List<Path> files, List<String> flags, List<String> overrides) {
        List<Node.MapNode> mappings = new ArrayList<>();
        OptionalLong steps = OptionalLong.empty();
        for (Path file : files) {
            String source = file.toString();
            String text = readText(file);
            boolean json = source.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                    || text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
            Node root = SpecReader.read(source, text, json).orElseThrow(() -> new InputException(
                    Location.of(source), "the spec is empty; write e.g. steps: 1000 and schedules: [...]"));
            OptionalLong fileSteps = topLevel(root, mappings);
            if (fileSteps.isPresent() && (steps.isEmpty() || fileSteps.getAsLong() > steps.getAsLong())) {
                steps = fileSteps;
            }
        }
        for (int i = 0; i < flags.size(); i++) {
            mappings.add(FlagSpec.parse("--schedule[" + (i + 1) + "]", flags.get(i)));
        }
        if (mappings.isEmpty()) {
            throw new InputException("no schedules given; use --spec FILE or -s 'type=cosine,lr=1e-3,total=1000'");
        }
        List<Spec.Entry> entries = name(mappings);
        for (Spec.Entry e : entries) {
            registry.typeOf(e.mapping(), e.name()); // an unknown or missing type is reported before anything else
        }
        for (int i = 0; i < overrides.size(); i++) {
            entries = Overrides.apply(entries, "--set[" + (i + 1) + "]", overrides.get(i), registry);
        }
        Optional<String> sourceName = files.stream().findFirst().map(SpecLoader::baseName);
        return new Spec(steps, entries, sourceName);
    }

    private static String baseName(Path p) {
        String name = p.getFileName() == null ? "lrsched" : p.getFileName().toString();
        if (name.equals("-")) {
            return "lrsched";
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Collects the schedule mappings of one file and returns its {@code steps:} if present. */
    private OptionalLong topLevel(Node root, List<Node.MapNode> out) {
        if (!(root instanceof Node.MapNode map)) {
            throw new InputException(root.location(), "a spec is a mapping with 'schedules:' (or a single "
                    + "schedule mapping with 'type:'), not " + root.describe());
        }
        OptionalLong steps = OptionalLong.empty();
        Optional<Node> stepsNode = map.get("steps");
        if (map.get("schedules").isEmpty() && map.get("type").isPresent()) {
            // a file holding a single schedule; 'steps' is the run length unless the type declares it
            Node.MapNode single = map;
            TypeDef type = registry.typeOf(map, "schedule");
            if (stepsNode.isPresent() && type.param("steps").isEmpty()) {
                steps = OptionalLong.of(readSteps(stepsNode.get()));
                single = map.without("steps");
            }
            out.add(single);
            return steps;
        }
        for (Node.Entry e : map.entries().values()) {
            if (!TOP_LEVEL_KEYS.contains(e.key())) {
                throw new InputException(e.keyLocation(), "unknown top-level key '" + e.key() + "'"
                        + Suggest.didYouMean(e.key(), TOP_LEVEL_KEYS) + "; a spec has " + String.join(" and ",
                        TOP_LEVEL_KEYS) + " (schedule parameters go inside each entry of schedules)");
            }
        }
        if (stepsNode.isPresent()) {
            steps = OptionalLong.of(readSteps(stepsNode.get()));
        }
        int firstOfFile = out.size();
        Node schedules = map.get("schedules").orElseThrow(() -> new InputException(map.location(),
                "missing 'schedules:'; add a list of schedules, e.g. schedules: [{type: cosine, lr: 1e-3, "
                        + "total: 1000}]"));
        if (!(schedules instanceof Node.ListNode list)) {
            throw new InputException(schedules.location(), "'schedules' must be a list of schedule mappings "
                    + "(each line starting with '- '), not " + schedules.describe());
        }
        if (list.items().isEmpty()) {
            throw new InputException(list.location(), "'schedules' is empty; add at least one schedule");
        }
        for (Node item : list.items()) {
            if (!(item instanceof Node.MapNode m)) {
                throw new InputException(item.location(), "each entry of 'schedules' must be a mapping with "
                        + "'type:' and parameters, not " + item.describe());
            }
            out.add(m);
        }
        // run options written once at the top apply to every schedule of the file that does not set its own
        for (Node.Entry e : map.entries().values()) {
            if (RunOptions.PARAMS.stream().anyMatch(p -> p.name().equals(e.key()))) {
                for (int i = firstOfFile; i < out.size(); i++) {
                    if (out.get(i).get(e.key()).isEmpty()) {
                        out.set(i, out.get(i).with(e.key(), e.keyLocation(), e.value()));
                    }
                }
            }
        }
        Optional<Node> training = map.get("training");
        if (training.isPresent()) {
            if (!(training.get() instanceof Node.MapNode block)) {
                throw new InputException(training.get().location(), "'training' must be a mapping (dataset_size, "
                        + "per_device_batch_size, num_train_epochs, ...), not " + training.get().describe());
            }
            TrainingRun.Sizes sizes = TrainingRun.of(block);
            for (int i = firstOfFile; i < out.size(); i++) {
                out.set(i, fill(out.get(i), TrainingRun.FILLS.get(0), sizes.numTrainingSteps(), block.location()));
                out.set(i, fill(out.get(i), TrainingRun.FILLS.get(1), sizes.numWarmupSteps(), block.location()));
            }
            if (steps.isEmpty()) {
                steps = OptionalLong.of(sizes.numTrainingSteps());
            }
        }
        return steps;
    }

    /** Sets {@code key} from the training run where the schedule's type has it and the schedule leaves it out. */
    private Node.MapNode fill(Node.MapNode schedule, String key, long value, Location at) {
        TypeDef type = registry.typeOf(schedule, "schedule");
        if (type.param(key).isEmpty() || schedule.get(key).isPresent()) {
            return schedule;
        }
        return schedule.with(key, at, new Node.ScalarNode(at, Long.toString(value), Node.ScalarKind.NUMBER));
    }

    private static long readSteps(Node node) {
        if (node instanceof Node.ScalarNode s && s.kind() != Node.ScalarKind.NULL) {
            OptionalLong n = Numbers.parseInteger(s.text());
            if (n.isPresent() && n.getAsLong() >= 1) {
                return n.getAsLong();
            }
        }
        throw new InputException(node.location(), "'steps' must be a whole number >= 1 (the number of steps to "
                + "evaluate), not " + node.describe());
    }

    /** Gives each schedule its unique name: the one written, or its type (with -2, -3... when repeated). */
    private static List<Spec.Entry> name(List<Node.MapNode> mappings) {
        Map<String, Location> explicit = new HashMap<>();
        for (Node.MapNode m : mappings) {
            Optional<Node> n = m.get("name");
            if (n.isPresent()) {
                if (!(n.get() instanceof Node.ScalarNode s) || s.kind() == Node.ScalarKind.NULL
                        || s.text().isBlank()) {
                    throw new InputException(n.get().location(), "'name' must be a short text, not "
                            + n.get().describe());
                }
                Location first = explicit.putIfAbsent(s.text(), s.location());
                if (first != null) {
                    throw new InputException(s.location(), "duplicate schedule name '" + s.text()
                            + "' (also at " + first + "); give each schedule its own name");
                }
            }
        }
        Map<String, Integer> used = new LinkedHashMap<>();
        List<Spec.Entry> out = new ArrayList<>();
        for (Node.MapNode m : mappings) {
            Optional<Node> n = m.get("name");
            String name;
            if (n.isPresent()) {
                name = ((Node.ScalarNode) n.get()).text();
            } else {
                String base = m.get("type").filter(t -> t instanceof Node.ScalarNode)
                        .map(t -> ((Node.ScalarNode) t).text()).orElse("schedule");
                name = base;
                int k = used.getOrDefault(base, 1);
                while (explicit.containsKey(name) || used.containsKey(name)) {
                    k++;
                    name = base + "-" + k;
                }
                used.put(base, k);
            }
            used.putIfAbsent(name, 1);
            out.add(new Spec.Entry(name, m));
        }
        return out;
    }

    private String readText(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            if (source.equals("-")) {
                bytes = stdin.readNBytes((int) MAX_FILE_BYTES + 1);
            } else {
                file = workingDir.resolve(file);
                if (Files.isDirectory(file)) {
                    throw new InputException(Location.of(source), "is a directory, not a spec file; name a "
                            + ".yaml or .json file");
                }
                long size = Files.size(file);
                if (size > MAX_FILE_BYTES) {
                    throw tooLarge(source);
                }
                bytes = Files.readAllBytes(file);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file; check the path (working directory: "
                    + workingDir + ")");
        } catch (AccessDeniedException e) {
            throw new InputException(Location.of(source), "permission denied; make the file readable");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooLarge(source);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InputException(Location.of(source), "is not UTF-8 text; save it as UTF-8");
        }
    }

    private static InputException tooLarge(String source) {
        return new InputException(Location.of(source), "is larger than " + (MAX_FILE_BYTES >> 20)
                + " MiB; a spec file should be small (is this the right file?)");
    }
}
