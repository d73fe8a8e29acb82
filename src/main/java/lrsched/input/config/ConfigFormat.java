package lrsched.input.config;

import lrsched.input.document.Document;
import lrsched.registry.Registry;

/**
 * A kind of file that describes learning-rate schedules: lrsched's own spec, or a training framework's config. It
 * turns a document into the lrsched spec it describes, with the facts it derived on the way. A new format is a new
 * class and one line in {@link ConfigFormats}.
 */
public interface ConfigFormat {

    /** The short name users give to force it (as in {@code --from hf}), and messages show. */
    String name();

    /**
     * Whether the document is written in this format, judged from its content and name alone. Several formats may
     * claim a document: {@link ConfigFormats} then refuses to guess.
     */
    boolean recognizes(Document document);

    /**
     * The schedules the document describes.
     *
     * @throws lrsched.core.InputException for anything the user must fix, located in the document
     */
    Imported read(Document document, Registry registry);
}
