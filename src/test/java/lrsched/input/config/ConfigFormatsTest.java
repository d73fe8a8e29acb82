package lrsched.input.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.input.document.Document;
import lrsched.input.document.DocumentReader;
import lrsched.input.document.TreeReader;
import lrsched.library.Libraries;
import lrsched.registry.RunFacts;
import org.junit.jupiter.api.Test;

class ConfigFormatsTest {

    /** A format that claims documents with a given top-level key. */
    private record Claiming(String name, String key, List<String> refines) implements ConfigFormat {
        Claiming(String name, String key) {
            this(name, key, List.of());
        }

        @Override
        public String title() {
            return name + " config";
        }

        @Override
        public boolean recognizes(Document document) {
            return document.mapping().map(m -> m.get(key).isPresent()).orElse(false);
        }

        @Override
        public Imported read(Document document, ImportContext context) {
            return new Imported(List.of(), OptionalLong.empty(), List.of(), List.of(), List.of());
        }
    }

    private static Document yaml(String source, String text) {
        return new Document(source, Optional.empty(), text, TreeReader.read(source, text, false));
    }

    private static final ConfigFormats FORMATS = new ConfigFormats(List.of(new LrschedFormat(),
            new Claiming("hf", "learning_rate"), new Claiming("axolotl", "micro_batch_size"),
            new Claiming("trainer", "learning_rate")));

    @Test
    void theOneFormatThatClaimsADocumentReadsIt() {
        assertThat(FORMATS.choose(yaml("a.yaml", "micro_batch_size: 2\n"), Optional.empty()).name())
                .isEqualTo("axolotl");
        assertThat(FORMATS.choose(yaml("a.yaml", "steps: 10\nschedules: []\n"), Optional.empty()).name())
                .isEqualTo("lrsched");
        assertThat(FORMATS.choose(yaml("a.yaml", "type: cosine\n"), Optional.empty()).name())
                .isEqualTo("lrsched");
    }

    @Test
    void aDocumentNoFormatClaimsIsReadAsAnLrschedSpec() {
        assertThat(FORMATS.choose(yaml("a.yaml", "model: bert\n"), Optional.empty()).name()).isEqualTo("lrsched");
        assertThat(FORMATS.choose(yaml("a.yaml", ""), Optional.empty()).name()).isEqualTo("lrsched");
    }

    @Test
    void twoClaimsAreAnErrorNamingBoth() {
        assertThatThrownBy(() -> FORMATS.choose(yaml("train.yaml", "learning_rate: 1e-4\n"), Optional.empty()))
                .isInstanceOf(InputException.class)
                .hasMessage("train.yaml: could be read as hf or trainer; say which with --as hf (or another of "
                        + "them)");
    }

    @Test
    void aFormatThatRefinesAnotherTakesTheFilesBothClaim() {
        ConfigFormats formats = new ConfigFormats(List.of(new LrschedFormat(), new Claiming("hf", "learning_rate"),
                new Claiming("llamafactory", "stage", List.of("hf"))));
        assertThat(formats.choose(yaml("a.yaml", "learning_rate: 1e-4\nstage: sft\n"), Optional.empty()).name())
                .isEqualTo("llamafactory");
        assertThat(formats.choose(yaml("a.yaml", "learning_rate: 1e-4\n"), Optional.empty()).name())
                .isEqualTo("hf");
    }

    @Test
    void aForcedFormatIsTakenByName() {
        assertThat(FORMATS.choose(yaml("a.yaml", "learning_rate: 1e-4\n"), Optional.of("trainer")).name())
                .isEqualTo("trainer");
        assertThatThrownBy(() -> FORMATS.choose(yaml("a.yaml", "x: 1\n"), Optional.of("axolotol")))
                .isInstanceOf(InputException.class)
                .hasMessage("--as: unknown format 'axolotol'; did you mean 'axolotl'? (the formats are lrsched, hf, "
                        + "axolotl, trainer)");
    }

    @Test
    void theLrschedFormatReportsTheNumbersItsTrainingBlockDerived() {
        Imported imported = new LrschedFormat().read(yaml("t.yaml", "training: {dataset_size: 10000, "
                + "per_device_batch_size: 16, num_devices: 4, gradient_accumulation_steps: 2, warmup_ratio: 0.1}\n"
                + "schedules: [{type: hf.linear, lr: 5.0e-5}]\n"), new ImportContext(Libraries.registry(),
                RunFacts.none(), new DocumentReader(InputStream.nullInputStream(), Path.of("."))));
        assertThat(imported.facts()).containsExactly(
                new Imported.Fact("batches per device per epoch", "157", "ceil(ceil(10000 / 16) / 4)"),
                new Imported.Fact("updates per epoch", "79", "max(ceil(157 / 2), 1)"),
                new Imported.Fact("num_training_steps", "237", "ceil(3 x 79)"),
                new Imported.Fact("num_warmup_steps", "24", "ceil(237 x 0.1)"));
        assertThat(imported.steps()).hasValue(237);
        assertThat(imported.schedules().get(0).get("num_training_steps")).isPresent();
    }
}
