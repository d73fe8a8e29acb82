package lrsched.testing;

import java.util.Optional;

import lrsched.registry.Registry;
import lrsched.schedule.Schedule;
import lrsched.spec.FlagSpec;

/** Builds a schedule from flag syntax, for compact tests: {@code Flags.schedule("type=cosine,lr=1,total=10")}. */
public final class Flags {
    private Flags() {}

    public static Schedule schedule(String flag) {
        return Registry.standard().build(FlagSpec.parse("test", flag), "test", Optional.empty());
    }
}
