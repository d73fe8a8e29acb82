package lrsched.input.config;

import java.nio.file.Path;

import lrsched.core.InputException;
import lrsched.core.Node;
import lrsched.input.document.Document;
import lrsched.input.document.DocumentReader;
import lrsched.registry.Registry;
import lrsched.registry.RunFacts;

/**
 * What a {@link ConfigFormat} may use while it reads a document: the schedule types, the facts the user gave about
 * the run ({@code --run}), and the files the document points to.
 *
 * @param registry  the schedule types
 * @param facts     the {@code --run} facts
 * @param documents reads the files a document names
 */
public record ImportContext(Registry registry, RunFacts facts, DocumentReader documents) {

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
