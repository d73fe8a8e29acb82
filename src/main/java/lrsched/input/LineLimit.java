package lrsched.input;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import lrsched.core.InputException;
import lrsched.core.Location;

/**
 * A reader that refuses a line longer than a limit, so that a line-oriented input that is not what it should be
 * ({@code /dev/zero}, a binary file, {@code <(yes)} without newlines) ends quickly with one line instead of filling
 * memory: wrap the source's reader in it, then in a {@link java.io.BufferedReader} as usual. It counts lines as it
 * goes, so the message names the line. The cost is one scan of each buffer the reader fills.
 */
public final class LineLimit extends FilterReader {
    /** The longest line accepted by default, in characters: far above any CSV or JSON-lines log row. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private final String source;
    private final int maxChars;
    private long line = 1;
    private long length;

    /** {@code in}, refusing lines longer than {@link #MAX_LINE_CHARS}; {@code source} names it in the message. */
    public LineLimit(Reader in, String source) {
        this(in, source, MAX_LINE_CHARS);
    }

    /** {@code in}, refusing lines longer than {@code maxChars} (a test's small limit). */
    public LineLimit(Reader in, String source, int maxChars) {
        super(in);
        this.source = source;
        this.maxChars = maxChars;
    }

    /**
     * A buffered UTF-8 reader of {@code file} (malformed input is an error, as with
     * {@link Files#newBufferedReader}) whose lines are limited to {@link #MAX_LINE_CHARS}.
     */
    public static BufferedReader open(Path file, String source) throws IOException {
        return new BufferedReader(new LineLimit(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()), source));
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        for (int i = offset; i < offset + n; i++) {
            count(buffer[i]);
        }
        return n;
    }

    private void count(char c) {
        if (c == '\n') {
            line++;
            length = 0;
        } else if (c != '\r' && ++length > maxChars) { // a CRLF line's CR is not part of the line
            throw new InputException(new Location(source, (int) Math.min(line, Integer.MAX_VALUE), 1),
                    String.format(Locale.ROOT, "a line longer than %,d characters; is this the right file?",
                            maxChars));
        }
    }
}
