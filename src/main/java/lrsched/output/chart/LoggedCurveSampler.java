package lrsched.output.chart;

import lrsched.core.InputException;
import lrsched.core.LoggedCurve;

/**
 * A logged curve for a chart: its points between two steps, reduced by the {@link Decimator} to what the picture
 * needs, as a {@linkplain ChartSeries#asLogged() logged} series.
 */
public final class LoggedCurveSampler {

    private LoggedCurveSampler() {
    }

    /**
     * The curve's points with steps from {@code firstStep} to {@code lastStep} (inclusive), labelled with the
     * curve's label.
     *
     * @param columns the chart's width in device pixels, as for the computed curves
     * @throws InputException when the curve has no point between the two steps
     */
    public static ChartSeries sample(LoggedCurve curve, long firstStep, long lastStep, int columns) {
        LoggedCurve cut = curve.between(firstStep, lastStep);
        boolean anyFinite = false;
        for (int i = 0, n = cut.size(); i < n && !anyFinite; i++) {
            anyFinite = Double.isFinite(cut.value(i));
        }
        if (!anyFinite) {
            throw new InputException(lrsched.core.Location.of(cut.source()), "every logged value from step "
                    + cut.firstStep() + " to " + cut.lastStep() + " is NaN or infinite (did the run diverge?): "
                    + "there is no curve to draw");
        }
        Decimator decimator = new Decimator(cut.firstStep(), cut.lastStep(), columns);
        for (int i = 0, n = cut.size(); i < n; i++) {
            decimator.accept(cut.step(i), cut.value(i));
        }
        return decimator.finish().toSeries(cut.label()).asLogged();
    }
}
