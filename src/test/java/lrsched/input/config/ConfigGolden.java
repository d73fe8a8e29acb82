package lrsched.input.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.Node;
import lrsched.input.document.Document;
import lrsched.input.document.TreeReader;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import org.junit.jupiter.api.DynamicTest;

/**
 * The golden cases of one framework's config format under src/test/resources/golden/configs/FRAMEWORK/, written by
 * src/tools/golden/FRAMEWORK_configs.py from the framework's own code: {@code CASE.yaml} (the config as the
 * framework reads it), {@code CASE.run} (the {@code --run} facts, one {@code key=value} a line) and
 * {@code CASE.csv} ({@code step,lr}: every update of the run). The config must be claimed by {@code format}, give
 * exactly the run's number of updates, and match every row within 1e-9 relative.
 */
public final class ConfigGolden {
    private ConfigGolden() {}

    /** A document as the reader makes it from {@code text}. */
    public static Document yaml(String source, String text) {
        return new Document(source, Optional.empty(), text, TreeReader.read(source, text, false));
    }

    public static Stream<DynamicTest> of(String framework) {
        Path dir = directory(framework);
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(config -> {
                String name = config.getFileName().toString().replaceFirst("\\.yaml$", "");
                tests.add(DynamicTest.dynamicTest(framework + "/" + name, () -> check(framework, config, name)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(tests).as("golden cases in " + dir).isNotEmpty();
        return tests.stream();
    }

    /** One golden case read as the command line reads it, with its facts. */
    public static Spec load(String framework, String name) throws IOException {
        return load(directory(framework).resolve(name + ".yaml"), name);
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

    private static Spec load(Path config, String name) throws IOException {
        Path dir = config.getParent();
        List<String> facts = Files.readAllLines(dir.resolve(name + ".run"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                .load(List.of(config), Optional.empty(), facts, List.of(), List.of());
    }

    private static void check(String framework, Path config, String name) throws IOException {
        Path dir = config.getParent();
        Spec spec = load(config, name);
        assertThat(spec.files()).hasSize(1);
        assertThat(spec.files().get(0).format().name()).isEqualTo(framework);
        ConfigGoldenCases.assertMatchesCsv(spec, dir.resolve(name + ".csv"), name);
    }

    private static Path directory(String framework) {
        return ConfigGoldenCases.directory(framework);
    }
}
