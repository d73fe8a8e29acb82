package lrsched.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import lrsched.core.InputException;
import lrsched.core.Node;
import lrsched.core.Schedule;
import lrsched.core.Suggest;
import lrsched.core.Versions;

/**
 * The schedule types of a set of {@link Catalog}s (the standard set is {@code lrsched.library.Libraries}), and
 * building schedules from spec mappings. A library's catalog is loaded when a type of that library is first asked
 * for (a small command pays only for the libraries it uses); listings load them all.
 */
public final class Registry {
    /** Keys of a schedule mapping that are not parameters of its type. */
    public static final List<String> RESERVED_KEYS = List.of("name", "type");

    /**
     * The key with which one schedule follows another release of its library than the rest of the spec
     * ({@code version: "1.13"} on a torch.SequentialLR), for the libraries in {@link #versioned()}.
     */
    public static final String VERSION_KEY = "version";

    /** The prefix of the native types' library (their names have no dot). */
    public static final String NATIVE = "native";

    private final Map<String, Supplier<Catalog>> catalogs;
    private final Map<String, Map<String, TypeDef>> loaded;
    private final List<String> versioned;
    private final Versions versions;

    /**
     * A registry of the given catalogs, keyed by their type-name prefix ({@value #NATIVE} for the types without a
     * dot), in listing order. Each catalog is loaded the first time one of its types is asked for.
     */
    public Registry(Map<String, Supplier<Catalog>> catalogs) {
        this(catalogs, List.of());
    }

    /**
     * A registry whose types follow the newest release of every library, where {@code versioned} names the
     * libraries whose types can follow an older release instead ({@code --versions torch=1.13}).
     */
    public Registry(Map<String, Supplier<Catalog>> catalogs, List<String> versioned) {
        this(Collections.unmodifiableMap(new LinkedHashMap<>(catalogs)), new ConcurrentHashMap<>(),
                List.copyOf(versioned), Versions.newest());
    }

    private Registry(Map<String, Supplier<Catalog>> catalogs, Map<String, Map<String, TypeDef>> loaded,
                     List<String> versioned, Versions versions) {
        this.catalogs = catalogs;
        this.loaded = loaded;
        this.versioned = versioned;
        this.versions = versions;
    }

    /** The libraries whose types read {@link #versions()} (accepted by {@code --versions}). */
    public List<String> versioned() {
        return versioned;
    }

    /** The library releases the schedules built by this registry follow (newest when none is given). */
    public Versions versions() {
        return versions;
    }

    /** This registry (same types, same loaded catalogs), building schedules that follow the given releases. */
    public Registry withVersions(Versions versions) {
        return new Registry(catalogs, loaded, versioned, versions);
    }

    /** The types of one library, loading its catalog on first use; empty for an unknown library. */
    private Map<String, TypeDef> library(String prefix) {
        Supplier<Catalog> catalog = catalogs.get(prefix);
        if (catalog == null) {
            return Map.of();
        }
        return loaded.computeIfAbsent(prefix, p -> {
            Map<String, TypeDef> types = new LinkedHashMap<>();
            for (TypeDef t : catalog.get().types()) {
                if (!t.library().equals(p)) {
                    throw new IllegalStateException(t.name() + " is declared in the catalog of " + p);
                }
                if (types.put(t.name(), t) != null) {
                    throw new IllegalStateException("schedule type declared twice: " + t.name());
                }
            }
            return Collections.unmodifiableMap(types);
        });
    }

    /** All types, in declaration order (natives first, then each library). */
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>();
        for (String prefix : catalogs.keySet()) {
            all.addAll(library(prefix).values());
        }
        return Collections.unmodifiableList(all);
    }

    public Optional<TypeDef> find(String name) {
        int dot = name.indexOf('.');
        return Optional.ofNullable(library(dot < 0 ? NATIVE : name.substring(0, dot)).get(name));
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
        // a parameter the type declares under that name is the type's
        Node.Entry version = type.param(VERSION_KEY).isEmpty() ? mapping.entries().get(VERSION_KEY) : null;
        String context = "schedule '" + scheduleName + "' (" + type.name() + "): ";
        Registry registry = this;
        if (type.param(VERSION_KEY).isEmpty() && versioned.contains(type.library())) {
            reserved.add(VERSION_KEY);
            if (version != null) {
                registry = withVersions(versions.with(type.library(), version, context));
            }
        } else if (version != null) {
            throw new InputException(version.keyLocation(), context + "'version' picks the release of "
                    + String.join(", ", versioned) + " a schedule follows; " + type.name()
                    + " computes alike in every release, so remove it");
        }
        Args args = new Args(type, scheduleName, mapping, parent, registry, reserved);
        return new Args.Bound(args);
    }

    /** The declared type of a schedule mapping, with a suggestion when the name is unknown. */
    public TypeDef typeOf(Node.MapNode mapping, String scheduleName) {
        Node typeNode = mapping.get("type").orElseThrow(() -> new InputException(mapping.location(),
                "schedule '" + scheduleName + "': missing 'type'; write e.g. type: cosine (list types with: "
                        + "lrsched types)"));
        if (!(typeNode instanceof Node.ScalarNode s) || s.kind() != Node.ScalarKind.STRING) {
            throw new InputException(typeNode.location(), "schedule '" + scheduleName
                    + "': type must be a type name such as cosine or torch.OneCycleLR, not " + typeNode.describe());
        }
        TypeDef type = find(s.text()).orElse(null);
        if (type == null) {
            throw new InputException(s.location(), "schedule '" + scheduleName + "': unknown type '" + s.text()
                    + "'" + Suggest.didYouMean(s.text(), types().stream().map(TypeDef::name).toList()) + " (list types with: lrsched types)");
        }
        return type;
    }
}
