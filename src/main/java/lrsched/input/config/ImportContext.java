package lrsched.input.config;

import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Node;
import lrsched.core.Versions;
import lrsched.input.document.Document;
import lrsched.input.document.DocumentReader;
import lrsched.registry.Registry;
import lrsched.registry.RunFacts;

/**
 * What a {@link ConfigFormat} may use while it reads a document: the schedule types, the facts the user gave about
 * the run ({@code --run}), the library versions the training uses ({@code --versions}), and the files the document
 * points to.
 *
 * @param registry  the schedule types
 * @param facts     the {@code --run} facts
 * @param documents reads the files a document names
 * @param versions  the {@code --versions} given (a format follows its library's newest release without one)
 */
public record ImportContext(Registry registry, RunFacts facts, DocumentReader documents, Versions versions) {

    /** A context for the newest release of every library. */
    public ImportContext(Registry registry, RunFacts facts, DocumentReader documents) {
        this(registry, facts, documents, Versions.newest());
    }

    /**
     * The file {@code path} (a value of {@code from}) names, relative to {@code from}'s folder as the framework reads
     * it (HF's {@code deepspeed: ds_config.json}); messages name it as that folder plus the path.
     */
    public Document follow(Document from, Node.ScalarNode path) {
        if (from.file().isEmpty()) {
            throw new InputException(path.location(), "'" + path.text() + "' is relative to the config's folder, "
                    + "which standard input does not have; pass the config as a file");
        }
        Path folder = from.file().get().getParent();
        Path named = Path.of(path.text());
        Path resolved = folder == null ? named : folder.resolve(named);
        Path shown = Path.of(from.source()).resolveSibling(named).normalize();
        return documents.read(resolved, named.isAbsolute() ? named.toString() : shown.toString());
    }
}
