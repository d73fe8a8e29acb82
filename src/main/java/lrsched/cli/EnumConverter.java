package lrsched.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import lrsched.core.Suggest;
import picocli.CommandLine;

/** Reads an option value as one of an enum's constants, written in lower case, suggesting the closest on a typo. */
final class EnumConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;

    EnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
        throw new CommandLine.TypeConversionException("'" + value + "' is not a format; use "
                + String.join(", ", names) + Suggest.didYouMean(value, names));
    }
}
