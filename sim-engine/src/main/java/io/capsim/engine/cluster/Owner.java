package io.capsim.engine.cluster;

import java.util.Objects;

/**
 * What a pod belongs to.
 *
 * @param kind kind of owner
 * @param name owner name (service, job); empty for {@link Kind#NONE}
 */
public record Owner(Kind kind, String name) {

    /** A pod without owner. */
    public static final Owner NONE = new Owner(Kind.NONE, "");

    /** Kinds of owners. */
    public enum Kind {
        NONE,
        SERVICE_REPLICA,
        TRAINING_JOB,
        BATCH_JOB
    }

    public Owner {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind != Kind.NONE && name.isEmpty()) {
            throw new IllegalArgumentException("owner of kind " + kind + " needs a name");
        }
    }
}
