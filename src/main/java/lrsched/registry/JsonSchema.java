package lrsched.registry;

import java.io.StringWriter;
import java.util.List;

import lrsched.core.DoubleFormat;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * The JSON Schema (draft 2020-12) of a spec, generated from the type declarations: every type with its
 * parameters, kinds, defaults, ranges and descriptions, so YAML language servers validate and complete spec files.
 * A schedule mapping is checked against its type's parameters through {@code if}/{@code then} on {@code type}.
 */
public final class JsonSchema {
    private JsonSchema() {}

    public static String of(Registry registry) {
        StringWriter out = new StringWriter();
        ObjectWriteContext pretty = new ObjectWriteContext.Base() {
            @Override
            public tools.jackson.core.PrettyPrinter getPrettyPrinter() {
                return new DefaultPrettyPrinter();
            }
        };
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(pretty, out)) {
            write(registry, g);
        }
        return out + "\n";
    }

    private static void write(Registry registry, JsonGenerator g) {
        List<TypeDef> types = registry.types();
        g.writeStartObject();
        g.writeStringProperty("$schema", "https://json-schema.org/draft/2020-12/schema");
        g.writeStringProperty("title", "lrsched spec");
        g.writeStringProperty("description", "Learning-rate schedules for lrsched: a mapping with steps and "
                + "schedules, or a single schedule mapping with type.");
        g.writeName("anyOf");
        g.writeStartArray();
        g.writeStartObject();
        g.writeStringProperty("type", "object");
        g.writeName("properties");
        g.writeStartObject();
        steps(g);
        g.writeName(SpecKeys.TRAINING.name());
        g.writeStartObject();
        g.writeStringProperty("description", SpecKeys.TRAINING.doc());
        g.writeStringProperty("type", "object");
        g.writeName("properties");
        g.writeStartObject();
        for (Param p : SpecKeys.TRAINING.fields()) {
            g.writeName(p.name());
            param(g, p);
        }
        g.writeEndObject();
        required(g, "dataset_size");
        g.writeBooleanProperty("additionalProperties", false);
        g.writeEndObject();
        g.writeName(SpecKeys.VERSIONS.name());
        g.writeStartObject();
        g.writeStringProperty("description", SpecKeys.VERSIONS.doc());
        g.writeStringProperty("type", "object");
        g.writeName("properties");
        g.writeStartObject();
        for (Param p : SpecKeys.VERSIONS.fields()) {
            g.writeName(p.name());
            param(g, p);
        }
        g.writeEndObject();
        g.writeBooleanProperty("additionalProperties", false);
        g.writeEndObject();
        for (Param p : RunOptions.PARAMS) {
            g.writeName(p.name());
            param(g, p);
        }
        g.writeName(SpecKeys.SCHEDULES.name());
        g.writeStartObject();
        g.writeStringProperty("type", "array");
        g.writeNumberProperty("minItems", 1);
        g.writeName("items");
        ref(g, "#/$defs/schedule");
        g.writeEndObject();
        g.writeEndObject();
        required(g, SpecKeys.SCHEDULES.name());
        g.writeBooleanProperty("additionalProperties", false);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringProperty("$ref", "#/$defs/schedule");
        g.writeName("properties");
        g.writeStartObject();
        steps(g);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();

        g.writeName("$defs");
        g.writeStartObject();
        g.writeName("schedule");
        g.writeStartObject();
        g.writeStringProperty("type", "object");
        g.writeName("properties");
        g.writeStartObject();
        g.writeName("type");
        g.writeStartObject();
        g.writeStringProperty("description", "the schedule type (lrsched types lists them)");
        g.writeName("enum");
        g.writeStartArray();
        for (TypeDef t : types) {
            g.writeString(t.name());
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeName("name");
        g.writeStartObject();
        g.writeStringProperty("type", "string");
        g.writeStringProperty("description", "unique name: the CSV column and legend label");
        g.writeEndObject();
        g.writeEndObject();
        required(g, "type");
        g.writeName("allOf");
        g.writeStartArray();
        for (TypeDef t : types) {
            g.writeStartObject();
            g.writeName("if");
            g.writeStartObject();
            g.writeName("properties");
            g.writeStartObject();
            g.writeName("type");
            g.writeStartObject();
            g.writeStringProperty("const", t.name());
            g.writeEndObject();
            g.writeEndObject();
            required(g, "type");
            g.writeEndObject();
            g.writeName("then");
            ref(g, "#/$defs/" + t.name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        for (TypeDef t : types) {
            g.writeName(t.name());
            type(g, t, registry.versioned().contains(t.library()) && t.param(Registry.VERSION_KEY).isEmpty());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void type(JsonGenerator g, TypeDef t, boolean versioned) {
        g.writeStartObject();
        g.writeStringProperty("description", t.summary());
        g.writeStringProperty("type", "object");
        g.writeName("properties");
        g.writeStartObject();
        for (String reserved : Registry.RESERVED_KEYS) {
            g.writeName(reserved);
            g.writeStartObject();
            g.writeEndObject();
        }
        if (versioned) {
            g.writeName(Registry.VERSION_KEY);
            g.writeStartObject();
            g.writeStringProperty("type", "string");
            g.writeStringProperty("description", "the " + t.library() + " release this schedule follows, e.g. \"2.7\" "
                    + "(wins over the spec's versions: and --versions)");
            g.writeEndObject();
        }
        steps(g); // the run length, in a file that holds a single schedule mapping
        for (Param p : t.params()) {
            g.writeName(p.name());
            param(g, p);
        }
        for (Param p : RunOptions.PARAMS) {
            if (t.param(p.name()).isEmpty()) {
                g.writeName(p.name());
                param(g, p);
            }
        }
        g.writeEndObject();
        // lengths a training: block fills in are not required of the schedule itself
        required(g, t.params().stream().filter(p -> p.required() && !p.inherited()
                && !TrainingRun.FILLS.contains(p.name())).map(Param::name).toArray(String[]::new));
        if (t.openParams()) {
            g.writeName("additionalProperties");
            g.writeStartObject();
            g.writeStringProperty("type", "number");
            g.writeEndObject();
        } else {
            g.writeBooleanProperty("additionalProperties", false);
        }
        g.writeEndObject();
    }

    /** One mapping of a {@link Param.Kind#RECORDS} parameter: its declared fields, nothing else. */
    private static void record(JsonGenerator g, Param p) {
        g.writeStartObject();
        g.writeStringProperty("type", "object");
        g.writeName("properties");
        g.writeStartObject();
        for (Param f : p.fields()) {
            g.writeName(f.name());
            param(g, f);
        }
        g.writeEndObject();
        g.writeBooleanProperty("additionalProperties", false);
        g.writeEndObject();
    }

    private static void param(JsonGenerator g, Param p) {
        g.writeStartObject();
        g.writeStringProperty("description", p.doc() + (p.defaultValue().isEmpty() && p.defaultDoc().isPresent()
                ? " (default: " + p.defaultDoc().get() + ")" : ""));
        switch (p.kind()) {
            case REAL:
                numberish(g, "number", p.range());
                break;
            case INTEGER:
                numberish(g, "integer", p.range());
                break;
            case BOOLEAN:
                g.writeStringProperty("type", "boolean");
                break;
            case CHOICE:
                g.writeName("enum");
                g.writeStartArray();
                for (String c : p.choices()) {
                    g.writeString(c);
                }
                g.writeEndArray();
                break;
            case TEXT:
            case EXPRESSION:
                g.writeStringProperty("type", "string");
                break;
            case REALS:
            case INTEGERS: {
                String item = p.kind() == Param.Kind.REALS ? "number" : "integer";
                g.writeName("anyOf");
                g.writeStartArray();
                g.writeStartObject();
                numberish(g, item, p.range());
                g.writeEndObject();
                g.writeStartObject();
                g.writeStringProperty("type", "array");
                g.writeName("items");
                g.writeStartObject();
                numberish(g, item, p.range());
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                break;
            }
            case SCHEDULES: // a single mapping stands for a one-element list, as Args reads it
                g.writeName("anyOf");
                g.writeStartArray();
                g.writeStartObject();
                g.writeStringProperty("type", "array");
                g.writeName("items");
                ref(g, "#/$defs/schedule");
                g.writeEndObject();
                ref(g, "#/$defs/schedule");
                g.writeEndArray();
                break;
            case REAL_OR_SCHEDULE:
                g.writeName("anyOf");
                g.writeStartArray();
                g.writeStartObject();
                numberish(g, "number", p.range());
                g.writeEndObject();
                ref(g, "#/$defs/schedule");
                g.writeEndArray();
                break;
            case RECORDS: {
                g.writeName("anyOf");
                g.writeStartArray();
                g.writeStartObject();
                g.writeStringProperty("type", "array");
                g.writeName("items");
                record(g, p);
                g.writeEndObject();
                record(g, p);
                g.writeEndArray();
                break;
            }
            case STEP_VALUES:
                g.writeName("anyOf");
                g.writeStartArray();
                g.writeStartObject();
                g.writeStringProperty("type", "object");
                g.writeName("patternProperties");
                g.writeStartObject();
                g.writeName("^[0-9]+$");
                g.writeStartObject();
                g.writeStringProperty("type", "number");
                g.writeEndObject();
                g.writeEndObject();
                g.writeBooleanProperty("additionalProperties", false);
                g.writeEndObject();
                g.writeStartObject();
                g.writeStringProperty("type", "array");
                g.writeName("items");
                g.writeStartObject();
                g.writeStringProperty("type", "array");
                g.writeNumberProperty("minItems", 2);
                g.writeNumberProperty("maxItems", 2);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                break;
            case TRACE:
                g.writeName("anyOf");
                g.writeStartArray();
                g.writeStartObject();
                g.writeStringProperty("type", "array");
                g.writeNumberProperty("minItems", 1);
                g.writeName("items");
                g.writeStartObject();
                g.writeName("type");
                g.writeStartArray();
                g.writeString("number");
                g.writeString("string"); // nan, inf as a log writes them
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
                g.writeStartObject();
                g.writeStringProperty("type", "object");
                g.writeName("properties");
                g.writeStartObject();
                for (Param f : TraceLog.PARAMS) {
                    g.writeName(f.name());
                    param(g, f);
                }
                g.writeEndObject();
                required(g, TraceLog.PARAMS.stream().filter(Param::required).map(Param::name)
                        .toArray(String[]::new));
                g.writeBooleanProperty("additionalProperties", false);
                g.writeEndObject();
                g.writeEndArray();
                break;
            default:
                break; // ANY: accepted and ignored
        }
        if (p.defaultValue().isPresent()) {
            Object d = p.defaultValue().get();
            g.writeName("default");
            if (d instanceof Number n && !(d instanceof Double) && !(d instanceof Float)) {
                g.writeNumber(n.longValue());
            } else if (d instanceof Number n) {
                g.writeNumber(DoubleFormat.format(n.doubleValue()));
            } else if (d instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (d instanceof List<?> list) {
                g.writeStartArray();
                for (Object o : list) {
                    if (o instanceof Number n) {
                        g.writeNumber(DoubleFormat.format(n.doubleValue()));
                    } else {
                        g.writeString(String.valueOf(o));
                    }
                }
                g.writeEndArray();
            } else {
                g.writeString(String.valueOf(d));
            }
        }
        g.writeEndObject();
    }

    private static void numberish(JsonGenerator g, String type, Range r) {
        g.writeStringProperty("type", type);
        if (r.min() != Double.NEGATIVE_INFINITY) {
            g.writeName(r.minInclusive() ? "minimum" : "exclusiveMinimum");
            g.writeNumber(DoubleFormat.formatCompact(r.min()));
        }
        if (r.max() != Double.POSITIVE_INFINITY) {
            g.writeName(r.maxInclusive() ? "maximum" : "exclusiveMaximum");
            g.writeNumber(DoubleFormat.formatCompact(r.max()));
        }
    }

    /** {@code "required": [names...]}. */
    private static void required(JsonGenerator g, String... names) {
        g.writeName("required");
        g.writeStartArray();
        for (String name : names) {
            g.writeString(name);
        }
        g.writeEndArray();
    }

    /** The {@code steps:} key: a whole number of steps from 1. */
    private static void steps(JsonGenerator g) {
        g.writeName(SpecKeys.STEPS.name());
        g.writeStartObject();
        g.writeStringProperty("type", "integer");
        g.writeNumberProperty("minimum", 1);
        g.writeStringProperty("description", SpecKeys.STEPS.doc());
        g.writeEndObject();
    }

    private static void ref(JsonGenerator g, String target) {
        g.writeStartObject();
        g.writeStringProperty("$ref", target);
        g.writeEndObject();
    }
}
