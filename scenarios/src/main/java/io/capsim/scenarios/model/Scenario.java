package io.capsim.scenarios.model;

import io.capsim.engine.cluster.NodePool;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.workloads.arrival.ArrivalField;
import io.capsim.workloads.arrival.ProcessSpec;
import io.capsim.workloads.trace.TraceOptions;
import java.nio.file.Path;
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
    public record ArrivalSpec(String name, String service, ProcessSpec process, TraceSpec trace, SizeSpec sizes) {
        public ArrivalSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(service, "service");
            if ((process == null) == (trace == null)) {
                throw new IllegalArgumentException("an arrival stream has a process or a trace, not both");
            }
        }

        /** A synthetic stream without sizes. */
        public ArrivalSpec(String name, String service, ProcessSpec process) {
            this(name, service, Objects.requireNonNull(process, "process"), null, null);
        }

        /** "poisson", or "trace azure-llm-2023". */
        public String describe() {
            return process != null ? process.process() : "trace " + trace.format();
        }
    }

    /**
     * Sizes drawn for each synthetic arrival: a service demand and LLM token counts.
     *
     * @param work service demand distribution (seconds), or null
     * @param inputTokens prompt-token distribution (parameters in tokens), or null
     * @param outputTokens output-token distribution (parameters in tokens), or null
     * @param inputMin smallest prompt, tokens
     * @param inputMax largest prompt, tokens (a context limit)
     * @param outputMin smallest output, tokens
     * @param outputMax largest output, tokens
     */
    public record SizeSpec(DistributionSpec work, DistributionSpec inputTokens,
            DistributionSpec outputTokens, long inputMin, long inputMax, long outputMin,
            long outputMax) {}

    /**
     * A filter on one field of each trace row.
     *
     * @param field the field (inputTokens, outputTokens, work in ns, cpuMillis, memoryMiB, gpuMillis)
     * @param min smallest value kept
     * @param max largest value kept
     */
    public record FilterSpec(ArrivalField field, long min, long max) {}

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
     * @param rateScale 1 to replay as recorded; below 1 keeps each row with that probability;
     *     above 1 superposes that many copies, each shifted by a random offset within the period
     * @param filters rows kept only if every filter passes
     */
    public record TraceSpec(Path file, String format, TraceOptions options,
            double timeScale, double fromSeconds, double toSeconds, boolean loop, double rateScale,
            List<FilterSpec> filters) {
        public TraceSpec {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(options, "options");
            filters = List.copyOf(filters);
        }
    }
}
