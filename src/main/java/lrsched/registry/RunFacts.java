package lrsched.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.core.Suggest;

/**
 * Facts about a training run that a framework's config cannot know, given as {@code --run KEY=VALUE}: how many
 * examples, processes, batches or updates the run has. A config format asks for the ones its arithmetic needs
 * ({@link #require}); a missing one is one line that names it and the flag.
 */
public final class RunFacts {
    /** Training examples per epoch, before the framework's own truncation and splits. */
    public static final Fact DATASET_SIZE = new Fact(Param.integer("dataset_size", "training examples per epoch, "
            + "before the framework's own truncation and splits").optional().positive(), "the dataset size");
    /** Data-parallel processes. */
    public static final Fact NUM_DEVICES = new Fact(Param.integer("num_devices", "data-parallel processes (world "
            + "size)").optional().positive(), "the number of devices");
    /** The dataloader's length as the framework counts it. */
    public static final Fact BATCHES_PER_EPOCH = new Fact(Param.integer("batches_per_epoch", "the dataloader's "
            + "length as the framework counts it (per process for Lightning, timm and fairseq; for kohya the 'num "
            + "batches per epoch' it prints)").optional()
            .positive(), "the number of batches per epoch");
    /** The run's length in optimizer updates. */
    public static final Fact NUM_UPDATES = new Fact(Param.integer("num_updates", "optimizer updates in the run "
            + "(for a config that does not say)").optional().positive(), "the number of updates");
    /** Every fact, in the order listings show them. */
    public static final List<Fact> ALL = List.of(DATASET_SIZE, NUM_DEVICES, BATCHES_PER_EPOCH, NUM_UPDATES);

    /** One fact: its declaration and how a message names it ("the dataset size"). */
    public record Fact(Param param, String noun) {
        public String name() {
            return param.name();
        }
    }

    private final Map<String, Long> values;
    private final Map<String, Location> locations;
    /** The facts a format asked for: a fact given but never asked for is a mistake worth reporting. */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    private RunFacts(Map<String, Long> values, Map<String, Location> locations) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    }

    /** No facts given. */
    public static RunFacts none() {
        return new RunFacts(Map.of(), Map.of());
    }

    /** The facts of a mapping such as the {@code --run} flags make ({@code dataset_size: 52000}). */
    public static RunFacts of(Node.MapNode given) {
        Map<String, Long> values = new LinkedHashMap<>();
        Map<String, Location> locations = new LinkedHashMap<>();
        List<String> names = ALL.stream().map(Fact::name).toList();
        for (Node.Entry e : given.entries().values()) {
            Fact fact = ALL.stream().filter(f -> f.name().equals(e.key())).findFirst().orElseThrow(() ->
                    new InputException(e.keyLocation(), "unknown run fact '" + e.key() + "'"
                            + Suggest.didYouMean(e.key(), names) + " (the facts are " + String.join(", ", names) + ")"));
            OptionalLong n = e.value() instanceof Node.ScalarNode s && s.kind() != Node.ScalarKind.NULL
                    ? Numbers.parseInteger(s.text()) : OptionalLong.empty();
            if (n.isEmpty() || !fact.param().range().contains(n.getAsLong())) {
                throw new InputException(e.value().location(), fact.name() + " takes a whole number "
                        + fact.param().range().describe() + " (" + fact.param().doc() + "), not "
                        + e.value().describe());
            }
            values.put(fact.name(), n.getAsLong());
            locations.put(fact.name(), e.value().location());
        }
        return new RunFacts(values, locations);
    }

    /** The fact's value, if given. */
    public OptionalLong get(Fact fact) {
        asked.add(fact.name());
        Long v = values.get(fact.name());
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /**
     * The fact's value; without it, an error at {@code where} saying that {@code what} needs it:
     * {@code train.yaml: the number of updates needs the dataset size: add --run dataset_size=N}.
     */
    public long require(Fact fact, Location where, String what) {
        return get(fact).orElseThrow(() -> new InputException(where, what + " needs " + fact.noun() + ": add --run "
                + fact.name() + "=N"));
    }

    /**
     * Fails on the first fact given that no format asked for: {@code --run dataset_size=N} with a file whose curve
     * does not depend on it would otherwise be ignored without a word.
     */
    public void checkAllAsked() {
        for (Map.Entry<String, Location> e : locations.entrySet()) {
            if (!asked.contains(e.getKey())) {
                throw new InputException(e.getValue(), e.getKey() + " is not used: no file given here needs it "
                        + "(lrsched explain shows what each file reads); remove it");
            }
        }
    }
}
