package lrsched.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import lrsched.schedule.Schedule;
import lrsched.spec.Node;
import lrsched.spec.SpecException;

/**
 * Every schedule type lrsched knows, native and library-faithful, from the {@link Catalog}s listed in
 * {@link #CATALOGS}. Builds schedules from spec mappings.
 */
public final class Registry {
    /** Keys of a schedule mapping that are not parameters of its type. */
    public static final List<String> RESERVED_KEYS = List.of("name", "type");

    /** One line per library: adding a library means adding its catalog here. */
    private static final List<Catalog> CATALOGS = List.of(
            new lrsched.schedule.NativeTypes(),
            new lrsched.compat.hf.HfTypes(),
            new lrsched.compat.diffusers.DiffusersTypes(),
            new lrsched.compat.torch.TorchTypes(),
            new lrsched.compat.timm.TimmTypes(),
            new lrsched.compat.deepspeed.DeepSpeedTypes(),
            new lrsched.compat.fairseq.FairseqTypes(),
            new lrsched.compat.keras.KerasTypes(),
            new lrsched.compat.optax.OptaxTypes()
    );

    private static final Registry DEFAULT = new Registry(CATALOGS);

    private final Map<String, TypeDef> types = new LinkedHashMap<>();

    Registry(List<Catalog> catalogs) {
        for (Catalog c : catalogs) {
            for (TypeDef t : c.types()) {
                if (types.put(t.name(), t) != null) {
                    throw new IllegalStateException("schedule type declared twice: " + t.name());
                }
            }
        }
    }

    public static Registry standard() {
        return DEFAULT;
    }

    /** All types, in declaration order (natives first, then each library). */
    public List<TypeDef> types() {
        return Collections.unmodifiableList(new ArrayList<>(types.values()));
    }

    public Optional<TypeDef> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /**
     * Builds the schedule a mapping describes.
     *
     * @param scheduleName the name used in messages
     * @param parent       the enclosing schedule's arguments, for nested schedules
     */
    public Schedule build(Node.MapNode mapping, String scheduleName, Optional<Args> parent) {
        Schedule s = args(mapping, scheduleName, parent).build();
        return parent.isPresent() ? s : RunOptions.apply(s, typeOf(mapping, scheduleName), mapping, scheduleName,
                this);
    }

    /** Validates a mapping against its type without building it. */
    public Args.Bound args(Node.MapNode mapping, String scheduleName, Optional<Args> parent) {
        TypeDef type = typeOf(mapping, scheduleName);
        List<String> reserved = new ArrayList<>(RESERVED_KEYS);
        if (parent.isEmpty()) {
            // top-level schedules only; a key the type declares itself (OneCycleLR's steps_per_epoch) is the type's
            RunOptions.PARAMS.stream().filter(p -> type.param(p.name()).isEmpty()).forEach(p -> reserved.add(p.name()));
        }
        Args args = new Args(type, scheduleName, mapping, parent, this, reserved);
        return new Args.Bound(args);
    }

    /** The declared type of a schedule mapping, with a suggestion when the name is unknown. */
    public TypeDef typeOf(Node.MapNode mapping, String scheduleName) {
        Node typeNode = mapping.get("type").orElseThrow(() -> new SpecException(mapping.location(),
                "schedule '" + scheduleName + "': missing 'type'; write e.g. type: cosine (list types with: "
                        + "lrsched types)"));
        if (!(typeNode instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
            throw new SpecException(typeNode.location(), "schedule '" + scheduleName
                    + "': type must be a type name such as cosine or torch.OneCycleLR, not " + typeNode.describe());
        }
        TypeDef type = types.get(s.text());
        if (type == null) {
            throw new SpecException(s.location(), "schedule '" + scheduleName + "': unknown type '" + s.text()
                    + "'" + Suggest.didYouMean(s.text(), types.keySet()) + " (list types with: lrsched types)");
        }
        return type;
    }
}
