package lrsched.input.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.input.document.Document;
import lrsched.input.document.DocumentReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every config file the project holds (the examples and the golden configs of every format) is claimed by exactly
 * the format it was written for, and no other: recognition never guesses, so a second claim would be an error.
 */
class RecognitionTest {
    private static final DocumentReader READER = new DocumentReader(InputStream.nullInputStream(), Path.of("."));

    @TestFactory
    Stream<DynamicTest> eachConfigIsClaimedByItsOwnFormatAlone() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> golden = Files.list(Path.of("src/test/resources/golden/configs"))) {
            for (Path dir : golden.sorted().toList()) {
                for (Path file : configs(dir)) {
                    String expected = dir.getFileName().toString();
                    // a TrainingArguments file that points to a ds_config is an hf file, though it tests DeepSpeed
                    if (expected.equals("deepspeed") && !file.toString().endsWith(".json")) {
                        expected = "hf";
                    }
                    if (!forced(file)) {
                        tests.add(claimed(file, expected));
                    }
                }
            }
        }
        for (Path file : configs(Path.of("examples/configs"))) {
            String name = file.getFileName().toString();
            String expected = name.equals("deepspeed-hf.yaml") ? "hf" : name.split("[-_.]")[0];
            tests.add(claimed(file, expected));
        }
        assertThat(tests).hasSizeGreaterThan(150);
        return tests.stream();
    }

    private static DynamicTest claimed(Path file, String format) {
        return DynamicTest.dynamicTest(file.toString(), () -> {
            Document document = READER.read(file);
            assertThat(Formats.standard().choose(document, Optional.empty()).name()).as(file.toString())
                    .isEqualTo(format);
        });
    }

    /** Cases read with --as (their .run file says "as: FORMAT"): files no format should claim on its own. */
    private static boolean forced(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path run = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".run");
        return Files.exists(run) && Files.readAllLines(run).stream().anyMatch(l -> l.startsWith("as:"));
    }

    private static List<Path> configs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().matches(".*\\.(yaml|yml|json|toml|sh)$")).sorted().toList();
        }
    }
}
