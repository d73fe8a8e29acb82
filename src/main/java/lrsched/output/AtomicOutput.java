package lrsched.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import lrsched.core.InputException;

/**
 * Writes a file so that readers never see it half-written: into a temporary file beside the target, flushed to disk,
 * then renamed over the target only when everything succeeded. A failed or interrupted run leaves an existing target
 * untouched and no temporary file behind.
 *
 * <p>What the target is decides how:
 * <ul>
 *   <li>a regular file, or a name not yet taken: the temporary file and the rename above;</li>
 *   <li>a symbolic link: the file it points to is replaced as above, and the link stays, as a shell's {@code >}
 *       writes through it;</li>
 *   <li>anything else that exists (a device such as {@code /dev/null} or {@code /dev/stdout}, a FIFO, a process
 *       substitution): written straight into, since renaming over it would replace the device or starve the FIFO's
 *       reader.</li>
 * </ul>
 */
public final class AtomicOutput {
    /** Longest file name most file systems take, in bytes. */
    private static final int NAME_MAX = 255;

    private AtomicOutput() {}

    /** Something that writes to a stream and may fail. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} with {@code writer}.
     *
     * @throws InputException       when the target cannot be a file: an empty name, a directory
     * @throws UncheckedIOException when writing fails (no such directory, no permission, a full disk)
     */
    public static void write(Path target, Writer writer) {
        if (target.toString().isEmpty() || target.getFileName() == null) {
            throw new InputException("-o needs a file name");
        }
        Path absolute = resolveLinks(target.toAbsolutePath(), target);
        if (Files.isDirectory(absolute)) {
            throw new InputException(target + ": is a directory; name a file to write");
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            writeStraight(absolute, target, writer);
            return;
        }
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException(target + ": directory " + dir
                    + " does not exist; create it first"));
        }
        Path temp = tempName(dir, absolute);
        Thread cleanup = new Thread(() -> deleteQuietly(temp), "lrsched-remove-temp");
        // Ctrl-C, kill and a closed terminal remove the temp file too; hooked before the file exists, so that a
        // signal just after its creation cannot leave it behind
        boolean hooked = addShutdownHook(cleanup);
        boolean created = false;
        boolean done = false;
        try {
            createTemp(temp, dir, target);
            created = true;
            copyPermissions(absolute, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.writeTo(out);
                out.flush();
                channel.force(true); // on disk before the rename: a crash after exit 0 cannot leave an empty file
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new UncheckedIOException(new IOException(target + ": cannot write (" + reason(e) + ")", e));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(target + ": " + reason(e), e));
        } finally {
            if (created && !done) {
                deleteQuietly(temp);
            }
            if (hooked) {
                removeShutdownHook(cleanup);
            }
        }
    }

    /** The file a chain of symbolic links ends at (which may not exist yet); the path itself if it is no link. */
    private static Path resolveLinks(Path path, Path target) {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new InputException(target + ": too many levels of symbolic links");
            }
            try {
                Path link = Files.readSymbolicLink(p);
                p = p.resolveSibling(link).normalize();
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException(target + ": cannot read the link (" + reason(e)
                        + ")", e));
            }
        }
        return p;
    }

    private static void writeStraight(Path absolute, Path target, Writer writer) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(absolute, StandardOpenOption.WRITE),
                1 << 16)) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(target + ": " + reason(e), e));
        }
    }

    /** ".<name>.<random>.tmp" beside the target; a short prefix when the name is near the file system's limit. */
    private static Path tempName(Path dir, Path absolute) {
        String name = absolute.getFileName().toString();
        String prefix = name.getBytes(StandardCharsets.UTF_8).length + 32 > NAME_MAX ? ".lrsched." : "." + name + ".";
        // a random name, not a secret one: the file is created exclusively (an existing name is an error, never
        // followed), so SecureRandom, whose first use cost about 7 ms of every -o run, buys nothing here
        String file = prefix + Long.toUnsignedString(new java.util.SplittableRandom().nextLong()) + ".tmp";
        return dir == null ? Path.of(file) : dir.resolve(file);
    }

    /** Creates {@code temp}, which must not exist yet, private to the user (0600) where the file system can say so. */
    private static void createTemp(Path temp, Path dir, Path target) {
        try {
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temp);
            }
        } catch (AccessDeniedException e) {
            throw new UncheckedIOException(new IOException(target + ": cannot create a file in " + dir
                    + " (permission denied); lrsched writes beside the target and renames it into place, so the "
                    + "folder must be writable: write elsewhere and copy"));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(target + ": cannot write: " + reason(e), e));
        }
    }

    /** The temporary file is private (0600); the result gets the target's permissions, or rw-r--r--. */
    private static void copyPermissions(Path absolute, Path temp) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)
                    ? Files.getPosixFilePermissions(absolute)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, mode);
        } catch (UnsupportedOperationException notPosix) {
            // other file systems keep their defaults
        }
    }

    /** The system's words for a failure ("No space left on device"), without Java's exception class. */
    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) and deletes nothing that still exists
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: the temporary file has a dot name and a .tmp suffix
        }
    }
}
