package io.capsim.engine.serving;

import java.util.Locale;

/** How a service hands a request to one of its replicas. */
public enum Routing {
    /**
     * One FIFO queue per service; a request starts on any replica with a free slot (a queue-based
     * router or activator). With concurrency 1 and exponential times this is exactly M/M/c.
     */
    SHARED_QUEUE,
    /** Requests go to replicas in turn; each replica keeps its own FIFO queue. */
    ROUND_ROBIN,
    /** A request goes to the replica with the fewest requests in service plus waiting. */
    LEAST_OUTSTANDING;

    /** The scenario name: {@code shared-queue}, {@code round-robin}, {@code least-outstanding}. */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The routing with the given scenario name, or null. */
    public static Routing byExternalName(String name) {
        for (Routing r : values()) {
            if (r.externalName().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
