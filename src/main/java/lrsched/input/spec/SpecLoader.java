package lrsched.input.spec;

import java.io.InputStream;
import java.nio.file.Files;
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
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigFormats;
import lrsched.input.config.ImportContext;
import lrsched.input.config.LrschedFormat;
import lrsched.input.log.LogReaders;
import lrsched.input.config.Imported;
import lrsched.core.Versions;
import lrsched.input.document.Document;
import lrsched.input.document.DocumentReader;
import lrsched.input.formats.Formats;
import lrsched.registry.Registry;
import lrsched.registry.RunFacts;

/**
 * Turns what the user gave (spec files, {@code -s} flags, {@code --set} overrides) into one {@link Spec}.
 * Files come first in the order given, then flags; {@code --set} applies last. Each file is read in its format
 * ({@link ConfigFormats}): lrsched's own spec, or a training framework's config.
 */
public final class SpecLoader {
    private final Registry registry;
    private final DocumentReader documents;
    private final ConfigFormats formats;
    private final MetricTraces traces;

    /** Relative spec paths resolve against {@code workingDir}; messages show them as the user wrote them. */
    public SpecLoader(Registry registry, InputStream stdin, Path workingDir) {
        this.registry = registry;
        this.documents = new DocumentReader(stdin, workingDir);
        this.formats = Formats.standard();
        this.traces = new MetricTraces(registry, workingDir);
    }

    /** Spec files in lrsched's own format or whichever format claims them, with no run facts. */
    public Spec load(List<Path> files, List<String> flags, List<String> overrides) {
        return load(files, Optional.empty(), List.of(), flags, overrides);
    }

    /**
     * @param files     spec or config files ({@code -} is standard input)
     * @param format    the format to read every file in ({@code --as}); empty to recognise each file's
     * @param facts     {@code --run} values such as {@code dataset_size=52000}
     * @param flags     {@code -s} values such as {@code type=cosine,lr=1e-3,total=1000}
     * @param overrides {@code --set} values such as {@code lr=1e-3} or {@code bert.lr=1e-3}
     */
    public Spec load(List<Path> files, Optional<String> format, List<String> facts, List<String> flags,
                     List<String> overrides) {
        return load(files, format, facts, List.of(), flags, overrides);
    }

    /**
     * @param files     spec or config files ({@code -} is standard input)
     * @param format    the format to read every file in ({@code --as}); empty to recognise each file's
     * @param facts     {@code --run} values such as {@code dataset_size=52000}
     * @param versions  {@code --versions} values such as {@code transformers=4.45}
     * @param flags     {@code -s} values such as {@code type=cosine,lr=1e-3,total=1000}
     * @param overrides {@code --set} values such as {@code lr=1e-3} or {@code bert.lr=1e-3}
     */
    public Spec load(List<Path> files, Optional<String> format, List<String> facts, List<String> versions,
                     List<String> flags, List<String> overrides) {
        RunFacts runFacts = RunFacts.of(runFlags(facts));
        List<Document> documentsRead = new ArrayList<>();
        List<ConfigFormat> formatsChosen = new ArrayList<>();
        List<Node.Entry> specVersions = new ArrayList<>();
        for (Path file : files) {
            Document document = documents.read(file);
            ConfigFormat chosen = formats.choose(document, format);
            documentsRead.add(document);
            formatsChosen.add(chosen);
            if (chosen instanceof LrschedFormat) {
                specVersions.addAll(LrschedFormat.versions(document));
            }
        }
        List<String> libraries = new ArrayList<>(formats.versioned());
        registry.versioned().stream().filter(l -> !libraries.contains(l)).forEach(libraries::add);
        LogReaders.versioned().stream().filter(l -> !libraries.contains(l)).forEach(libraries::add);
        Versions libraryVersions = Versions.of(versions, specVersions, libraries);
        ImportContext context = new ImportContext(registry, runFacts, documents, libraryVersions);
        List<Node.MapNode> mappings = new ArrayList<>();
        List<Spec.File> read = new ArrayList<>();
        OptionalLong steps = OptionalLong.empty();
        for (int f = 0; f < documentsRead.size(); f++) {
            Document document = documentsRead.get(f);
            ConfigFormat chosen = formatsChosen.get(f);
            Imported imported = chosen.read(document, context);
            read.add(new Spec.File(document.source(), chosen, imported));
            mappings.addAll(imported.schedules());
            OptionalLong fileSteps = imported.steps();
            if (fileSteps.isPresent() && (steps.isEmpty() || fileSteps.getAsLong() > steps.getAsLong())) {
                steps = fileSteps;
            }
        }
        runFacts.checkAllAsked();
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
        entries = traces.read(entries);
        Optional<String> sourceName = files.stream().findFirst().map(SpecLoader::baseName);
        return new Spec(steps, entries, sourceName, read, libraryVersions);
    }

    /** The {@code --run} flags as one mapping; each may hold several facts ({@code dataset_size=1,num_devices=8}). */
    private static Node.MapNode runFlags(List<String> facts) {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            for (Node.Entry e : FlagSpec.parse("--run[" + (i + 1) + "]", facts.get(i)).entries().values()) {
                Node.Entry first = entries.putIfAbsent(e.key(), e);
                if (first != null) {
                    throw new InputException(e.keyLocation(), "'" + e.key() + "' is given twice (also at "
                            + first.keyLocation() + "); keep only one");
                }
            }
        }
        return new Node.MapNode(Location.of("--run"), entries);
    }

    private static String baseName(Path p) {
        String name = p.getFileName() == null ? "lrsched" : p.getFileName().toString();
        if (name.equals("-")) {
            return "lrsched";
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * A name becomes a CSV header, a legend and a snapshot column: control characters (a newline would break the
     * snapshot it is written to, an escape would reach the terminal) and a first character a spreadsheet runs as a
     * formula (=, +, -, @; OWASP's CSV injection advice) are refused rather than silently changed.
     */
    private static void checkName(Node.ScalarNode name) {
        String text = name.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InputException(name.location(), "'name' holds a control character (U+"
                        + String.format(java.util.Locale.ROOT, "%04X", (int) c) + " at position " + (i + 1)
                        + "); a name is one line of plain text");
            }
        }
        if ("=+-@".indexOf(text.charAt(0)) >= 0) {
            throw new InputException(name.location(), "'name' starts with '" + text.charAt(0) + "', which a "
                    + "spreadsheet runs as a formula when it opens the CSV; start it with a letter or digit");
        }
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
                checkName(s);
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

}
