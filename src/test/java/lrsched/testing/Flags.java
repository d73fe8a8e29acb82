package lrsched.testing;

import java.util.Optional;

import lrsched.core.Schedule;
import lrsched.input.spec.FlagSpec;
import lrsched.library.Libraries;
import lrsched.registry.Registry;

/** Builds a schedule from flag syntax, for compact tests: {@code Flags.schedule("type=cosine,lr=1,total=10")}. */
public final class Flags {
    private Flags() {}

    public static Schedule schedule(String flag) {
        return Libraries.registry().build(FlagSpec.parse("test", flag), "test", Optional.empty());
    }
}
