package lrsched.output.chart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;

/** SVG through VectorGraphics2D, its generated ids renumbered so that equal pictures give equal bytes. */
final class SvgWriter implements ChartWriter {

    /** XChart's clip ids come from identity hash codes, which differ from run to run. */
    private static final Pattern SVG_ID = Pattern.compile("\\b(clip)(\\d+)\\b");

    @Override
    public void write(ChartRenderer.Picture picture, ChartOptions o, OutputStream out) throws IOException {
        byte[] raw = VectorPages.draw(picture, new SVGProcessor(), o, o.width(), o.height(), o.designScale());
        out.write(renumberIds(new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int decimationColumns(ChartOptions o) {
        return VectorPages.decimationColumns(o);
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

}
