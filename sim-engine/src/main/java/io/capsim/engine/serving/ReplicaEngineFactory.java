package io.capsim.engine.serving;

/** Builds the engine of one replica; registered by {@link #name()} in {@link ReplicaEngines}. */
public interface ReplicaEngineFactory {

    /** The name a scenario gives in {@code services.<name>.engine}, for example {@code fixed-slots}. */
    String name();

    /** An engine for one ready replica of {@code spec} on a node of relative speed {@code speed}. */
    ReplicaEngine create(ServiceSpec spec, ReplicaHost host, double speed);

    /**
     * An engine for a replica whose pod runs with {@code cpuCores} CPUs (its actual CPU limit, or
     * request without a limit; it differs from the template's after a resize, or on a pod created
     * at a recommended size). Engines whose speed does not follow the CPU ignore it.
     */
    default ReplicaEngine create(ServiceSpec spec, ReplicaHost host, double speed, double cpuCores) {
        return create(spec, host, speed);
    }

    /**
     * True if the engine reports the cores its requests use ({@link ReplicaHost#cpuInUse}), so that
     * the service's CPU use and utilisation come from it instead of per-slot usage figures.
     */
    default boolean sharesCpu() {
        return false;
    }

    /**
     * True if the engine keeps per-request state in the service's {@link RequestTable} (tokens
     * generated, first token, started), which a new request's row must then start cleared.
     */
    default boolean keepsRequestState() {
        return false;
    }
}
