package io.capsim.engine.cluster;

import java.util.Objects;

/**
 * A node taint.
 *
 * @param key non-empty key
 * @param value value, possibly empty; not null
 * @param effect effect; not null
 */
public record Taint(String key, String value, TaintEffect effect) {

    public Taint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(effect, "effect");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("taint key must not be empty");
        }
    }
}
