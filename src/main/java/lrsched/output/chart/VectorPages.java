package lrsched.output.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import de.erichseifert.vectorgraphics2d.Processor;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/** What the vector formats share: drawing a picture on a VectorGraphics2D page. */
final class VectorPages {

    private VectorPages() {
    }

    /** Readers zoom into vector images: two columns per chart pixel. */
    static int decimationColumns(ChartOptions o) {
        return 2 * o.width();
    }

    static byte[] draw(ChartRenderer.Picture picture, Processor processor, ChartOptions o, double width,
                                 double height, double scale) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(o.theme().background());
        g.fill(new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
        if (scale != 1.0) {
            g.scale(scale, scale);
        }
        picture.paint(g);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        processor.getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(bytes);
        return bytes.toByteArray();
    }

}
