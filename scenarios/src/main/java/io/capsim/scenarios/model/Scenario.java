package io.capsim.scenarios.model;

import io.capsim.engine.cluster.NodePool;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.workloads.arrival.ProcessSpec;
import java.util.List;
import java.util.Objects;

/**
 * A validated scenario: everything needed for one run.
 *
 * @param name scenario name, safe as a folder name
 * @param seed master random seed
 * @param durationSeconds length of the run in virtual seconds, warm-up included
 * @param warmupSeconds start of the measured window, less than the duration
 * @param nodePools node pools, in file order
 * @param services services, in file order (also placement order)
 * @param arrivals arrival streams, in file order
 */
public record Scenario(
        String name,
        long seed,
        double durationSeconds,
        double warmupSeconds,
        List<NodePool> nodePools,
        List<ServiceSpec> services,
        List<ArrivalSpec> arrivals) implements ScenarioDocument {

    public Scenario {
        Objects.requireNonNull(name, "name");
        nodePools = List.copyOf(nodePools);
        services = List.copyOf(services);
        arrivals = List.copyOf(arrivals);
    }

    /** The same scenario with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, durationSeconds, warmupSeconds, nodePools, services, arrivals);
    }

    /**
     * One stream of arrivals: a synthetic process or a recorded trace.
     *
     * @param name stream name; its random stream is {@code arrivals/<name>}
     * @param service target service
     * @param process the arrival process and its parameters, or null for a trace
     * @param trace the trace to replay, or null for a process
     */
    public record ArrivalSpec(String name, String service, ProcessSpec process, TraceSpec trace) {
        public ArrivalSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(service, "service");
            if ((process == null) == (trace == null)) {
                throw new IllegalArgumentException("an arrival stream has a process or a trace, not both");
            }
        }

        /** A synthetic stream. */
        public ArrivalSpec(String name, String service, ProcessSpec process) {
            this(name, service, Objects.requireNonNull(process, "process"), null);
        }

        /** "poisson", or "trace azure-llm-2023". */
        public String describe() {
            return process != null ? process.process() : "trace " + trace.format();
        }
    }

    /**
     * A recorded trace to replay.
     *
     * @param file the trace file (resolved against the scenario's folder)
     * @param format registered trace format name
     * @param options bad-row policy and, for {@code csv}, the column layout
     * @param timeScale multiplies every time (0.5 replays twice as fast)
     * @param fromSeconds start of the window of the trace to replay, seconds (after scaling)
     * @param toSeconds end of the window, seconds, or +infinity
     * @param loop replay the (windowed) trace over and over until the run ends
     */
    public record TraceSpec(java.nio.file.Path file, String format, io.capsim.workloads.trace.TraceOptions options,
            double timeScale, double fromSeconds, double toSeconds, boolean loop) {
        public TraceSpec {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(options, "options");
        }
    }
}
