package lrsched.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import lrsched.core.Curve;
import lrsched.core.StepSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TSV, JSON and JSON Lines carry the same numbers as CSV, in their own layout, whichever path writes them. */
class RowFormatTest {
    private static final List<Curve> CURVES = List.of(new Curve("a \"quoted\"\tname", t -> 1.0 / (t + 1)),
            new Curve("linear", t -> t * 0.5));

    private static String write(RowWriter writer, StepSelection steps, RowFormat.Kind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeCsv(CURVES, steps, out, kind);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void layoutsOfTwoRows() throws IOException {
        StepSelection two = new StepSelection.Range(0, 1, 1);
        RowWriter w = new RowWriter(0, 0);
        assertThat(write(w, two, RowFormat.Kind.TSV)).isEqualTo("step\ta \"quoted\" name\tlinear\n0\t1.0\t0.0\n"
                + "1\t0.5\t0.5\n");
        assertThat(write(w, two, RowFormat.Kind.JSONL)).isEqualTo(
                "{\"step\":0,\"a \\\"quoted\\\"\\tname\":1.0,\"linear\":0.0}\n"
                        + "{\"step\":1,\"a \\\"quoted\\\"\\tname\":0.5,\"linear\":0.5}\n");
        assertThat(write(w, two, RowFormat.Kind.JSON)).isEqualTo(
                "[\n{\"step\":0,\"a \\\"quoted\\\"\\tname\":1.0,\"linear\":0.0},\n"
                        + "{\"step\":1,\"a \\\"quoted\\\"\\tname\":0.5,\"linear\":0.5}\n]\n");
    }

    @ParameterizedTest
    @EnumSource(RowFormat.Kind.class)
    void parallelBlocksGiveTheSequentialBytes(RowFormat.Kind kind) throws IOException {
        StepSelection range = new StepSelection.Range(0, 9_999, 1);
        String sequential = write(new RowWriter(0, 0), range, kind);
        for (int rows : new int[] {1, 7, 1000}) {
            assertThat(write(new RowWriter(2, rows), range, kind)).as("%d rows a block", rows).isEqualTo(sequential);
        }
    }

    @Test
    void jsonReadsBackToTheSameNumbers() throws IOException {
        StepSelection steps = new StepSelection.Listed(new long[] {5, 0, 1_000_000_000_000L});
        JsonNode array = JsonMapper.builder().build().readTree(write(new RowWriter(2, 1), steps, RowFormat.Kind.JSON));
        List<Double> linear = new ArrayList<>();
        array.forEach(row -> linear.add(row.get("linear").asDouble()));
        assertThat(array.size()).isEqualTo(3);
        assertThat(array.get(2).get("step").asLong()).isEqualTo(1_000_000_000_000L);
        assertThat(linear).containsExactly(2.5, 0.0, 5e11);
        assertThat(array.get(0).get("a \"quoted\"\tname").asDouble()).isEqualTo(1.0 / 6);
    }
}
