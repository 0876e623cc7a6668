package io.capsim.engine.cluster;

import java.util.Objects;

/**
 * The controller that owns a pod (its {@code ownerReferences[controller=true]}).
 *
 * @param kind kind of owner
 * @param name owner name (the service of a ReplicaSet, the job of a Job); empty for {@link Kind#NONE}
 */
public record Owner(Kind kind, String name) {

    /** A bare pod, owned by nothing. */
    public static final Owner NONE = new Owner(Kind.NONE, "");

    /** Kinds of owners. */
    public enum Kind {
        /** A bare pod. */
        NONE,
        /** A ReplicaSet of a Deployment (a capsim service). */
        REPLICA_SET,
        /** A Job (a capsim job, or one pod of a replayed pod trace). */
        JOB
    }

    public Owner {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind != Kind.NONE && name.isEmpty()) {
            throw new IllegalArgumentException("owner of kind " + kind + " needs a name");
        }
    }

    /** The ReplicaSet of service {@code name}. */
    public static Owner replicaSet(String name) {
        return new Owner(Kind.REPLICA_SET, name);
    }

    /** The Job {@code name}. */
    public static Owner job(String name) {
        return new Owner(Kind.JOB, name);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "pod";
            case REPLICA_SET -> "service " + name;
            case JOB -> "job " + name;
        };
    }
}
