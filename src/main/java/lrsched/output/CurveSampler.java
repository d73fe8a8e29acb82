package lrsched.output;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import lrsched.core.Curve;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;
import lrsched.output.chart.ChartSeries;
import lrsched.output.chart.Decimator;

/**
 * Evaluates curves at the selected steps for a chart: every step is evaluated (so no spike is missed), but only
 * the points the picture needs are kept ({@link Decimator}), so ten million steps take constant memory. Curves are
 * evaluated in parallel; the result does not depend on the number of threads.
 */
public final class CurveSampler {
    private CurveSampler() {}

    /**
     * One series per curve, named after it, with its warmup end marked where the schedule knows it.
     *
     * @param columns the chart's width in device pixels (see {@code ChartOptions.decimationColumns})
     */
    public static List<ChartSeries> sample(List<Curve> curves, StepSelection steps, int columns) {
        long[] listed = steps instanceof StepSelection.Listed l ? Arrays.stream(l.steps()).sorted().distinct()
                .toArray() : null;
        long first = listed != null ? listed[0] : steps.get(0);
        long last = listed != null ? listed[listed.length - 1] : steps.max();
        return IntStream.range(0, curves.size()).parallel().mapToObj(i -> {
            Curve curve = curves.get(i);
            Schedule schedule = curve.schedule();
            Decimator d = new Decimator(first, last, columns);
            schedule.warmupEnd().ifPresent(w -> d.keep(w - 1, w));
            if (listed != null) {
                for (long s : listed) {
                    d.accept(s, value(curve, s));
                }
            } else {
                long n = steps.size();
                for (long k = 0; k < n; k++) {
                    long s = steps.get(k);
                    d.accept(s, value(curve, s));
                }
            }
            ChartSeries series = d.finish().toSeries(curve.name());
            return schedule.warmupEnd().isPresent() ? series.withWarmupEnd(schedule.warmupEnd().getAsLong())
                    : series;
        }).toList();
    }

    private static double value(Curve curve, long step) {
        double v = curve.schedule().at(step);
        if (!Double.isFinite(v)) {
            throw new NonFiniteValueException(curve.name(), step, v);
        }
        return v;
    }
}
