package lrsched.output.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import lrsched.output.chart.ChartSeries;
import lrsched.output.chart.Decimator;
import org.junit.jupiter.api.Test;

class TerminalChartTest {

    private static ChartSeries ramp() {
        return Decimator.sample(0, 1000, 200, s -> s * 1e-6).toSeries("ramp");
    }

    private static List<String> lines(String chart) {
        return chart.lines().toList();
    }

    @Test
    void rowsToFitLeaveTheWholeChartOneLineShortOfTheTerminal() {
        List<ChartSeries> two = List.of(ramp(), Decimator.sample(0, 1000, 200, s -> 1e-3 - s * 1e-6).toSeries("fall"));
        TermOptions o = TermOptions.ofWidth(60).withTitle("Two");
        for (int lines : new int[] {12, 18, 24, 40}) {
            int rows = TerminalChart.rowsToFit(two, o, lines);
            String chart = TerminalChart.render(two, o.withHeight(rows));
            assertThat(chart.lines().count()).as("%d lines", lines).isLessThanOrEqualTo(lines - 1);
        }
        assertThat(TerminalChart.rowsToFit(two, o, 100)).isEqualTo(o.height()); // a tall terminal: the default
        assertThat(TerminalChart.rowsToFit(two, o, 5)).isEqualTo(4); // too short: the fewest rows
    }

    @Test
    void constantCurveIsOneRowOfTopDots() {
        ChartSeries flat = ChartSeries.of("flat", new double[] {0, 100}, new double[] {2e-3, 2e-3});
        List<String> l = lines(TerminalChart.render(List.of(flat), TermOptions.ofWidth(40).withHeight(4)));
        // y axis runs from 0 to 2e-3: the curve is the top row of dots, drawn as U+2809 (dots 1 and 4)
        String plot = l.get(1);
        assertThat(plot).contains("⠉".repeat(30));
        assertThat(l.get(2).substring(l.get(2).indexOf('│') + 1)).isBlank();
    }

    @Test
    void rampRisesOneDotPerDotAcrossTheCanvas() {
        TermOptions o = TermOptions.ofWidth(40).withHeight(4);
        List<String> l = lines(TerminalChart.render(List.of(ramp()), o));
        // rows 1..4 are the plot: the ramp starts in the bottom-left cell and ends in the top-right cell
        String top = l.get(1), bottom = l.get(4);
        int leftOfPlot = bottom.indexOf('┤') + 1;
        assertThat(bottom.charAt(leftOfPlot)).isNotEqualTo(' ');
        assertThat(top.charAt(top.length() - 1)).isNotEqualTo(' ');
        assertThat(top.charAt(leftOfPlot)).isEqualTo(' ');
        // each plot row holds a diagonal run: its dots sit further right the higher the row
        int previousStart = Integer.MAX_VALUE;
        for (int row = 1; row <= 4; row++) {
            String line = l.get(row);
            int start = line.indexOf(line.substring(leftOfPlot).strip().charAt(0), leftOfPlot);
            assertThat(start).isLessThan(previousStart);
            previousStart = start;
        }
    }

    @Test
    void axesHaveRoundTickLabelsAndTitles() {
        String chart = TerminalChart.render(List.of(ramp()), TermOptions.ofWidth(60).withHeight(8));
        List<String> l = lines(chart);
        assertThat(l.get(0)).isEqualTo("Learning rate");
        assertThat(chart).contains("1e-3 ┤", "   0 ┤", "└┬");
        String ticks = l.get(l.size() - 3);
        assertThat(ticks.strip()).startsWith("0").contains("500").endsWith("1k");
        assertThat(l.get(l.size() - 2).strip()).isEqualTo("Step");
        assertThat(l.get(l.size() - 1)).isEqualTo("⣿⣿ ramp  (peak 1e-3 at 1k)");
    }

