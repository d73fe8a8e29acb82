package lrsched.output.term;

import java.util.Map;
import java.util.Objects;

/**
 * How to draw a chart in the terminal.
 *
 * @param width      total width in characters, labels included (at least 30)
 * @param height     height of the plot area in text rows (at least 4)
 * @param color      whether to colour the curves with ANSI escapes
 * @param title      a title line above the chart; empty for none
 * @param xAxisTitle the x axis title
 * @param yAxisTitle the y axis title
 * @param logY       logarithmic y axis
 */
public record TermOptions(int width, int height, boolean color, String title, String xAxisTitle, String yAxisTitle,
                          boolean logY) {

    public TermOptions {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xAxisTitle, "xAxisTitle");
        Objects.requireNonNull(yAxisTitle, "yAxisTitle");
        if (width < 30 || width > 1000) {
            throw new IllegalArgumentException("terminal chart width must be 30 to 1000 columns, got " + width);
        }
        if (height < 4 || height > 500) {
            throw new IllegalArgumentException("terminal chart height must be 4 to 500 rows, got " + height);
        }
    }

    /** A chart {@code width} columns wide, of a height that suits it, without colour. */
    public static TermOptions ofWidth(int width) {
        return new TermOptions(width, defaultHeight(width), false, "", "Step", "Learning rate", false);
    }

    public TermOptions withColor(boolean color) {
        return new TermOptions(width, height, color, title, xAxisTitle, yAxisTitle, logY);
    }

    public TermOptions withHeight(int height) {
        return new TermOptions(width, height, color, title, xAxisTitle, yAxisTitle, logY);
    }

    public TermOptions withTitle(String title) {
        return new TermOptions(width, height, color, title, xAxisTitle, yAxisTitle, logY);
    }

    public TermOptions withAxisTitles(String xAxisTitle, String yAxisTitle) {
        return new TermOptions(width, height, color, title, xAxisTitle, yAxisTitle, logY);
    }

    public TermOptions withLogY(boolean logY) {
        return new TermOptions(width, height, color, title, xAxisTitle, yAxisTitle, logY);
    }

    /** Plot rows for a width: a terminal cell is about twice as tall as wide, so a quarter of the width, 8 to 24. */
    public static int defaultHeight(int width) {
        return Math.max(8, Math.min(24, width / 4));
    }

    /** The terminal width from {@code $COLUMNS}, or {@code fallback} when it is unset or not a number. */
    public static int widthFromEnvironment(Map<String, String> env, int fallback) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.trim());
                if (w >= 30 && w <= 1000) {
                    return w;
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return fallback;
    }

    /**
     * Whether to colour: only when writing to a terminal, and never when {@code NO_COLOR} is set to anything
     * (https://no-color.org).
     */
    public static boolean colorWanted(Map<String, String> env, boolean stdoutIsTerminal) {
        String noColor = env.get("NO_COLOR");
        return stdoutIsTerminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
