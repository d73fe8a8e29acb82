package lrsched.output.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** PNG through the JDK's ImageIO: the layout scaled to the image's pixels, the resolution in a pHYs chunk. */
final class PngWriter implements ChartWriter {

    private static final String PNG_FORMAT = "javax_imageio_png_1.0";

    @Override
    public void write(ChartRenderer.Picture picture, ChartOptions o, OutputStream out) throws IOException {
        BufferedImage image = new BufferedImage(o.imageWidth(), o.imageHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            // the layout is scaled up to the image size with rounding: paint the last pixel row and column too
            g.setColor(o.theme().background());
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(o.pixelScale() * o.designScale(), o.pixelScale() * o.designScale());
            // the default (normalize) snaps line ends to pixel centres: slow slopes turn into staircases
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            picture.paint(g);
        } finally {
            g.dispose();
        }
        ImageWriter writer = pngWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    param);
            metadata.mergeTree(PNG_FORMAT, physicalSize(o.dpi()));
            try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
        } finally {
            writer.dispose();
        }
    }

    /** One column per device pixel. */
    @Override
    public int decimationColumns(ChartOptions o) {
        return o.imageWidth();
    }

    private static IIOMetadataNode physicalSize(int dpi) {
        String perMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
        root.appendChild(phys);
        return root;
    }

    private static ImageWriter pngWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime cannot write PNG");
        }
        return writers.next();
    }
}
