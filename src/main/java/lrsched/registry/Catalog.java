package lrsched.registry;

import java.util.List;

/** The types one library (or the native families) contributes to the {@link Registry}. */
public interface Catalog {
    List<TypeDef> types();
}
