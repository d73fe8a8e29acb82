package lrsched.output.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LabelPartsTest {

    @Test
    void partsEveryLabelHasAreTakenOut() {
        LabelParts.Shared s = LabelParts.dropShared(List.of("a=1, b=3, c=5", "a=2, b=3, c=5"));
        assertThat(s.text()).isEqualTo("b=3, c=5");
        assertThat(s.rest()).containsExactly("a=1", "a=2");
    }

    @Test
    void nothingIsTakenFromOneLabelOrFromLabelsThatWouldBeEmpty() {
        assertThat(LabelParts.dropShared(List.of("a=1, b=2")).rest()).containsExactly("a=1, b=2");
        assertThat(LabelParts.dropShared(List.of("x", "x, y")).rest()).containsExactly("x", "x, y");
        assertThat(LabelParts.dropShared(List.of("warmup 500", "warmup 2000")).shared()).isEmpty();
    }

    @Test
    void sameKeysInTheSameOrderBecomeAHeading() {
        assertThat(LabelParts.keys(List.of("a=1, b=2", "a=3, b=4"))).hasValueSatisfying(k -> {
            assertThat(k.heading()).isEqualTo("a, b");
            assertThat(k.values()).containsExactly("1, 2", "3, 4");
        });
        assertThat(LabelParts.keys(List.of("a=1", "b=2"))).isEmpty();
        assertThat(LabelParts.keys(List.of("cosine lr=1e-4", "linear"))).isEmpty();
        assertThat(LabelParts.keys(List.of("a=1"))).isEmpty();
    }

    @Test
    void wrappingBreaksAfterCommas() {
        assertThat(LabelParts.wrap("abc=1, de=2, f=3", 8, String::length)).containsExactly("abc=1,", "de=2,",
                "f=3");
        assertThat(LabelParts.wrap("abc=1, de=2", 20, String::length)).containsExactly("abc=1, de=2");
    }

    @Test
    void wordWrappingBreaksAtSpaces() {
        assertThat(LabelParts.wrapWords("step decay  (peak 3e-4 at 0)", 12, String::length))
                .containsExactly("step decay", "(peak 3e-4", "at 0)");
        assertThat(LabelParts.wrapWords("unbreakable_name_here", 5, String::length))
                .containsExactly("unbreakable_name_here");
    }
}
