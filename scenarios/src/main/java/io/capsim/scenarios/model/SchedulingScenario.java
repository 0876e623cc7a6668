package io.capsim.scenarios.model;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.spi.Registry;
import io.capsim.scenarios.experiment.InflationExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A validated scheduling-experiment scenario (top-level key {@code schedulingExperiment}): the
 * FGD paper's workload-inflation experiment on a node list and a pod list, once per policy and
 * seed.
 *
 * @param name scenario name, safe as a folder name
 * @param seed first master seed; replication {@code k} (0-based) uses {@code seed + k}
 * @param replications number of seeds, at least 1
 * @param nodesFile openb node list (CSV)
 * @param podsFile openb pod list (CSV)
 * @param nodes the nodes read from {@code nodesFile}
 * @param pods the pods read from {@code podsFile}
 * @param targetShare arrivals stop once GPU requests reach this multiple of GPU capacity, in (0, 10]
 * @param tieBreak choice among equally scored nodes
 * @param sampling how arrivals are drawn from the pod list
 * @param arrivalPoints arrived shares at which the summary reports, ascending, each at most
 *     {@code targetShare}
 * @param policies the policies compared, in file order, with distinct names
 * @param plugins the scheduling plugins the policies' profiles were checked against, and that the
 *     runs build them from
 */
public record SchedulingScenario(
        String name,
        long seed,
        int replications,
        Path nodesFile,
        Path podsFile,
        List<NodeSpec> nodes,
        List<PodSpec> pods,
        double targetShare,
        SchedulerConfig.TieBreak tieBreak,
        InflationExperiment.Sampling sampling,
        List<Double> arrivalPoints,
        List<Policy> policies,
        Registry<PluginFactory<?>> plugins) implements ScenarioDocument {

    public SchedulingScenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodesFile, "nodesFile");
        Objects.requireNonNull(podsFile, "podsFile");
        Objects.requireNonNull(tieBreak, "tieBreak");
        Objects.requireNonNull(sampling, "sampling");
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
        arrivalPoints = List.copyOf(arrivalPoints);
        policies = List.copyOf(policies);
        Objects.requireNonNull(plugins, "plugins");
        if (replications < 1) {
            throw new IllegalArgumentException("replications " + replications + " < 1");
        }
    }

    /** The seeds, in order: {@code seed + k}, as {@code scenarios.run.Replications.seeds} derives them. */
    public long[] seeds() {
        long[] s = new long[replications];
        for (int k = 0; k < replications; k++) {
            s[k] = seed + k;
        }
        return s;
    }

    /**
     * One policy of the comparison.
     *
     * @param name the profile's scheduler name
     * @param source {@code builtIn} or {@code profile}, as written
     * @param profile the profile run
     */
    public record Policy(String name, String source, SchedulerProfile profile) {
        public Policy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(profile, "profile");
        }
    }
}
