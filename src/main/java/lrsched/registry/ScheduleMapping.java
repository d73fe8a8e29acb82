package lrsched.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lrsched.core.DoubleFormat;
import lrsched.core.Location;
import lrsched.core.Node;

/**
 * Builds a schedule mapping ({@code type:} and its arguments) entry by entry, each value located where it was read or
 * derived from, so the registry's refusals of the mapping point at what the user wrote. Config formats build the
 * schedule a framework config describes with it; catalogs that compose other declared types (PaddleOCR's and
 * PaddleClas's classes around {@code paddle.*}) build the inner mapping with it for {@link Args#compose}.
 */
public final class ScheduleMapping {
    private final Location location;
    private final Map<String, Node.Entry> entries = new LinkedHashMap<>();

    public ScheduleMapping(Location location, String type) {
        this.location = location;
        put("type", new Node.ScalarNode(location, type, Node.ScalarKind.STRING));
    }

    public ScheduleMapping put(String key, Node value) {
        entries.put(key, new Node.Entry(key, value.location(), value));
        return this;
    }

    public ScheduleMapping put(String key, Location at, double value) {
        return put(key, number(at, DoubleFormat.format(value)));
    }

    public ScheduleMapping put(String key, Location at, long value) {
        return put(key, number(at, Long.toString(value)));
    }

    public ScheduleMapping put(String key, Location at, boolean value) {
        return put(key, new Node.ScalarNode(at, Boolean.toString(value), Node.ScalarKind.BOOLEAN));
    }

    public ScheduleMapping put(String key, Location at, long[] values) {
        List<Node> items = new ArrayList<>();
        for (long v : values) {
            items.add(number(at, Long.toString(v)));
        }
        return put(key, new Node.ListNode(at, items));
    }

    /** The argument {@code p} of {@code a}, passed on as it was read, located where it was. */
    public ScheduleMapping put(String key, Args a, Param p) {
        Location at = a.location(p);
        return switch (p.kind()) {
            case REAL -> put(key, at, a.real(p));
            case INTEGER -> put(key, at, a.integer(p));
            case BOOLEAN -> put(key, at, a.bool(p));
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
