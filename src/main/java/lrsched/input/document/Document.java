package lrsched.input.document;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import lrsched.core.Node;

/**
 * One input file as read: its name as the user wrote it, where it lies (to follow files it points to), its text, and
 * its tree when the text is YAML, JSON or TOML.
 *
 * @param source the name for messages ({@code train.yaml}, {@code -} for standard input)
 * @param file   the resolved path; empty for standard input
 * @param text   the whole text, without a byte-order mark
 * @param root   the parsed tree; empty for an empty document or a shell script (read as text)
 */
public record Document(String source, Optional<Path> file, String text, Optional<Node> root) {

    /** The lower-case extension of the source's name without the dot ("yaml", "json", "toml"), or "". */
    public String extension() {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** Whether this is a shell script (read as text, never parsed): see {@link #isShellScript(String, String)}. */
    public boolean isShellScript() {
        return isShellScript(source, text);
    }

    /** A name ending in .sh, .bash, .slurm or .sbatch, or a text starting with a {@code #!} line. */
    static boolean isShellScript(String source, String text) {
        return text.startsWith("#!") || source.toLowerCase(Locale.ROOT).matches(".*\\.(sh|bash|slurm|sbatch)");
    }

    /** The root when it is a mapping, as most configuration files are. */
    public Optional<Node.MapNode> mapping() {
        return root.filter(r -> r instanceof Node.MapNode).map(r -> (Node.MapNode) r);
    }
}
