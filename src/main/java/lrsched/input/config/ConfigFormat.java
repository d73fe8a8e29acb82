package lrsched.input.config;

import java.util.List;

import lrsched.input.document.Document;

/**
 * A kind of file that describes learning-rate schedules: lrsched's own spec, or a training framework's config. It
 * turns a document into the lrsched spec it describes, with the facts it derived on the way. A new format is a new
 * class and one line in {@link ConfigFormats}.
 */
public interface ConfigFormat {

    /** The short name users give to force it (as in {@code --as hf}), and messages show. */
    String name();

    /** What the format is, for {@code lrsched explain} ("Hugging Face TrainingArguments"). */
    String title();

    /**
     * Formats this one refines: a file both claim is this one's (LLaMA-Factory's YAML is a TrainingArguments file
     * with more keys). Empty for most.
     */
    default List<String> refines() {
        return List.of();
    }

    /**
     * The libraries whose release changes how this format reads a file, as {@code --versions} names them
     * ("transformers"). Empty for most.
     */
    default List<String> versioned() {
        return List.of();
    }

    /**
     * Where this framework's schedules are, for {@code lrsched types NAME} with this format's name: which types it
     * builds and how its files are read ("kohya sd-scripts builds its schedules with transformers' functions (lrsched
     * types hf) ..."). Empty for lrsched's own spec.
     */
    default java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.empty();
    }

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
    Imported read(Document document, ImportContext context);
}
