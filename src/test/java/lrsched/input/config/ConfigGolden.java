package lrsched.input.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.Node;
import lrsched.core.Schedule;
import lrsched.input.document.Document;
import lrsched.input.document.TreeReader;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;

/**
 * The golden cases of one framework's configs under src/test/resources/golden/configs/FRAMEWORK/, written by
 * src/tools/golden/*_configs.py from the framework's own code. A case is {@code CASE.csv} ({@code step,lr}: every
 * update of the run) with its config beside it ({@code CASE.yaml}, {@code CASE.json} or {@code CASE.toml}) and, if the
 * case needs flags, {@code CASE.run}: one a line, {@code run: FACTS}, {@code versions: V}, {@code as: FORMAT}; a bare
 * {@code key=value} line is a {@code --run} fact too, and {@code #} starts a comment. The config must be read by the
 * framework's format, the run must have exactly the CSV's updates, and every row must match within the golden
 * tolerances.
 */
public final class ConfigGolden {
    private static final List<String> CONFIG_EXTENSIONS = List.of(".yaml", ".json", ".toml", ".sh");

    private ConfigGolden() {}

    /**
     * One test per golden case of {@code framework}.
     *
     * @param alsoReadBy formats other than {@code framework} that may read a case (deepspeed's cases include
     *                   TrainingArguments files linking the DeepSpeed config, read by {@code hf})
     */
    public static Stream<DynamicTest> of(String framework, String... alsoReadBy) {
        return cases(framework, false, alsoReadBy);
    }

    /**
     * One test per golden case of {@code framework}, every row the same double: for frameworks that compute in
     * float64, deterministically, so lrsched must give their numbers bit for bit.
     */
    public static Stream<DynamicTest> bitForBit(String framework) {
        return cases(framework, true);
    }

    private static Stream<DynamicTest> cases(String framework, boolean exact, String... alsoReadBy) {
        Path dir = directory(framework);
        List<String> formats = Stream.concat(Stream.of(framework), Stream.of(alsoReadBy)).toList();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".csv")).sorted().forEach(csv -> {
                String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
                tests.add(DynamicTest.dynamicTest(framework + "/" + name, () -> {
                    Spec spec = load(dir, name);
                    assertThat(spec.files()).hasSize(1);
                    assertThat(spec.files().get(0).format().name()).as(name + ": the format that read it")
                            .isIn(formats);
                    assertMatchesCsv(spec, dir.resolve(name + ".csv"), name, exact);
                }));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(tests).as("golden cases in " + dir).isNotEmpty();
        return tests.stream();
    }

    /** One golden case of {@code framework} read as the command line reads it, with its flags. */
    public static Spec load(String framework, String name) throws IOException {
        return load(directory(framework), name);
    }

    /** What the format made of one golden case. */
    public static Imported imported(String framework, String name) throws IOException {
        return load(framework, name).files().get(0).imported();
    }

    /** The text of one parameter of the golden case's schedule. */
    public static String value(String framework, String name, String key) throws IOException {
        Node.MapNode schedule = load(framework, name).schedules().get(0).mapping();
        return ((Node.ScalarNode) schedule.get(key).orElseThrow()).text();
    }

    /** The spec a case's config gives with the flags of its {@code .run} file (none without one). */
    public static Spec load(Path dir, String name) throws IOException {
        Path config = CONFIG_EXTENSIONS.stream().map(ext -> dir.resolve(name + ext)).filter(Files::exists)
                .findFirst().orElseThrow(() -> new AssertionError("no config for golden case " + dir.resolve(name)));
        Path flags = dir.resolve(name + ".run");
        List<String> run = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        Optional<String> as = Optional.empty();
        for (String line : Files.exists(flags) ? Files.readAllLines(flags, StandardCharsets.UTF_8)
                : List.<String>of()) {
            line = line.strip();
            if (line.startsWith("versions:")) {
                versions.add(line.substring("versions:".length()).strip());
            } else if (line.startsWith("as:")) {
                as = Optional.of(line.substring("as:".length()).strip());
            } else if (line.startsWith("run:")) {
                run.add(line.substring("run:".length()).strip());
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                run.add(line);
            }
        }
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                .load(List.of(config.getFileName()), as, run, versions, List.of(), List.of());
    }

    /** The spec the config file {@code config} gives with the {@code --run} facts {@code facts}. */
    public static Spec loadWith(Path config, String... facts) {
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), config.getParent())
                .load(List.of(config.getFileName()), Optional.empty(), List.of(facts), List.of(), List.of(), List.of());
    }

    /**
     * Writes {@code text} as {@code c.yml} in {@code dir} and asserts that reading it with {@code facts} (null: none)
     * and building its schedule is refused with a message containing {@code message}.
     */
    public static void assertRefused(Path dir, String text, String facts, String message) throws IOException {
        Path config = dir.resolve("c.yml");
        Files.writeString(config, text);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            Spec.Entry e = loadWith(config, facts == null ? new String[0] : new String[] {facts}).schedules().get(0);
            Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
        }).isInstanceOf(lrsched.core.InputException.class).hasMessageContaining(message);
    }

    /**
     * The spec's one schedule matches {@code csv} ({@code step,lr}) at every row within the golden tolerances, and
     * the spec's run has exactly that many updates.
     */
    public static void assertMatchesCsv(Spec spec, Path csv, String name) throws IOException {
        assertMatchesCsv(spec, csv, name, false);
    }

    /** {@link #assertMatchesCsv(Spec, Path, String)}, with every row the same double when {@code exact}. */
    public static void assertMatchesCsv(Spec spec, Path csv, String name, boolean exact) throws IOException {
        assertThat(spec.schedules()).hasSize(1);
        Spec.Entry e = spec.schedules().get(0);
        Schedule schedule = Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(lines.get(0)).isEqualTo("step,lr");
        assertThat(spec.steps()).as(name + ": the run's updates").hasValue(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            long step = Long.parseLong(cells[0]);
            double expected = Double.parseDouble(cells[1]);
            double actual = schedule.at(step);
            double tolerance = exact ? 0 : Math.max(GoldenCases.ABSOLUTE, GoldenCases.RELATIVE * Math.abs(expected));
            if (exact ? Double.doubleToLongBits(actual) != Double.doubleToLongBits(expected)
                    : !(Math.abs(actual - expected) <= tolerance)) {
                fail(name + " at update " + step + ": expected " + expected + " but was " + actual);
            }
        }
    }

    /** A document as the reader makes it from {@code text}. */
    public static Document yaml(String source, String text) {
        return new Document(source, Optional.empty(), text, TreeReader.read(source, text, false));
    }

    /** src/test/resources/golden/configs/{@code framework}. */
    public static Path directory(String framework) {
        URL url = ConfigGolden.class.getClassLoader().getResource("golden/configs/" + framework);
        if (url == null) {
            throw new AssertionError("no golden/configs/" + framework + " in src/test/resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
