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

import lrsched.core.Schedule;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.testing.GoldenCases;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the golden cases of one framework's configs under src/test/resources/golden/configs/NAME/, written by
 * src/tools/golden/*_configs.py from the framework's own code: {@code CASE.yaml} or {@code CASE.json} (the config),
 * {@code CASE.run} (the flags the case needs: {@code run:}, {@code versions:}, {@code as:} lines) and {@code CASE.csv}
 * ({@code step,lr} for every update of the run). Every row must match within 1e-9 relative, and the run must have
 * exactly the CSV's rows.
 */
public final class ConfigGoldenCases {
    private ConfigGoldenCases() {}

    public static Stream<DynamicTest> of(String framework) {
        Path dir = directory(framework);
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".run")).sorted().forEach(run -> {
                String name = run.getFileName().toString().replaceFirst("\\.run$", "");
                tests.add(DynamicTest.dynamicTest(framework + "/" + name, () -> check(dir, name)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(tests).as("golden cases in " + dir).isNotEmpty();
        return tests.stream();
    }

    /** The spec a case's config gives with its flags. */
    public static Spec load(Path dir, String name) throws IOException {
        Path config = Files.exists(dir.resolve(name + ".yaml")) ? dir.resolve(name + ".yaml")
                : dir.resolve(name + ".json");
        List<String> run = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        Optional<String> as = Optional.empty();
        for (String line : Files.readAllLines(dir.resolve(name + ".run"), StandardCharsets.UTF_8)) {
            if (line.startsWith("run:")) {
                run.add(line.substring(4).strip());
            } else if (line.startsWith("versions:")) {
                versions.add(line.substring(9).strip());
            } else if (line.startsWith("as:")) {
                as = Optional.of(line.substring(3).strip());
            }
        }
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                .load(List.of(config.getFileName()), as, run, versions, List.of(), List.of());
    }

    private static void check(Path dir, String name) throws IOException {
        assertMatchesCsv(load(dir, name), dir.resolve(name + ".csv"), name);
    }

    /**
     * The spec's one schedule matches {@code csv} ({@code step,lr}) at every row within the golden tolerances, and
     * the spec's run has exactly that many updates.
     */
    public static void assertMatchesCsv(Spec spec, Path csv, String name) throws IOException {
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
            double tolerance = Math.max(GoldenCases.ABSOLUTE, GoldenCases.RELATIVE * Math.abs(expected));
            if (!(Math.abs(actual - expected) <= tolerance)) {
                fail(name + " at update " + step + ": expected " + expected + " but was " + actual);
            }
        }
    }

    public static Path directory(String framework) {
        URL url = ConfigGoldenCases.class.getClassLoader().getResource("golden/configs/" + framework);
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