    @Test
    void everyLineFitsTheWidth() {
        for (int width : new int[] {30, 57, 80, 120}) {
            String chart = TerminalChart.render(List.of(ramp(), ramp()), TermOptions.ofWidth(width));
            assertThat(chart.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        }
    }

    @Test
    void withoutColourSeveralCurvesAreNumbered() {
        ChartSeries a = ChartSeries.of("a", new double[] {0, 100}, new double[] {1, 0});
        ChartSeries b = ChartSeries.of("b", new double[] {0, 100}, new double[] {0, 0.5});
        String chart = TerminalChart.render(List.of(a, b), TermOptions.ofWidth(50));
        assertThat(chart).doesNotContain("\u001b[").contains("[1] a  (peak 1 at 0)", "[2] b  (peak 0.5 at 100)");
        assertThat(chart.chars().filter(c -> c == '1').count()).isGreaterThanOrEqualTo(2); // tag and legend
    }

    @Test
    void colourUsesAnsiEscapesAndResetsThem() {
        String chart = TerminalChart.render(List.of(ramp()), TermOptions.ofWidth(50).withColor(true));
        assertThat(chart).contains("\u001b[34m");
        assertThat(chart.lines().filter(l -> l.contains("┤") || l.contains("│"))).allSatisfy(l -> assertThat(l).endsWith(
                "\u001b[0m"));
    }

    @Test
    void loggedCurvesAreDashedDrawnLastAndKeyedAsDashes() {
        ChartSeries log = ChartSeries.of("log", new double[] {0, 100}, new double[] {1, 1}).asLogged();
        ChartSeries plan = ChartSeries.of("plan", new double[] {0, 100}, new double[] {1, 1});
        String chart = TerminalChart.render(List.of(log, plan), TermOptions.ofWidth(40).withHeight(4)
                .withColor(true));
        // the plan (blue) shows where the dashed log (yellow, drawn over it) leaves a gap
        String top = lines(chart).get(1);
        assertThat(top).contains("\u001b[34m", "\u001b[33m");
        assertThat(chart).contains("⣿⣿\u001b[0m plan", "╌╌\u001b[0m log");
        assertThat(chart.indexOf("plan  (peak")).isLessThan(chart.indexOf("log  (peak"));
        String alone = TerminalChart.render(List.of(log), TermOptions.ofWidth(40).withHeight(4));
        assertThat(lines(alone).get(1)).endsWith("┤⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉");
    }

    @Test
    void warmupEndIsADottedColumn() {
        ChartSeries s = Decimator.sample(0, 1000, 200, t -> t < 200 ? t * 1e-5 : 2e-3).toSeries("w").withWarmupEnd(200);
        String chart = TerminalChart.render(List.of(s), TermOptions.ofWidth(50).withHeight(6));
        assertThat(chart.lines().filter(l -> l.contains("┊")).count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void logAxisLabelsDecades() {
        ChartSeries s = Decimator.sample(0, 1000, 200, t -> 1e-3 * Math.pow(0.99, t)).toSeries("exp");
        String chart = TerminalChart.render(List.of(s), TermOptions.ofWidth(60).withLogY(true));
        assertThat(chart).contains("1e-3 ┤", "1e-7 ┤");
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertThat(TermOptions.colorWanted(Map.of(), true)).isTrue();
        assertThat(TermOptions.colorWanted(Map.of(), false)).isFalse();
        assertThat(TermOptions.colorWanted(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(TermOptions.colorWanted(Map.of("NO_COLOR", ""), true)).isTrue();
        assertThat(TermOptions.colorWanted(Map.of("TERM", "dumb"), true)).isFalse();
    }

    @Test
    void widthComesFromColumns() {
        assertThat(TermOptions.widthFromEnvironment(Map.of("COLUMNS", "132"), 80)).isEqualTo(132);
        assertThat(TermOptions.widthFromEnvironment(Map.of("COLUMNS", "wide"), 80)).isEqualTo(80);
        assertThat(TermOptions.widthFromEnvironment(Map.of(), 80)).isEqualTo(80);
        assertThat(TermOptions.widthFromEnvironment(Map.of("COLUMNS", "5"), 80)).isEqualTo(80);
    }
}
