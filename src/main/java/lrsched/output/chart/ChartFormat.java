package lrsched.output.chart;

import java.util.Locale;
import java.util.Optional;

/** The image formats a chart can be written in, chosen by the output file's extension. */
public enum ChartFormat {
    PNG("png"),
    SVG("svg"),
    PDF("pdf");

    private final String extension;

    ChartFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension without the dot, lower case. */
    public String extension() {
        return extension;
    }

    /** The format a file name asks for by its extension (case-insensitive), if it is one we write. */
    public static Optional<ChartFormat> forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (ChartFormat f : values()) {
            if (f.extension.equals(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
