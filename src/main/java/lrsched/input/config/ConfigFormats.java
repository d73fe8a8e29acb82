package lrsched.input.config;

import java.util.List;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Suggest;
import lrsched.input.document.Document;

/**
 * A set of formats (the standard set is {@code lrsched.input.formats.Formats}) and the choice among them for a
 * document: the one format that recognizes it. Recognition never guesses between two readings: a document two formats claim is an
 * error that names them (unless one {@linkplain ConfigFormat#refines() refines} the other). A document no format
 * claims is read as an lrsched spec, whose errors say what a spec holds.
 */
public final class ConfigFormats {
    private final List<ConfigFormat> formats;
    private final ConfigFormat fallback;

    /** The given formats; the first is the one a document nobody claims is read with. */
    public ConfigFormats(List<ConfigFormat> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no formats");
        }
        this.formats = List.copyOf(formats);
        this.fallback = formats.get(0);
    }

    /** The libraries whose release decides how some format reads its files. */
    public List<String> versioned() {
        return formats.stream().flatMap(f -> f.versioned().stream()).distinct().toList();
    }

    /** The formats, in listing order. */
    public List<ConfigFormat> formats() {
        return formats;
    }

    /** The format of {@code document}: the one named by {@code forced} if given, else the one that claims it. */
    public ConfigFormat choose(Document document, Optional<String> forced) {
        if (forced.isPresent()) {
            List<String> names = formats.stream().map(ConfigFormat::name).toList();
            return formats.stream().filter(f -> f.name().equals(forced.get())).findFirst()
                    .orElseThrow(() -> new InputException("--as: unknown format '" + forced.get() + "'"
                            + Suggest.didYouMean(forced.get(), names) + " (the formats are " + String.join(", ", names)
                            + ")"));
        }
        List<ConfigFormat> claimed = formats.stream().filter(f -> f.recognizes(document)).toList();
        // a format that refines another takes the files both claim
        List<ConfigFormat> claiming = claimed.stream().filter(f -> claimed.stream()
                .noneMatch(g -> g.refines().contains(f.name()))).toList();
        if (claiming.size() > 1) {
            throw new InputException(Location.of(document.source()), "could be read as "
                    + String.join(" or ", claiming.stream().map(ConfigFormat::name).toList())
                    + "; say which with --as " + claiming.get(0).name() + " (or another of them)");
        }
        return claiming.isEmpty() ? fallback : claiming.get(0);
    }
}
