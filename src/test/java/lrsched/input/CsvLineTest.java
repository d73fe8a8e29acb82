package lrsched.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void plainCellsSplitAtCommas() {
        assertThat(CsvLine.split("Wall time,Step,Value")).containsExactly("Wall time", "Step", "Value");
        assertThat(CsvLine.split("1,,3")).containsExactly("1", "", "3");
        assertThat(CsvLine.split("")).containsExactly("");
    }

    @Test
    void quotedCellsKeepCommasAndDoubledQuotes() {
        assertThat(CsvLine.split("\"Step\",\"Group: a, b - lr\",\"say \"\"hi\"\"\""))
                .containsExactly("Step", "Group: a, b - lr", "say \"hi\"");
    }

    @Test
    void columnsAreWhereEachCellStarts() {
        CsvLine line = new CsvLine().read("\"Step\",12,,0.5");
        assertThat(line.size()).isEqualTo(4);
        assertThat(new int[] {line.column(0), line.column(1), line.column(2), line.column(3)})
                .containsExactly(1, 8, 11, 12);
    }

    @Test
    void aReusedLineForgetsThePreviousOne() {
        CsvLine line = new CsvLine();
        line.read("a,b,c,d,e,f,g,h,i,j");
        assertThat(line.read("x,y").cells()).containsExactly("x", "y");
        assertThat(line.column(1)).isEqualTo(3);
    }
}
