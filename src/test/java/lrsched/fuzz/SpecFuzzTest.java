package lrsched.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import lrsched.core.Curve;
import lrsched.core.InputException;
import lrsched.core.StepOutOfRangeException;
import lrsched.core.StepSelection;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.output.NonFiniteValueException;
import lrsched.output.RowWriter;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the spec reader and everything behind it: mutated example and golden specs go through
 * loading, validation, building and evaluation. A clean spec error (or a refused step, or a non-finite value
 * reported as such) is fine; any other exception, an Error such as StackOverflowError, or an input that takes more
 * than 5 s is a bug, and the input is saved under target/fuzz-failures/.
 *
 * <p>The default test run does a short fixed campaign; {@code mvn -P fuzz test -Dfuzz.seconds=300} runs the long one.
 */
class SpecFuzzTest {
    private static final List<String> CORPUS = new ArrayList<>();
    private static final String[] SNIPPETS = {"{", "}", "[", "]", ":", ": ", "- ", "&a ", "*a", "!!binary ", "|",
            ">", "\"", "'", "\t", "#", "---", "...", "? ", ",", "\\u0000", "\u00e9", "\uFEFF", "null", "~", "true",
            "-1", "0", "1e308", "1e400", "-1e308", ".nan", ".inf", "9223372036854775808", "4.9e-324", "1_000",
            "0x10", "[[[[[[[[[[", "{a: {b: {c: {d: 1}}}}", "steps: ", "type: ", "schedules:\n  - "};
    private static ExecutorService executor;

    @BeforeAll
    static void corpus() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("examples")),
                Files.walk(Path.of("src/test/resources/golden")))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                CORPUS.add(Files.readString(p));
            }
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @Test
    void shortFixedCampaign() throws Exception {
        campaign(20261121L, 400, Long.MAX_VALUE);
    }

    @Test
    @Tag("fuzz")
    void longCampaign() throws Exception {
        long seconds = Long.getLong("fuzz.seconds", 60);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("fuzz: seed " + seed + ", " + seconds + " s");
        campaign(seed, Integer.MAX_VALUE, System.nanoTime() + seconds * 1_000_000_000L);
    }

    private void campaign(long seed, int iterations, long deadline) throws Exception {
        Random random = new Random(seed);
        List<String> types = Libraries.registry().types().stream().map(TypeDef::name).toList();
        int clean = 0, rejected = 0;
        for (int i = 0; i < iterations && System.nanoTime() < deadline; i++) {
            String text = mutate(CORPUS.get(random.nextInt(CORPUS.size())), random, types);
            Future<Boolean> run = executor.submit(() -> exercise(text));
            try {
                if (run.get(5, TimeUnit.SECONDS)) {
                    clean++;
                } else {
                    rejected++;
                }
            } catch (TimeoutException e) {
                run.cancel(true);
                throw new AssertionError("input took more than 5 s; saved as " + save(text, seed, i));
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("unexpected " + e.getCause() + "; input saved as " + save(text, seed, i),
                        e.getCause());
            }
        }
        System.out.println("fuzz: seed " + seed + ": " + clean + " accepted, " + rejected + " rejected cleanly");
        assertThat(clean + rejected).isPositive();
    }

    /** True when the spec was accepted and evaluated, false when it was rejected with a clean error. */
    private static boolean exercise(String text) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            Path file = dir.resolve("spec.yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Registry registry = Libraries.registry();
            Spec spec = new SpecLoader(registry, new ByteArrayInputStream(new byte[0]), dir)
                    .load(List.of(Path.of("spec.yaml")), List.of(), List.of());
            List<Curve> curves = new ArrayList<>();
            for (Spec.Entry e : spec.schedules()) {
                curves.add(new Curve(e.name(), registry.build(e.mapping(), e.name(), Optional.empty())));
            }
            RowWriter.write(curves, new StepSelection.Listed(new long[] {0, 1, 2, 10, 1000, 123_456_789L,
                    1_000_000_000_000L}), OutputStream.nullOutputStream());
            return true;
        } catch (InputException | StepOutOfRangeException | NonFiniteValueException e) {
            return false;
        } finally {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String mutate(String text, Random random, List<String> types) {
        StringBuilder s = new StringBuilder(text);
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds && s.length() > 0; r++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(7)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, SNIPPETS[random.nextInt(SNIPPETS.length)]);
                case 2 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> {
                    int end = Math.min(s.length(), at + random.nextInt(40));
                    s.insert(random.nextInt(s.length()), s.substring(at, end));
                }
                case 4 -> s.setLength(at);
                case 5 -> {
                    String t = s.toString();
                    s.setLength(0);
                    s.append(t.replaceAll("\\b\\d+(\\.\\d+)?([eE]-?\\d+)?\\b", SNIPPETS[26 + random.nextInt(14)]));
                }
                default -> {
                    String t = s.toString();
                    s.setLength(0);
                    s.append(t.replaceFirst("type: \\S+", "type: " + types.get(random.nextInt(types.size()))));
                }
            }
        }
        return s.toString();
    }

    private static Path save(String text, long seed, int i) {
        try {
            Path dir = Files.createDirectories(Path.of("target/fuzz-failures"));
            Path file = dir.resolve("seed" + seed + "-" + i + ".yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            return Path.of("(not saved: " + e.getMessage() + ")");
        }
    }
}
