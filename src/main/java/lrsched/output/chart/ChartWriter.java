package lrsched.output.chart;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a {@link ChartRenderer.Picture} as the bytes of one image format. Each format is one implementation,
 * registered by one constant of {@link ChartFormat}. Nothing a writer writes may carry a time stamp or anything else
 * that changes from run to run: the same picture gives the same bytes.
 */
interface ChartWriter {

    /** Writes {@code picture}, laid out and sized by {@code options}, to {@code out}. */
    void write(ChartRenderer.Picture picture, ChartOptions options, OutputStream out) throws IOException;

    /** How many columns a curve is {@linkplain Decimator decimated} into for this format at these options. */
    int decimationColumns(ChartOptions options);
}
