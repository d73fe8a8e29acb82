package lrsched.compat.paddle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lrsched.core.DoubleFormat;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.registry.Args;
import lrsched.registry.Param;

/**
 * The mapping of a scheduler a PaddleOCR or PaddleClas class builds (a {@code paddle.*} type, or a subclass), entry by
 * entry; each value is located at the argument it came from, so the scheduler's refusals point at what the user
 * wrote.
 */
public final class Composed {
    private final Location location;
    private final Map<String, Node.Entry> entries = new LinkedHashMap<>();

    public Composed(Location location, String type) {
        this.location = location;
        put("type", new Node.ScalarNode(location, type, Node.ScalarKind.STRING));
    }

    public Composed put(String key, Node value) {
        entries.put(key, new Node.Entry(key, value.location(), value));
        return this;
    }

    public Composed put(String key, Location at, long value) {
        return put(key, number(at, Long.toString(value)));
    }

    public Composed put(String key, Location at, double value) {
        return put(key, number(at, DoubleFormat.format(value)));
    }

    public Composed put(String key, Location at, long[] values) {
        return put(key, new Node.ListNode(at, Arrays.stream(values).mapToObj(v -> (Node) number(at,
                Long.toString(v))).toList()));
    }

    /** The argument {@code p} of {@code a}, passed on as it was read. */
    public Composed put(String key, Args a, Param p) {
        Location at = a.location(p);
        return switch (p.kind()) {
            case REAL -> put(key, at, a.real(p));
            case INTEGER -> put(key, at, a.integer(p));
            case BOOLEAN -> put(key, new Node.ScalarNode(at, Boolean.toString(a.bool(p)), Node.ScalarKind.BOOLEAN));
            case TEXT -> put(key, new Node.ScalarNode(at, a.text(p), Node.ScalarKind.STRING));
            case REALS -> {
                List<Node> items = new ArrayList<>();
                for (double v : a.reals(p)) {
                    items.add(number(at, DoubleFormat.format(v)));
                }
                yield put(key, new Node.ListNode(at, items));
            }
            default -> throw new IllegalArgumentException(p.name() + " is not passed on");
        };
    }

    public Node.MapNode build() {
        return new Node.MapNode(location, entries);
    }

    private static Node.ScalarNode number(Location at, String text) {
        return new Node.ScalarNode(at, text, Node.ScalarKind.NUMBER);
    }
}
