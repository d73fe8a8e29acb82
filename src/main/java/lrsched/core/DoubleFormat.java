package lrsched.core;

/**
 * Shortest round-trip decimal text for doubles, laid out exactly as Python's {@code repr(float)}: plain notation for
 * decimal exponents from -4 to 15 ({@code 0.0001}, {@code 100.0}), scientific otherwise ({@code 1e-05},
 * {@code 1.5e+16}), {@code nan}, {@code inf}, {@code -0.0}. The digits come from lrsched's own Schubfach
 * implementation, so the output is the same on every JDK (JDK 17's {@code Double.toString} is not always
 * shortest). Subnormals below 1e-322 keep a second digit where Python prints one ({@code 4.9e-324} for
 * {@code 5e-324}): no learning rate is that small.
 */
public final class DoubleFormat {
    /** The longest text {@link #write} produces, in bytes ({@code -1.2345678901234567e-308}). */
    public static final int MAX_LENGTH = Schubfach.MAX_LENGTH;

    private DoubleFormat() {}

    /** Python's {@code repr(v)}. */
    public static String format(double v) {
        byte[] bytes = new byte[MAX_LENGTH];
        int n = write(v, bytes, 0);
        return new String(bytes, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Like {@link #format} but whole numbers lose their ".0" (for documentation and ranges). */
    public static String formatCompact(double v) {
        String s = format(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /**
     * Writes Python's {@code repr(v)} as ASCII into {@code buf} at {@code pos} and returns the position after it;
     * needs {@link #MAX_LENGTH} bytes of room. Allocates nothing.
     */
    public static int write(double v, byte[] buf, int pos) {
        return Schubfach.write(v, buf, pos);
    }

    /** Writes {@code v} in decimal as ASCII into {@code buf} at {@code pos} and returns the position after it. */
    public static int writeLong(long v, byte[] buf, int pos) {
        return Schubfach.writeLong(v, buf, pos);
    }
}
