package lrsched.input.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;

/**
 * Reads input files ({@code -} is standard input) into {@link Document}s: at most {@value #MAX_FILE_BYTES} bytes of
 * UTF-8 text, parsed as TOML when the name ends in {@code .toml}, as JSON when it ends in {@code .json} or the text
 * starts with a bracket, not at all when it is a shell script (a name ending in .sh, .bash, .slurm or .sbatch, or a
 * {@code #!} first line) or a Python file (.py): the formats that read scripts read the text; else as YAML.
 */
public final class DocumentReader {
    /** Files larger than this are refused: a schedule spec or a training config is a few hundred lines at most. */
    public static final long MAX_FILE_BYTES = 4L << 20;

    private final InputStream stdin;
    private final Path workingDir;

    /** Relative paths resolve against {@code workingDir}; messages show them as the user wrote them. */
    public DocumentReader(InputStream stdin, Path workingDir) {
        this.stdin = stdin;
        this.workingDir = workingDir;
    }

    /** Reads and parses {@code file}; errors name the file as written, with line and column where they have one. */
    public Document read(Path file) {
        return read(file, file.toString());
    }

    /** Reads and parses {@code file} (relative to the working directory), named {@code source} in messages. */
    public Document read(Path file, String source) {
        String text = readText(file, source);
        Optional<Node> root;
        if (Document.isShellScript(source, text) || source.toLowerCase(java.util.Locale.ROOT).endsWith(".py")) {
            root = Optional.empty();
        } else if (source.toLowerCase(java.util.Locale.ROOT).endsWith(".toml")) {
            root = TomlReader.read(source, text);
        } else {
            boolean json = source.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                    || text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
            root = TreeReader.read(source, text, json);
        }
        Optional<Path> path = file.toString().equals("-") ? Optional.empty() : Optional.of(workingDir.resolve(file));
        return new Document(source, path, text, root);
    }

    private String readText(Path file, String source) {
        byte[] bytes;
        try {
            if (file.toString().equals("-")) {
                bytes = stdin.readNBytes((int) MAX_FILE_BYTES + 1);
            } else {
                file = workingDir.resolve(file);
                if (Files.isDirectory(file)) {
                    throw new InputException(Location.of(source), "is a directory, not a spec file; name a "
                            + ".yaml or .json file");
                }
                // read at most one byte past the limit: devices, pipes and /proc files have no size to check first
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file; check the path (working directory: "
                    + workingDir + ")");
        } catch (AccessDeniedException e) {
            throw new InputException(Location.of(source), "permission denied; make the file readable");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooLarge(source);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InputException(Location.of(source), "is not UTF-8 text; save it as UTF-8");
        }
    }

    private static InputException tooLarge(String source) {
        return new InputException(Location.of(source), String.format(java.util.Locale.ROOT, "is larger than %d MiB "
                + "(%,d bytes); a spec file should be small (is this the right file?)", MAX_FILE_BYTES >> 20,
                MAX_FILE_BYTES));
    }
}
