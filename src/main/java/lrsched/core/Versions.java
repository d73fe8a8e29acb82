package lrsched.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * The library versions the user says the training runs with ({@code --versions transformers=4.45}), for the
 * formats whose arithmetic changed between releases. Without one, a format follows the library's newest release.
 */
public final class Versions {
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?([.+\\-]?[A-Za-z0-9.+\\-]*)");

    /** A release number as its first three components ({@code 4.46.0rc1} is 4.46.0). */
    public record Version(String text, int major, int minor, int patch) implements Comparable<Version> {
        /** Parses {@code 4.45}, {@code 4.46.1}, {@code 5.0.0rc1}; empty when it is not a version number. */
        public static Optional<Version> parse(String text) {
            Matcher m = VERSION.matcher(text.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Version(text.strip(), Integer.parseInt(m.group(1)),
                        m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** Whether this release is older than {@code major.minor}. */
        public boolean before(int major, int minor) {
            return this.major < major || (this.major == major && this.minor < minor);
        }

        @Override
        public int compareTo(Version o) {
            int c = Integer.compare(major, o.major);
            c = c != 0 ? c : Integer.compare(minor, o.minor);
            return c != 0 ? c : Integer.compare(patch, o.patch);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final Versions NEWEST = new Versions(Map.of());

    private final Map<String, Version> versions;

    private Versions(Map<String, Version> versions) {
        this.versions = Map.copyOf(versions);
    }

    /** No version given: every format follows its library's newest release. */
    public static Versions newest() {
        return NEWEST;
    }

    /**
     * The {@code --versions LIB=VERSION} flags (each may hold several, comma-separated), checked against the libraries
     * the formats declare.
     *
     * @param flags     the flag values, in order
     * @param libraries the library names some format reads versions of
     */
    public static Versions of(List<String> flags, Collection<String> libraries) {
        return of(flags, List.of(), libraries);
    }

    /**
     * The {@code --versions} flags and the entries of spec files' {@code versions:} mappings; a library given in both
     * takes the flag's version (the command line overrides files, as {@code --set} does).
     *
     * @param flags     the flag values, in order
     * @param fromSpecs the {@code versions:} entries of the spec files, in order
     * @param libraries the library names some format or log reads versions of
     */
    public static Versions of(List<String> flags, List<Node.Entry> fromSpecs, Collection<String> libraries) {
        Map<String, Version> out = new LinkedHashMap<>();
        for (int i = 0; i < flags.size(); i++) {
            String source = "--versions[" + (i + 1) + "]";
            int column = 1;
            for (String item : flags.get(i).split(",", -1)) {
                Location at = new Location(source, 1, column);
                column += item.length() + 1;
                int eq = item.indexOf('=');
                if (eq < 0) {
                    String lib = libraries.contains(item.strip()) ? item.strip() : "transformers";
                    throw new InputException(at, "'" + item + "' is not LIB=VERSION; write e.g. --versions "
                            + lib + "=" + example(lib));
                }
                String lib = item.substring(0, eq).strip();
                String text = item.substring(eq + 1).strip();
                Version version = checked(lib, text, at, at.shifted(eq + 1), libraries, lib + "=" + example(lib));
                if (out.putIfAbsent(lib, version) != null) {
                    throw new InputException(at, "'" + lib + "' is given twice; keep only one");
                }
            }
        }
        Map<String, Version> flagged = Map.copyOf(out);
        Map<String, Node.Entry> firstInFiles = new LinkedHashMap<>();
        for (Node.Entry e : fromSpecs) {
            String text = text(e.value());
            Version version = checked(e.key(), text, e.keyLocation(), e.value().location(), libraries,
                    e.key() + ": \"" + example(e.key()) + "\"");
            Node.Entry first = firstInFiles.putIfAbsent(e.key(), e);
            if (first != null && out.get(e.key()).compareTo(version) != 0 && !flagged.containsKey(e.key())) {
                throw new InputException(e.keyLocation(), "'" + e.key() + "' is also given at "
                        + first.keyLocation() + " with another version; keep only one");
            }
            out.putIfAbsent(e.key(), version);
        }
        return new Versions(out);
    }

    /** A release of {@code library} to show in a message (the shape where the library is not one of these). */
    private static String example(String library) {
        return switch (library) {
            case "transformers" -> "4.45";
            case "torch" -> "2.7";
            case "deepspeed" -> "0.19.3";
            case "ultralytics" -> "8.3";
            default -> "MAJOR.MINOR";
        };
    }

    private static Version checked(String lib, String text, Location libAt, Location textAt,
                                   Collection<String> libraries, String example) {
        if (!libraries.contains(lib)) {
            throw new InputException(libAt, "no format reads versions of '" + lib + "'"
                    + Suggest.didYouMean(lib, libraries) + (libraries.isEmpty() ? "" : " (the libraries are "
                    + String.join(", ", libraries) + ")"));
        }
        return Version.parse(text).orElseThrow(() -> new InputException(textAt,
                "'" + text + "' is not a version number; write e.g. " + example));
    }

    /**
     * These versions with {@code library} at the release of a schedule's own {@code version:} entry, which wins over
     * the spec's {@code versions:} and {@code --versions} for that schedule and the schedules nested in it
     * ({@code context} starts a refusal: "schedule 'a' (torch.StepLR): ").
     */
    public Versions with(String library, Node.Entry version, String context) {
        Node value = version.value();
        String text = text(value);
        Version release = Version.parse(text).orElseThrow(() -> new InputException(value.location(),
                context + (text.isBlank() ? "'version' is empty" : "'" + text + "' is not a version number")
                        + "; write the " + library + " release as numbers, like version: \"" + example(library)
                        + "\""));
        Map<String, Version> out = new LinkedHashMap<>(versions);
        out.put(library, release);
        return new Versions(out);
    }

    /** A version entry's value as written ("" for none, a mapping or a list, which no release number parses). */
    private static String text(Node value) {
        return value instanceof Node.ScalarNode s && s.kind() != Node.ScalarKind.NULL ? s.text() : "";
    }

    /** The version given for {@code library}, if any. */
    public Optional<Version> of(String library) {
        return Optional.ofNullable(versions.get(library));
    }
}
