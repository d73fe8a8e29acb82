package lrsched.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import lrsched.core.Schedule;

/**
 * A schedule type, declared once: its name, a one-line summary, the formula it computes, its parameters and the
 * factory that turns validated arguments into a {@link Schedule}. Build with {@link #builder}.
 *
 * @param name         the {@code type:} value ({@code cosine}, {@code torch.OneCycleLR})
 * @param summary      one line for {@code lrsched types}
 * @param formula      the formula (multi-line allowed) shown by {@code lrsched types NAME}
 * @param notes        quirks and conventions worth knowing, shown by {@code lrsched types NAME}
 * @param params       parameters in display order
 * @param openParams   whether extra numeric parameters are allowed (the {@code expr} type's named constants)
 * @param factory      builds the schedule; may throw {@link lrsched.core.InputException} via {@link Args#error}
 * @param computable   false for a type declared only to be recognised and refused with its reason: its factory
 *                     always throws
 */
public record TypeDef(String name, String summary, String formula, String notes, List<Param> params,
                      boolean openParams, Function<Args, Schedule> factory, boolean computable) {

    /** A computable type. */
    public TypeDef(String name, String summary, String formula, String notes, List<Param> params,
                   boolean openParams, Function<Args, Schedule> factory) {
        this(name, summary, formula, notes, params, openParams, factory, true);
    }

    public TypeDef {
        params = List.copyOf(params);
        Map<String, Param> seen = new LinkedHashMap<>();
        for (Param p : params) {
            if (seen.put(p.name(), p) != null) {
                throw new IllegalArgumentException(name + ": parameter " + p.name() + " declared twice");
            }
        }
    }

    /** The same type with every schedule it builds passed through {@code wrap} (a check on its values, say). */
    public TypeDef wrapping(java.util.function.UnaryOperator<Schedule> wrap) {
        return new TypeDef(name, summary, formula, notes, params, openParams, a -> wrap.apply(factory.apply(a)),
                computable);
    }

    /** The library part of the name ("torch" for torch.StepLR), or "native". */
    public String library() {
        int dot = name.indexOf('.');
        return dot < 0 ? "native" : name.substring(0, dot);
    }

    public Optional<Param> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    public static Builder builder(String name, String summary) {
        return new Builder(name, summary);
    }

    /** Collects a declaration; {@link #build} makes the immutable {@link TypeDef}. */
    public static final class Builder {
        private final String name;
        private final String summary;
        private String formula = "";
        private String notes = "";
        private final List<Param> params = new ArrayList<>();
        private boolean openParams;
        private boolean computable = true;

        private Builder(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        public Builder formula(String text) {
            this.formula = text;
            return this;
        }

        public Builder notes(String text) {
            this.notes = text;
            return this;
        }

        public Builder param(Param p) {
            params.add(p);
            return this;
        }

        public Builder params(Param... ps) {
            params.addAll(List.of(ps));
            return this;
        }

        public Builder params(List<Param> ps) {
            params.addAll(ps);
            return this;
        }

        /** Allows extra numeric parameters beyond the declared ones (named constants of a formula). */
        public Builder openParams() {
            this.openParams = true;
            return this;
        }

        /** Declared to be recognised and refused with its reason: the factory always throws. */
        public Builder notComputable() {
            this.computable = false;
            return this;
        }

        public TypeDef build(Function<Args, Schedule> factory) {
            return new TypeDef(name, summary, formula, notes, params, openParams, factory, computable);
        }
    }
}
