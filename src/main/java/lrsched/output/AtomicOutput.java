package lrsched.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers never see it half-written: into a temporary file beside the target, moved over the
 * target only when everything succeeded. A failed run leaves an existing target untouched.
 */
public final class AtomicOutput {
    private AtomicOutput() {}

    /** Something that writes to a stream and may fail. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new UncheckedIOException(new IOException(target + ": is a directory; name a file to write"));
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException(target + ": directory " + dir
                    + " does not exist; create it first"));
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {
            throw new UncheckedIOException(new IOException(target + ": cannot write in " + dir
                    + " (permission denied)"));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(target + ": cannot write: " + e.getMessage(), e));
        }
        boolean done = false;
        try {
            // the temporary file is private (0600); give the result the target's permissions, or rw-r--r--
            try {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = Files.exists(absolute)
                        ? Files.getPosixFilePermissions(absolute)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
                Files.setPosixFilePermissions(temp, mode);
            } catch (UnsupportedOperationException notPosix) {
                // other file systems keep their defaults
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer.writeTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new UncheckedIOException(new IOException(target + ": cannot write (" + e.getMessage() + ")", e));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(target + ": " + e.getMessage(), e));
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file has a dot name and a .tmp suffix
                }
            }
        }
    }
}
