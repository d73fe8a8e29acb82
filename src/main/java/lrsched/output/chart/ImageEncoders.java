package lrsched.output.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import de.erichseifert.vectorgraphics2d.Processor;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.pdf.PDFProcessor;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * Turns a {@link ChartRenderer.Picture} into file bytes. Nothing here writes a time stamp, and the SVG's generated
 * ids are renumbered, so equal pictures give equal bytes.
 */
final class ImageEncoders {

    private static final String PNG_FORMAT = "javax_imageio_png_1.0";
    /** XChart's clip ids come from identity hash codes, which differ from run to run. */
    private static final Pattern SVG_ID = Pattern.compile("\\b(clip)(\\d+)\\b");

    private ImageEncoders() {
    }

    static void png(ChartRenderer.Picture picture, ChartOptions o, OutputStream out) throws IOException {
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

    static void svg(ChartRenderer.Picture picture, ChartOptions o, OutputStream out) throws IOException {
        byte[] raw = vector(picture, new SVGProcessor(), o, o.width(), o.height(), o.designScale());
        out.write(renumberIds(new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * VectorGraphics2D's PDF pages are measured in millimetres; a chart pixel is 1/96 inch, so an 800x500 chart is an
     * 8.33x5.21 inch page, as it would be printed from the SVG.
     */
    static void pdf(ChartRenderer.Picture picture, ChartOptions o, OutputStream out) throws IOException {
        double mmPerPixel = 25.4 / ChartOptions.BASE_DPI;
        out.write(vector(picture, new PDFProcessor(true), o, o.width() * mmPerPixel, o.height() * mmPerPixel,
                o.designScale() * mmPerPixel));
    }

    private static byte[] vector(ChartRenderer.Picture picture, Processor processor, ChartOptions o, double width,
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

    static String renumberIds(String svg) {
        Map<String, String> ids = new HashMap<>();
        Matcher m = SVG_ID.matcher(svg);
        StringBuilder sb = new StringBuilder(svg.length());
        while (m.find()) {
            String id = ids.computeIfAbsent(m.group(2), k -> Integer.toString(ids.size() + 1));
            m.appendReplacement(sb, m.group(1) + id);
        }
        m.appendTail(sb);
        return sb.toString();
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
