package lrsched.output.chart;

import java.util.List;

/** Small schedules for chart tests, written out here so the tests need nothing from the schedule packages. */
final class Curves {

    private Curves() {
    }

    static double noam(long step, long warmup) {
        double s = Math.max(step, 1);
        return Math.pow(512, -0.5) * Math.min(Math.pow(s, -0.5), step * Math.pow(warmup, -1.5));
    }

    static double warmupCosine(long step, long warmup, long total) {
        return step < warmup ? 6e-4 * step / warmup
                : 6e-4 * 0.5 * (1 + Math.cos(Math.PI * (step - warmup) / (double) (total - warmup)));
    }

    static double stepDecay(long step) {
        return 5e-4 * Math.pow(0.5, step / 5000);
    }

    /** Three decimated curves over 20k steps, as the plot command would hand them over. */
    static List<ChartSeries> three(int columns) {
        long last = 19_999;
        return List.of(
                Decimator.sample(0, last, columns, s -> noam(s, 4000), 4000).toSeries("noam").withWarmupEnd(4000),
                Decimator.sample(0, last, columns, s -> warmupCosine(s, 1000, 20_000), 1000).toSeries("cosine")
                        .withWarmupEnd(1000),
                Decimator.sample(0, last, columns, Curves::stepDecay, 5000, 10_000, 15_000).toSeries("step"));
    }
}
