package lrsched.compat.torch;

import java.util.EnumSet;
import java.util.Set;

import lrsched.core.Versions;
import lrsched.registry.Args;

/**
 * The torch release a schedule follows, as the set of {@link TorchChange}s it has: all of them unless the schedule's
 * own {@code version:}, {@code --versions torch=X} or the spec's {@code versions:} names an older release.
 */
record TorchRelease(Set<TorchChange> changes) {
    /** The newest release: every change. */
    static final TorchRelease NEWEST = new TorchRelease(EnumSet.allOf(TorchChange.class));

    TorchRelease {
        changes = Set.copyOf(changes);
    }

    /** The release the run's {@code versions: {torch: ...}} names, else the newest. */
    static TorchRelease of(Args a) {
        return a.versions().of("torch").map(TorchRelease::of).orElse(NEWEST);
    }

    /** The changes release {@code v} has. */
    static TorchRelease of(Versions.Version v) {
        EnumSet<TorchChange> in = EnumSet.noneOf(TorchChange.class);
        for (TorchChange c : TorchChange.values()) {
            if (c.in(v)) {
                in.add(c);
            }
        }
        return new TorchRelease(in);
    }

    boolean has(TorchChange change) {
        return changes.contains(change);
    }
}
