package lrsched.output.chart;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The image formats a chart can be written in, chosen by the output file's extension: one constant per format, each
 * with its {@link ChartWriter}. A new format is a new writer and one constant here.
 */
public enum ChartFormat {
    PNG("png", () -> new PngWriter()),
    SVG("svg", () -> new SvgWriter()),
    PDF("pdf", () -> new PdfWriter());

    private final String extension;
    /** (Lambdas, not method references: a writer's classes load only when its format is used.) */
    private final Supplier<ChartWriter> writer;

    ChartFormat(String extension, Supplier<ChartWriter> writer) {
        this.extension = extension;
        this.writer = writer;
    }

    ChartWriter writer() {
        return writer.get();
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
