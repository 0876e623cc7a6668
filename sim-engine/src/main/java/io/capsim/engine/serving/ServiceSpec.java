package io.capsim.engine.serving;

import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.random.DistributionSpec;
import java.util.Objects;

/**
 * An inference service: a Deployment of identical replicas (pods from {@code template}, kept at
 * {@code replicas} by the ReplicaSet controller) and how its ready replicas serve requests.
 *
 * @param name service name (a DNS-1123 label); its pods are {@code <name>-<n>}
 * @param replicas replicas wanted, at least 0
 * @param template the replicas' pod template (requests, limits, priority, scheduling constraints,
 *     startup time); its name is ignored and it runs until deleted
 * @param engine name of the replica engine ({@link ReplicaEngines})
 * @param concurrency requests one replica serves at once, at least 1
 * @param queueCapacity most requests waiting (at the service with a service queue, else per
 *     replica); an arrival finding the queue full is rejected. {@link Integer#MAX_VALUE} means
 *     unbounded up to the run's safety limit
 * @param routing name of the router ({@link Routers})
 * @param usage what a ready replica uses while idle and per request in service
 * @param serviceTime demand of a request at speed 1 when the arrival carries neither its own demand
 *     nor token counts; null if every arrival does
 * @param tokenWork demand from token counts, for arrivals that carry them; null for none
 * @param onReplicaLoss what happens to the requests of a replica that goes away (preempted,
 *     evicted, deleted): sent again to the service, or counted as failed
 * @param startAtTicks when the Deployment is created, ticks from the start (0: at the start);
 *     requests arriving before a replica is ready wait in the service queue
 * @param llm how an LLM engine ({@link ContinuousBatching}) serves, or null for other engines
 * @param sizing vertical sizing of the replicas during the run (a VerticalPodAutoscaler), or null for none
 * @param client how its clients time out and retry, or null: they wait for ever and never retry
 */
public record ServiceSpec(
        String name,
        int replicas,
        PodSpec template,
        String engine,
        int concurrency,
        int queueCapacity,
        String routing,
        Usage usage,
        DistributionSpec serviceTime,
        TokenWork tokenWork,
        OnReplicaLoss onReplicaLoss,
        long startAtTicks,
        LlmSpec llm,
        io.capsim.engine.sizing.VerticalSizing sizing,
        ClientSpec client) {

    /** What happens to the requests a lost replica held. */
    public enum OnReplicaLoss {
        /** Sent to the service again (keeping their arrival time), as a retrying client or gateway does. */
        RETRY,
        /** Counted as failed. */
        FAIL
    }

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(onReplicaLoss, "onReplicaLoss");
        if (serviceTime == null && tokenWork == null && llm == null) {
            throw new IllegalArgumentException("service " + name + " needs a serviceTime, tokenWork or llm");
        }
        if (replicas < 0 || concurrency < 1 || queueCapacity < 0 || startAtTicks < 0) {
            throw new IllegalArgumentException("invalid service " + name);
        }
    }

    /** A service without vertical sizing whose clients wait for ever and never retry. */
    public ServiceSpec(String name, int replicas, PodSpec template, String engine, int concurrency, int queueCapacity,
            String routing, Usage usage, DistributionSpec serviceTime, TokenWork tokenWork, OnReplicaLoss onReplicaLoss,
            long startAtTicks, LlmSpec llm) {
        this(name, replicas, template, engine, concurrency, queueCapacity, routing, usage, serviceTime, tokenWork,
                onReplicaLoss, startAtTicks, llm, null, null);
    }

    /** The same service with another vertical sizing (null for none). */
    public ServiceSpec withSizing(io.capsim.engine.sizing.VerticalSizing newSizing) {
        return new ServiceSpec(name, replicas, template, engine, concurrency, queueCapacity, routing, usage, serviceTime,
                tokenWork, onReplicaLoss, startAtTicks, llm, newSizing, client);
    }

    /** A service without an LLM spec. */
    public ServiceSpec(String name, int replicas, PodSpec template, String engine, int concurrency, int queueCapacity,
            String routing, Usage usage, DistributionSpec serviceTime, TokenWork tokenWork, OnReplicaLoss onReplicaLoss,
            long startAtTicks) {
        this(name, replicas, template, engine, concurrency, queueCapacity, routing, usage, serviceTime, tokenWork,
                onReplicaLoss, startAtTicks, null);
    }
}
