package lrsched.input.config;

import lrsched.core.InputException;
import lrsched.core.Node;
import lrsched.input.document.Document;

/**
 * The base files a framework's YAML config names ({@code _BASE_: [...]} in PaddleDetection, {@code _base_:} in
 * PaddleSeg), followed relative to the naming file: at most {@link #MAX_DEPTH} deep, and a base that cannot be read
 * is refused where it is named (a mistake inside a base that was read keeps its own location).
 */
public final class BaseFiles {
    /** How deep base files may nest before lrsched takes it for a file including itself. */
    public static final int MAX_DEPTH = 32;

    private BaseFiles() {}

    /**
     * The base file {@code path} names in {@code document}, which is {@code depth} bases below the config given.
     *
     * @param key the key that names bases, as the framework spells it
     */
    public static Document follow(Document document, Node.ScalarNode path, ImportContext context, String key,
                                  int depth) {
        if (depth >= MAX_DEPTH) {
            throw new InputException(path.location(), key + " files nest more than " + MAX_DEPTH + " deep; "
                    + "a file includes itself?");
        }
        try {
            return context.follow(document, path);
        } catch (InputException e) {
            if (e.location().map(l -> l.line() >= 1).orElse(false)) {
                throw e; // the base file was read: its own mistake, located in it
            }
            throw new InputException(path.location(), key + " file '" + path.text() + "': " + e.problem());
        }
    }
}
