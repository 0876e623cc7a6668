package io.capsim.engine.controllers;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.results.ClusterAutoscalerResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Kubernetes' cluster autoscaler ({@code cluster-autoscaler/core/static_autoscaler.go}), one loop
 * every scan interval over the node pools it manages (its node groups):
 *
 * <ol>
 *   <li>Unschedulable pods: pending pods of priority at least the expendable cutoff, less those
 *       that fit on a node in the cluster or on a node still provisioning (CA's
 *       {@code filterOutSchedulable}, first fit, each pod taking its room).
 *   <li>Scale-up: for each node group below its maximum (and not backing off), the pods its
 *       template node would accept and how many new nodes they need (first-fit decreasing, the
 *       binpacking estimator), capped by the maximum; the expander picks one option; its nodes
 *       join after the group's provisioning delay, or never if that exceeds {@code
 *       maxNodeProvisionTime} (the group then backs off for 5 minutes).
 *   <li>Scale-down, in a loop without scale-up: a node is unneeded when its utilization (the
 *       larger of its CPU and memory requests over allocatable; for a GPU node its GPU share) is
 *       below the threshold and each of its pods could move to another node that stays (no pod
 *       without a controller: such a pod blocks scale-down). A node unneeded for {@code
 *       scaleDownUnneededTime} is removed, empty ones together, at most one non-empty one per loop
 *       (drained: its pods are evicted and their owners recreate them), never below the group's
 *       minimum, and not within {@code scaleDownDelayAfterAdd} of a scale-up or {@code
 *       scaleDownDelayAfterDelete} of a removal. Unneeded timers run during those delays.
 * </ol>
 *
 * <p>Simplified, as docs/SCENARIOS.md says: the fit check is resources (CPU, memory, GPU devices,
 * extended resources), node selector, required node affinity, taints and GPU model, not the whole
 * scheduler (inter-pod affinity and spread are not checked); a drain is instant; a node that joins is
 * Ready at once; no PodDisruptionBudgets. Keyed by 0 (the loop) and 1 (nodes joining). Random
 * ties of the expander come from the stream {@code controller/cluster-autoscaler/expander}.
 *
 * <p>This class is the loop and the settings; steps 1 and 2 are {@code ScaleUp}, step 3 is {@code
 * ScaleDown}, and {@code NodeGroups} keeps the groups' nodes, provisioning and backoff, the events
 * and the result.
 */
public final class ClusterAutoscaler implements Controller {

    /** Registered name. */
    public static final String NAME = "cluster-autoscaler";

    /** CA's {@code --initial-node-group-backoff-duration}: a group whose nodes did not join waits this long. */
    public static final long BACKOFF_TICKS = 300_000_000_000L;

    private static final long LOOP = 0;
    private static final long JOIN = 1;

    /** How the scale-up option is chosen ({@code --expander}). */
    public enum Expander {
        /** Least idle CPU plus memory fraction after the scale-up; ties at random. */
        LEAST_WASTE("least-waste"),
        /** Any option, uniformly at random (CA's default). */
        RANDOM("random"),
        /** The group of highest {@link NodeGroup#priority}; ties at random. */
        PRIORITY("priority");

        private final String configName;

        Expander(String configName) {
            this.configName = configName;
        }

        /** The name in {@code --expander} and in scenarios. */
        public String configName() {
            return configName;
        }

        /** The expander of a config name, or null. */
        public static Expander of(String name) {
            for (Expander e : values()) {
                if (e.configName.equals(name)) {
                    return e;
                }
            }
            return null;
        }
    }

    /**
     * A node pool the autoscaler manages.
     *
     * @param pool the pool (its nodes are the template)
     * @param minCount fewest nodes, at least 0
     * @param maxCount most nodes, at least minCount and at least 1
     * @param provisioningTicks from scale-up to the node joining, ticks, at least 0
     * @param priority for the {@code priority} expander: higher is preferred
     */
    public record NodeGroup(NodePoolSpec pool, int minCount, int maxCount, long provisioningTicks, int priority) {
        public NodeGroup {
            Objects.requireNonNull(pool, "pool");
            if (minCount < 0 || maxCount < Math.max(1, minCount) || provisioningTicks < 0) {
                throw new IllegalArgumentException("node group " + pool.name() + ": need 0 <= min <= max, max >= 1");
            }
        }
    }

