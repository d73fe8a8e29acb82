package lrsched.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import lrsched.core.Schedule;

/**
 * Counts, per golden directory, how many expected rows lrsched reproduces bit for bit (the same double), how many
 * within GoldenCases' 1e-9 relative, and how many it misses. A measurement for src/docs/compat.md, not a test:
 *
 * <pre>
 *   mvn -B -o -q test-compile exec:java -Dexec.mainClass=lrsched.testing.BitIdentical \
 *       -Dexec.classpathScope=test -Dexec.args="src/test/resources/golden"
 * </pre>
 *
 * prints one Markdown table row per directory that holds CASE.yaml + CASE.csv pairs, then a list of the
 * cases with rows that are not bit-identical.
 */
public final class BitIdentical {
    private BitIdentical() {}

    /**
     * Counts for one directory (or one case): rows that are the same double, rows within GoldenCases' 1e-9, rows
     * missed (beyond it, or refused), and the worst relative difference.
     */
    public record Count(long identical, long close, long missed, double worst) {
        public long all() {
            return identical + close + missed;
        }

        Count plus(Count o) {
            return new Count(identical + o.identical, close + o.close, missed + o.missed, Math.max(worst, o.worst));
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/golden").toAbsolutePath();
        StringBuilder details = new StringBuilder();
        System.out.println("| golden directory | rows | bit-identical | within 1e-9 | missed | share bit-identical |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Count total = new Count(0, 0, 0, 0);
                for (Map.Entry<String, Count> e : cases(dir).entrySet()) {
                    String name = e.getKey();
                    Count c = e.getValue();
                    total = total.plus(c);
                    if (c.identical() != c.all()) {
                        details.append(dir.getFileName()).append('/').append(name).append(": ")
                                .append(c.all() - c.identical()).append(" of ").append(c.all())
                                .append(" rows differ, by up to ").append(String.format("%.1e", c.worst()))
                                .append(" relative").append(c.missed() > 0 ? " (" + c.missed() + " beyond 1e-9)" : "")
                                .append('\n');
                    }
                }
                if (total.all() > 0) {
                    System.out.printf("| %s | %d | %d | %d | %d | %.1f%% |%n", dir.getFileName(), total.all(),
                            total.identical(), total.close(), total.missed(), 100.0 * total.identical() / total.all());
                }
            }
        }
        System.out.print("\n" + details);
    }

    /** The counts of every CASE.yaml + CASE.csv pair in {@code dir}, by case name, in name order. */
    public static Map<String, Count> cases(Path dir) throws IOException {
        Map<String, Count> counts = new LinkedHashMap<>();
        for (Path spec : specs(dir)) {
            String name = spec.getFileName().toString().replaceFirst("\\.yaml$", "");
            counts.put(name, count(spec, dir.resolve(name + ".csv")));
        }
        return counts;
    }

    private static List<Path> specs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> Files.exists(dir.resolve(p.getFileName().toString()
                            .replaceFirst("\\.yaml$", ".csv"))))
                    .sorted().toList();
        }
    }

    private static Count count(Path spec, Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Schedule schedule;
        try {
            schedule = GoldenCases.build(spec);
        } catch (RuntimeException | AssertionError e) {
            return new Count(0, 0, lines.size() - 1, 0); // a spec lrsched cannot build: every row missed
        }
        long identical = 0;
        long close = 0;
        long missed = 0;
        double worst = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            double expected = Double.parseDouble(cells[1].strip());
            double actual;
            try {
                actual = schedule.at(Long.parseLong(cells[0].strip()));
            } catch (RuntimeException e) {
                missed++;
                continue;
            }
            if (Double.doubleToLongBits(actual) == Double.doubleToLongBits(expected)) {
                identical++;
                continue;
            }
            worst = Math.max(worst, Math.abs(actual - expected) / Math.abs(expected));
            if (Math.abs(actual - expected)
                    <= Math.max(GoldenCases.ABSOLUTE, GoldenCases.RELATIVE * Math.abs(expected))) {
                close++;
            } else {
                missed++;
            }
        }
        return new Count(identical, close, missed, worst);
    }
}
