package lrsched.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The aligned table writes each column's numbers in one format, so that they line up and read alike. */
class TableTest {

    @Test
    void aColumnOfPlainNumbersHasOneNumberOfDecimals() {
        Table t = new Table(List.of("schedule", "peak", "sum"));
        t.row(List.of("a", 0.001, 10.0));
        t.row(List.of("b", 0.001, 6.833333333));
        t.row(List.of("c", 0.0015, 0.0));
        assertThat(t.render(Table.Format.TABLE)).isEqualTo("""
                schedule  peak    sum
                a         0.0010  10.00000
                b         0.0010   6.83333
                c         0.0015   0.00000
                """);
    }

    @Test
    void aColumnWithOneNumberOutOfThePlainRangeIsScientificThroughout() {
        Table t = new Table(List.of("schedule", "last"));
        t.row(List.of("a", 5.2632e-8));
        t.row(List.of("b", 0.25));
        t.row(Arrays.asList("c", 0.0));
        t.row(Arrays.asList("d", null));
        assertThat(t.render(Table.Format.TABLE)).isEqualTo("""
                schedule  last
                a         5.2632e-08
                b         2.5000e-01
                c         0.0000e+00
                d                  -
                """);
    }

    @Test
    void wholeNumbersAndTextAreLeftAsTheyAre() {
        Table t = new Table(List.of("schedule", "steps", "lr"));
        t.row(List.of("a", 20000L, 1.0));
        t.row(List.of("b", 3L, 2.0));
        assertThat(t.render(Table.Format.TABLE)).isEqualTo("""
                schedule  steps  lr
                a         20000   1
                b             3   2
                """);
    }
}
