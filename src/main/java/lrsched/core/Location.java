package lrsched.core;

/**
 * Where a piece of spec text came from: a file name (or a flag such as {@code -s 2}), and a 1-based line and column.
 * A line of 0 means the position within the source is unknown.
 */
public record Location(String source, int line, int column) {

    /** A location naming only the source, for errors about a source as a whole. */
    public static Location of(String source) {
        return new Location(source, 0, 0);
    }

    /** The same source, {@code offset} characters further along the same line. */
    public Location shifted(int offset) {
        return line == 0 ? this : new Location(source, line, column + offset);
    }

    @Override
    public String toString() {
        return line == 0 ? source : source + ":" + line + ":" + column;
    }
}
