package lrsched.output.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.List;
import java.util.Locale;

/**
 * Checks that Java can find a font before drawing. A headless machine without fontconfig or any font file makes the
 * JDK fail deep inside text layout with an error that says little; we say what to install instead.
 */
final class Fonts {

    static final String MISSING = "no usable fonts to draw the chart's text; install some "
            + "(Debian/Ubuntu: apt-get install fontconfig fonts-dejavu-core; Fedora: dnf install fontconfig dejavu-sans-fonts)";

    /** Physical fonts first: the PDF writer resolves a logical font like SansSerif slowly, for every command. */
    private static final List<String> PREFERRED = List.of("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica");

    private static volatile boolean checked;
    private static volatile String family;

    private Fonts() {
    }

    /** The font family charts use: the first installed of {@link #PREFERRED}, else Java's logical SansSerif. */
    static String family() {
        String f = family;
        if (f == null) {
            f = Font.SANS_SERIF;
            try {
                for (String candidate : PREFERRED) {
                    // an unknown name falls back to the Dialog family; asking is cheaper than listing every font
                    if (new Font(candidate, Font.PLAIN, 12).getFamily(Locale.ROOT).equals(candidate)) {
                        f = candidate;
                        break;
                    }
                }
            } catch (RuntimeException | Error e) {
                if (isResourceExhaustion(e)) {
                    throw e;
                }
                // no font machinery at all: requireUsable() reports it
            }
            family = f;
        }
        return f;
    }

    /** A font of the chart family. */
    static Font font(int style, float size) {
        return new Font(family(), style, 1).deriveFont(size);
    }

    static boolean isResourceExhaustion(Throwable e) {
        return e instanceof OutOfMemoryError || e instanceof StackOverflowError;
    }

    /** Throws a {@link ChartException} naming the packages to install when no font can be loaded. */
    static void requireUsable() {
        if (checked) {
            return;
        }
        try {
            Font font = font(Font.PLAIN, 12);
            if (font.getStringBounds("0.5", new FontRenderContext(null, true, true)).getWidth() <= 0) {
                throw new ChartException(MISSING);
            }
            font.createGlyphVector(new FontRenderContext(null, true, true), "0.5").getOutline();
        } catch (ChartException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // without fonts the JDK throws InternalError from its font manager, or a plain
            // java.lang.Error "Probable fatal error: No fonts found.", or NoClassDefFoundError afterwards
            if (isResourceExhaustion(e)) {
                throw e;
            }
            throw new ChartException(MISSING, e);
        }
        checked = true;
    }
}
