package lrsched.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import lrsched.registry.Registry;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the golden cases of one library directory under src/test/resources/golden/LIB/, made by the libraries
 * themselves or by generator scripts in src/tools/golden/ (never by lrsched):
 * <ul>
 *   <li>{@code CASE.yaml} + {@code CASE.csv}: every listed step must match within 1e-9 relative (1e-15 absolute), or
 *       as the caller's {@link RowCheck} says ({@link #exact()}: bit for bit);</li>
 *   <li>{@code CASE.yaml} + {@code CASE.error} ({@code param: NAME}, {@code message: TEXT}): building must fail
 *       naming that parameter (and, for a library whose messages lrsched quotes, {@code NAME: TEXT});</li>
 *   <li>{@code CASE.raises} ({@code step: N}): evaluating step N must fail as the library does.</li>
 * </ul>
 * Use from a {@code @TestFactory}: {@code return GoldenCases.of("torch");}
 */
public final class GoldenCases {
    public static final double RELATIVE = 1e-9;
    public static final double ABSOLUTE = 1e-15;

    private GoldenCases() {}

    /** How a computed row is held to the expected one; an AssertionError when it misses. */
    @FunctionalInterface
    public interface RowCheck {
        void check(String name, long step, double expected, double actual);
    }

    public static Stream<DynamicTest> of(String library) {
        return of(library, RELATIVE);
    }

    /** As {@link #of(String)}, matching every listed step within {@code relative} (and 1e-15 absolute). */
    public static Stream<DynamicTest> of(String library, double relative) {
        return of(library, spec -> within(relative), false);
    }

    /**
     * The cases of {@code library} with each case's rows held by the check {@code rows} gives for its spec (bit for
     * bit, or within a library's own bound); with {@code quotesMessages}, a refusal must also quote the
     * {@code message:} of its {@code .error} file after the parameter's name, as lrsched quotes that library.
     */
    public static Stream<DynamicTest> of(String library, Function<Path, RowCheck> rows, boolean quotesMessages) {
        Path dir = directory(library);
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(spec -> {
                String name = spec.getFileName().toString().replaceFirst("\\.yaml$", "");
                tests.add(DynamicTest.dynamicTest(library + "/" + name, () -> check(spec, name, rows,
                        quotesMessages)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(tests).as("golden cases in " + dir).isNotEmpty();
        return tests.stream();
    }

    /** The same double, bit for bit. */
    public static RowCheck exact() {
        return (name, step, expected, actual) -> {
            if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(expected)) {
                fail(name + " at step " + step + ": expected " + expected + " but was " + actual + " (not the same "
                        + "double, difference " + (actual - expected) + ")");
            }
        };
    }

    /**
     * A spec whose schedule may call libm (cos, pow, exp, log, sqrt): its type or a formula names one, or a
     * polynomial or exponential decay. For {@link #exactUnless} with the libraries whose golden data is made by a
     * float64 Python oracle.
     */
    public static final java.util.regex.Pattern CALLS_LIBM = java.util.regex.Pattern.compile(
            "(?i)cos|poly|pow|exp|log|sqrt|\\*\\*");


    /**
     * Bit for bit, except in a case whose spec text matches {@code libm} (its arithmetic calls cos, exp, log or pow:
     * the library's glibc and Java's Math round differently on about 0.1% of arguments, by one ulp): there within
     * {@code relative}.
     */
    public static Function<Path, RowCheck> exactUnless(java.util.regex.Pattern libm, double relative) {
        return spec -> {
            try {
                return libm.matcher(Files.readString(spec)).find() ? within(relative) : exact();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Within {@code relative} of the expected value, or 1e-15 absolute. */
    public static RowCheck within(double relative) {
        return (name, step, expected, actual) -> {
            double tolerance = Math.max(ABSOLUTE, relative * Math.abs(expected));
            if (!(Math.abs(actual - expected) <= tolerance)) {
                fail(name + " at step " + step + ": expected " + expected + " but was " + actual
                        + " (difference " + (actual - expected) + ")");
            }
        };
    }

    /** Within {@code relative} of the expected value itself, with no absolute floor (for tiny LRs held tightly). */
    public static RowCheck withinOfValue(double relative) {
        return (name, step, expected, actual) -> assertThat(actual).as(name + " at step " + step)
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(relative * Math.abs(expected)));
    }

    private static void check(Path specFile, String name, Function<Path, RowCheck> rows, boolean quotesMessages)
            throws IOException {
        Path dir = specFile.getParent();
        Path csv = dir.resolve(name + ".csv");
        Path error = dir.resolve(name + ".error");
        Path raises = dir.resolve(name + ".raises");
        if (Files.exists(error)) {
            String param = field(error, "param");
            String quoted = quotesMessages ? param + ": " + field(error, "message") : param;
            assertThatThrownBy(() -> build(specFile)).as(name + " must be rejected")
                    .isInstanceOf(InputException.class).hasMessageContaining(quoted);
            return;
        }
        Schedule schedule = build(specFile);
        RowCheck check = rows.apply(specFile);
        if (Files.exists(csv)) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("step," + name);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                long step = Long.parseLong(cells[0].strip());
                double expected = Double.parseDouble(cells[1].strip());
                check.check(name, step, expected, schedule.at(step));
            }
        } else if (!Files.exists(raises)) {
            fail(name + ": no .csv, .error or .raises beside the spec");
        }
        if (Files.exists(raises)) {
            long step = Long.parseLong(field(raises, "step"));
            assertThatThrownBy(() -> schedule.at(step)).as(name + " must refuse step " + step)
                    .isInstanceOf(StepOutOfRangeException.class);
        }
    }

    /**
     * Builds {@code body} (the lines of one schedule mapping) as the only schedule of a 10-step spec written to
     * {@code dir/spec.yaml}, with {@code versions: {torch: "torchVersion"}} unless that is null, exactly as the
     * command line would.
     */
    public static Schedule buildOne(Path dir, String body, String torchVersion) throws IOException {
        Path spec = dir.resolve("spec.yaml");
        String versions = torchVersion == null ? "" : "versions: {torch: \"" + torchVersion + "\"}\n";
        Files.writeString(spec, versions + "steps: 10\nschedules:\n  - name: s\n" + body.indent(4));
        return build(spec);
    }

    /** Builds the one schedule of a golden spec exactly as the command line would. */
    public static Schedule build(Path specFile) {
        Registry registry = Libraries.registry();
        Spec spec = new SpecLoader(registry, new ByteArrayInputStream(new byte[0]), specFile.getParent())
                .load(List.of(specFile), List.of(), List.of());
        assertThat(spec.schedules()).hasSize(1);
        Spec.Entry e = spec.schedules().get(0);
        return registry.withVersions(spec.versions()).build(e.mapping(), e.name(), Optional.empty());
    }

    private static String field(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new AssertionError(file + " has no '" + key + ":' line");
    }

    private static Path directory(String library) {
        URL url = GoldenCases.class.getClassLoader().getResource("golden/" + library);
        if (url == null) {
            throw new AssertionError("no golden/" + library + " directory in src/test/resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
