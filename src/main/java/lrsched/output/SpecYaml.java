package lrsched.output;

import java.io.StringWriter;
import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Node;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes schedules as an lrsched spec in YAML: {@code steps:} and {@code schedules:}, each schedule a mapping with
 * its name first. Scalars keep the text they were read with (numbers as written, {@code 5e-05} stays {@code 5e-05}),
 * so reading the YAML back gives the same schedules.
 */
public final class SpecYaml {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .build();

    private SpecYaml() {}

    /** One schedule: the name it has in the spec, and its mapping as read ({@code type} and parameters). */
    public record Schedule(String name, Node.MapNode mapping) {}

    /** The spec as YAML text, after {@code comment} lines (each written as a {@code #} comment). */
    public static String write(List<String> comment, OptionalLong steps, List<Schedule> schedules) {
        StringWriter text = new StringWriter();
        comment.forEach(line -> text.append("# ").append(line).append('\n'));
        try (JsonGenerator g = YAML.createGenerator(ObjectWriteContext.empty(), text)) {
            g.writeStartObject();
            if (steps.isPresent()) {
                g.writeNumberProperty("steps", steps.getAsLong());
            }
            g.writeName("schedules");
            g.writeStartArray();
            for (Schedule s : schedules) {
                g.writeStartObject();
                g.writeStringProperty("name", s.name());
                for (Node.Entry e : s.mapping().entries().values()) {
                    if (!e.key().equals("name")) {
                        g.writeName(e.key());
                        value(g, e.value());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return text.toString();
    }

    private static void value(JsonGenerator g, Node node) {
        if (node instanceof Node.MapNode m) {
            g.writeStartObject();
            for (Node.Entry e : m.entries().values()) {
                g.writeName(e.key());
                value(g, e.value());
            }
            g.writeEndObject();
        } else if (node instanceof Node.ListNode l) {
            g.writeStartArray();
            for (Node item : l.items()) {
                value(g, item);
            }
            g.writeEndArray();
        } else {
            Node.ScalarNode s = (Node.ScalarNode) node;
            switch (s.kind()) {
                case NUMBER -> g.writeNumber(s.text());
                case BOOLEAN -> g.writeBoolean(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
                case NULL -> g.writeNull();
                case STRING -> g.writeString(s.text());
            }
        }
    }
}
