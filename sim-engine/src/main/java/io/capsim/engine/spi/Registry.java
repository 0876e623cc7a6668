package io.capsim.engine.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Extension implementations registered by exact name, as Kubernetes' scheduler
 * {@code runtime/registry.go} does: a duplicate name is refused, and a lookup miss can suggest the
 * nearest registered name. A registry is assembled once ({@link #of} or a {@link Builder}) and
 * cannot change afterwards, so a shared instance is not mutable state.
 *
 * @param <F> the factory type registered under each name
 */
public final class Registry<F> {

    private final String kind;
    private final Map<String, F> byName;

    private Registry(String kind, Map<String, F> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /**
     * Assembles a registry.
     *
     * @param <F> the factory type
     */
    public static final class Builder<F> {
        private final String kind;
        private final Map<String, F> byName = new LinkedHashMap<>();

        /** @param kind what the names denote, used in messages (for example "distribution") */
        public Builder(String kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /**
         * Registers a factory.
         *
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or already registered
         */
        public Builder<F> register(String name, F factory) {
            Objects.requireNonNull(factory, "factory");
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(kind + " name must not be empty");
            }
            if (byName.putIfAbsent(name, factory) != null) {
                throw new IllegalArgumentException(kind + " \"" + name + "\" is already registered");
            }
            return this;
        }

        /** The registry of everything registered so far. */
        public Registry<F> build() {
            return new Registry<>(kind, byName);
        }
    }

    /** The factory registered under exactly {@code name}. */
    public Optional<F> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Registered names in registration order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Read-only view by name. */
    public Map<String, F> asMap() {
        return byName;
    }

    /**
     * A message for a name that is not registered: {@code unknown distribution "expo"; did you mean
     * "exponential"? (allowed: constant, exponential, lognormal)}.
     */
    public String unknownMessage(String name) {
        return Names.unknown(kind, name, names());
    }

    /** Builds a registry from factories that know their own names. */
    public static <F> Registry<F> of(String kind, List<F> factories, Function<F, String> nameOf) {
        Builder<F> b = new Builder<>(kind);
        for (F f : factories) {
            b.register(nameOf.apply(f), f);
        }
        return b.build();
    }
}
