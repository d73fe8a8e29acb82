package lrsched.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Numbers;
import lrsched.core.Printable;

/**
 * The steps of {@code --at @FILE} (or {@code --at -}, standard input): one step per line, blank lines and lines
 * starting with {@code #} skipped. Read as a stream: a file is counted first, so that its steps take exactly 8 bytes
 * each (a million steps, 8 MB); standard input, which cannot be read twice, grows its array by half as it reads.
 */
final class StepList {
    private StepList() {}

    /** Whether an {@code --at} value names a list of steps rather than being one. */
    static boolean names(String value) {
        return value.equals("-") || value.startsWith("@");
    }

    static long[] read(String value, Console console) {
        String source = "--at " + value;
        if (value.equals("-")) {
            return read(source, console.stdin(), 1024);
        }
        String name = value.substring(1);
        if (name.isEmpty()) {
            throw new InputException(Location.of(source), "needs a file name after @ (one step per line), or - for "
                    + "standard input");
        }
        Path file = console.workingDir().resolve(name);
        try {
            if (Files.isDirectory(file)) {
                throw new InputException(Location.of(source), "is a folder; give a file with one step per line");
            }
            int count;
            try (InputStream in = Files.newInputStream(file)) {
                count = count(source, in);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(source, in, Math.max(1, count));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String source, InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        int count = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (isStep(line)) {
                count = next(source, count);
            }
        }
        return count;
    }

    private static long[] read(String source, InputStream in, int capacity) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        long[] steps = new long[capacity];
        int count = 0;
        int lineNumber = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (!isStep(line)) {
                    continue;
                }
                String text = line.strip();
                OptionalLong step = Numbers.parseInteger(text);
                if (step.isEmpty() || step.getAsLong() < 0) {
                    throw new InputException(new Location(source, lineNumber, 1 + line.indexOf(text.charAt(0))),
                            "'" + Printable.shortened(text, 40) + "' is not a step (a whole number, 0 or more, one per line)");
                }
                if (count == steps.length) {
                    steps = Arrays.copyOf(steps, (int) Math.min(MAX_STEPS, count + count / 2L + 1));
                }
                steps[count] = step.getAsLong();
                count = next(source, count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (count == 0) {
            throw new InputException(Location.of(source), "lists no steps; write one step per line");
        }
        return count == steps.length ? steps : Arrays.copyOf(steps, count);
    }

    private static boolean isStep(String line) {
        String t = line.strip();
        return !t.isEmpty() && !t.startsWith("#");
    }

    /** One more step, within what an array holds. */
    private static int next(String source, int count) {
        if (count >= MAX_STEPS) {
            throw new InputException(Location.of(source), String.format(java.util.Locale.ROOT,
                    "lists more than %,d steps; split the list or use --from, --to and --every", MAX_STEPS));
        }
        return count + 1;
    }

    /** The most steps a list may hold: an array's limit, rounded down (1.6 GB of steps). */
    static final int MAX_STEPS = 200_000_000;
}
