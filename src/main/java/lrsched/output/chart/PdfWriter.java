package lrsched.output.chart;

import java.io.IOException;
import java.io.OutputStream;

import de.erichseifert.vectorgraphics2d.pdf.PDFProcessor;

/** PDF through VectorGraphics2D: one page the size the chart would print at. */
final class PdfWriter implements ChartWriter {

    /**
     * VectorGraphics2D's PDF pages are measured in millimetres; a chart pixel is 1/96 inch, so an 800x500 chart is an
     * 8.33x5.21 inch page, as it would be printed from the SVG.
     */
    @Override
    public void write(ChartRenderer.Picture picture, ChartOptions o, OutputStream out) throws IOException {
        double mmPerPixel = 25.4 / ChartOptions.BASE_DPI;
        out.write(VectorPages.draw(picture, new PDFProcessor(true), o, o.width() * mmPerPixel, o.height() * mmPerPixel,
                o.designScale() * mmPerPixel));
    }

    @Override
    public int decimationColumns(ChartOptions o) {
        return VectorPages.decimationColumns(o);
    }
}
