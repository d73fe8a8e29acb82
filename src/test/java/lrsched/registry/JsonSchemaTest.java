package lrsched.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import lrsched.library.Libraries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The generated schema, checked with an independent JSON Schema validator against real spec files. */
class JsonSchemaTest {
    private static Schema schema;
    private static final YAMLMapper YAML = new YAMLMapper();

    @BeforeAll
    static void load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        schema = registry.getSchema(JsonSchema.of(Libraries.registry()));
    }

    private static List<Error> validate(String yaml) {
        JsonNode node = YAML.readTree(yaml);
        return schema.validate(node);
    }

    @TestFactory
    Stream<DynamicTest> acceptsTheExamplesAndEveryValidGoldenSpec() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("examples")), Files.walk(Path.of(
                "src/test/resources/golden")))) {
            // examples/configs/ and golden/configs/ hold frameworks' own config files, not lrsched specs
            files = s.filter(p -> p.toString().endsWith(".yaml"))
                    // framework configs (examples/configs, golden/configs) are not lrsched specs
                    .filter(p -> !p.toString().replace('\\', '/').contains("configs/"))
                    // training logs (golden/logs: an MLflow run's meta.yaml) are not lrsched specs either
                    .filter(p -> !p.toString().replace('\\', '/').contains("golden/logs/"))
                    .filter(p -> !Files.exists(Path.of(p.toString().replaceFirst("\\.yaml$", ".error"))))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () ->
                assertThat(validate(Files.readString(f))).as(f.toString()).isEmpty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "schedules: [{type: cosine, lr: 1, total: 10, totl: 5}]",
            "schedules: [{type: cosin, lr: 1, total: 10}]",
            "schedules: [{type: cosine, lr: 1}]",
            "schedules: [{type: cosine, lr: -1, total: 10}]",
            "schedules: [{type: cosine, lr: 1, total: 10, warmup_shape: square}]",
            "schedules: [{type: torch.StepLR, lr: 1, step_size: 2.5}]",
            "steps: 0\nschedules: [{type: constant, lr: 1}]",
            "stepz: 10\nschedules: [{type: constant, lr: 1}]",
            "schedules: 5",
            "training: {dataset_size: 100, num_epochs: 3}\nschedules: [{type: hf.linear, lr: 1}]",
            "schedules: [{type: constant, lr: 1, stepping: daily}]",
    })
    void rejectsMistakes(String yaml) {
        assertThat(validate(yaml)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "type: noam\nd_model: 512\nwarmup: 4000\nsteps: 100",
            "schedules: [{type: expr, formula: 'a * step', a: 0.5}]",
            "schedules: [{type: interpolate, points: {0: 0.0, 100: 1.0}}]",
            "schedules: [{type: sequence, boundaries: [5], schedules: [{type: constant, lr: 1}, {type: constant, lr: 2}]}]",
            "training: {dataset_size: 100, warmup_ratio: 0.1}\nnum_processes: 2\nschedules: [{type: hf.linear, lr: 1}]",
            "schedules: [{type: torch.StepLR, lr: 1, step_size: 2, stepping: epoch, steps_per_epoch: 10}]",
    })
    void acceptsValidForms(String yaml) {
        assertThat(validate(yaml)).isEmpty();
    }
}
