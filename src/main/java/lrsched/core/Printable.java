package lrsched.core;

/**
 * Text from a file or an argument made safe to show in a message on a terminal: control characters (ESC, BEL, NUL,
 * a line break, ...) become {@code \u001b}-style escapes, so that a log cell or a title cannot move the cursor, change
 * colours or ring the bell, and a message stays one line.
 */
public final class Printable {
    private Printable() {}

    /** {@code text} with every control character (C0, DEL, C1) written as {@code \\uXXXX}. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@link #escape escaped}, and cut to {@code max} characters with an ellipsis when longer. */
    public static String shortened(String text, int max) {
        String cut = text.length() > max ? text.substring(0, max) + "..." : text;
        return escape(cut);
    }
}