    /**
     * The autoscaler's settings (cluster-autoscaler's flags, with their defaults in the scenario reader).
     *
     * @param groups node groups, in scenario order
     * @param scanIntervalTicks {@code --scan-interval} (10 s)
     * @param unneededTicks {@code --scale-down-unneeded-time} (10 min)
     * @param delayAfterAddTicks {@code --scale-down-delay-after-add} (10 min)
     * @param delayAfterDeleteTicks {@code --scale-down-delay-after-delete} (the scan interval)
     * @param utilizationThreshold {@code --scale-down-utilization-threshold} (0.5)
     * @param gpuUtilizationThreshold {@code --scale-down-gpu-utilization-threshold} (0.5)
     * @param maxNodeProvisionTicks {@code --max-node-provision-time} (15 min)
     * @param expander {@code --expander}
     * @param expendablePriorityCutoff {@code --expendable-pods-priority-cutoff} (-10): pods below it
     *     never cause a scale-up
     * @param maxEmptyBulkDelete {@code --max-empty-bulk-delete} (10)
     * @param scaleDownEnabled {@code --scale-down-enabled}
     * @param nonEmptyCandidates {@code --scale-down-non-empty-candidates-count} (30): non-empty nodes
     *     whose pods are simulated elsewhere in one loop, least utilized first
     */
    public record Spec(List<NodeGroup> groups, long scanIntervalTicks, long unneededTicks, long delayAfterAddTicks,
            long delayAfterDeleteTicks, double utilizationThreshold, double gpuUtilizationThreshold,
            long maxNodeProvisionTicks, Expander expander, int expendablePriorityCutoff, int maxEmptyBulkDelete,
            boolean scaleDownEnabled, int nonEmptyCandidates) {
        public Spec {
            groups = List.copyOf(groups);
            Objects.requireNonNull(expander, "expander");
            if (groups.isEmpty() || scanIntervalTicks <= 0 || unneededTicks < 0 || delayAfterAddTicks < 0
                    || delayAfterDeleteTicks < 0 || maxNodeProvisionTicks <= 0 || maxEmptyBulkDelete < 1
                    || nonEmptyCandidates < 1
                    || !(utilizationThreshold >= 0 && utilizationThreshold <= 1)
                    || !(gpuUtilizationThreshold >= 0 && gpuUtilizationThreshold <= 1)) {
                throw new IllegalArgumentException("invalid cluster autoscaler settings");
            }
        }
    }

    private final Spec spec;
    private final NodeGroups groups;
    private ControllerContext ctx;
    private ScaleUp scaleUp;
    private ScaleDown scaleDown;

    /** An autoscaler with these settings. */
    public ClusterAutoscaler(Spec spec) {
        this.spec = spec;
        groups = new NodeGroups(spec.groups());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ControllerContext context) {
        ctx = context;
        ClusterView cluster = context.cluster();
        scaleUp = new ScaleUp(spec, cluster, groups, context.streams().stream("controller/" + NAME + "/expander"));
        scaleDown = new ScaleDown(spec, cluster, context.api(), groups);
        groups.start(cluster, context.now());
        context.watch(new ClusterListener() {
            @Override
            public void nodeRemoved(int node) {
                scaleDown.nodeRemoved(node);
            }
        });
        context.enqueue(LOOP);
    }

    /** Starts the measured window (node-hours count from here). */
    public void startMeasuring(long now) {
        groups.startMeasuring(now);
    }

    @Override
    public long reconcile(long key) {
        long now = ctx.now();
        if (key == JOIN) {
            groups.join(now, ctx.api());
            return NO_REQUEUE;
        }
        runOnce(now);
        return spec.scanIntervalTicks();
    }

    /** One loop of the autoscaler. */
    void runOnce(long now) {
        List<Pod> unschedulable = scaleUp.unschedulablePods();
        if (!unschedulable.isEmpty()) {
            long joinAfter = scaleUp.run(unschedulable, now);
            if (joinAfter >= 0) {
                ctx.enqueueAfter(JOIN, joinAfter);
                return;
            }
        }
        if (spec.scaleDownEnabled()) {
            scaleDown.run(now, scaleUp.lastScaleUp());
        }
    }

    /** The nodes unneeded now ({@link ScaleDown#unneeded}). */
    List<Integer> unneeded() {
        return scaleDown.unneeded();
    }

    /** What the autoscaler did; node-hours and cost over the measured window ending at {@code now}. */
    public ClusterAutoscalerResult result(long now) {
        return groups.result(now, spec.expander().configName());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClusterAutoscaler[%d groups, %s]", groups.size(), spec.expander().configName());
    }
}
