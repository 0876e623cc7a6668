package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.controllers.ClusterAutoscaler;
import io.capsim.engine.kernel.SimTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the cluster autoscaler: the top-level {@code clusterAutoscaler} (cluster-autoscaler's
 * flags, with its defaults) and, per node pool, {@code minCount}, {@code maxCount},
 * {@code provisioningDelay} and {@code expanderPriority}. The autoscaler manages the pools that
 * give {@code maxCount}; it is on when the top-level section is present.
 */
final class ClusterAutoscalerReader {

    /** A pool's autoscaling bounds, as read. */
    record Bounds(int min, int max, double provisioningSeconds, int priority, Location at) {}

    private ClusterAutoscalerReader() {}

    /**
     * A pool's {@code minCount}/{@code maxCount}/{@code provisioningDelay}/{@code expanderPriority}; null if it gives no maxCount.
     *
     * @param count the pool's {@code count}, or -1 when the pool itself was wrong (reported): the
     *     bounds are then not checked against it, which would report a count the user may have right
     */
    static Bounds readPool(Fields f, int count) {
        int before = f.problemCount();
        boolean any = givesBounds(f);
        int max = (int) f.integer("maxCount", any, count, 1, ScenarioReader.MAX_COUNT);
        int min = (int) f.integer("minCount", false, 0, 0, ScenarioReader.MAX_COUNT);
        double delay = f.seconds("provisioningDelay", false, 60, 0, false, 86_400);
        int priority = (int) f.integer("expanderPriority", false, 0, -1_000_000, 1_000_000);
        if (!any || f.problemCount() > before) {
            return null;
        }
        if (min > max) {
            f.problem("minCount", min + " is more than maxCount " + max);
            return null;
        }
        if (count >= 0 && (count < min || count > max)) {
            f.problem("count", count + " is not in [minCount, maxCount] = [" + min + ", " + max + "]: the pool starts with"
                    + " count nodes and the cluster autoscaler keeps it within its bounds");
            return null;
        }
        return new Bounds(min, max, delay, priority, f.location());
    }

    /**
     * The top-level {@code clusterAutoscaler} over the pools that have bounds; null if absent or wrong
     * (problems reported), or when pools give bounds without it (a problem).
     */
    static ClusterAutoscaler.Spec read(Fields top, List<NodePoolSpec> pools, Map<String, Bounds> bounds) {
        YamlNode.MapNode m = top.map("clusterAutoscaler", false);
        if (m == null) {
            for (Map.Entry<String, Bounds> e : bounds.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                top.problemAt(e.getValue().at(), "nodePools." + e.getKey() + ".maxCount", "node pool bounds take effect "
                        + "only with the cluster autoscaler; add a top-level clusterAutoscaler: {} (or remove minCount, "
                        + "maxCount, provisioningDelay and expanderPriority)");
            }
            return null;
        }
        Fields f = new Fields(m, "clusterAutoscaler", top.problems());
        int before = f.problemCount();
        double scan = f.seconds("scanInterval", false, 10, 0, true, 3600);
        double unneeded = f.seconds("scaleDownUnneededTime", false, 600, 0, false, 86_400);
        double afterAdd = f.seconds("scaleDownDelayAfterAdd", false, 600, 0, false, 86_400);
        double afterDelete = f.seconds("scaleDownDelayAfterDelete", false, scan, 0, false, 86_400);
        double threshold = f.number("scaleDownUtilizationThreshold", false, 0.5, 0, false, 1);
        double gpuThreshold = f.number("scaleDownGpuUtilizationThreshold", false, 0.5, 0, false, 1);
        double maxProvision = f.seconds("maxNodeProvisionTime", false, 900, 0, true, 86_400);
        Set<String> expanders = new LinkedHashSet<>();
        for (ClusterAutoscaler.Expander e : ClusterAutoscaler.Expander.values()) {
            expanders.add(e.configName());
        }
        String expander = f.choice("expander", false, ClusterAutoscaler.Expander.LEAST_WASTE.configName(), expanders);
        int cutoff = (int) f.integer("expendablePodsPriorityCutoff", false, -10, Integer.MIN_VALUE, Integer.MAX_VALUE);
        int bulk = (int) f.integer("maxEmptyBulkDelete", false, 10, 1, 1000);
        boolean scaleDown = f.bool("scaleDownEnabled", false, true);
        int nonEmpty = (int) f.integer("scaleDownNonEmptyCandidatesCount", false, 30, 1, 100_000);
        f.finish();
        if (bounds.isEmpty() && f.problemCount() == before) {
            f.problemAt(f.location(), "clusterAutoscaler", "no node pool gives maxCount, so the cluster autoscaler has "
                    + "nothing to scale; give a pool minCount and maxCount");
        }
        if (f.problemCount() > before) {
            return null;
        }
        List<ClusterAutoscaler.NodeGroup> groups = new ArrayList<>();
        for (NodePoolSpec p : pools) {
            Bounds b = bounds.get(p.name());
            if (b != null) {
                groups.add(new ClusterAutoscaler.NodeGroup(p, b.min(), b.max(), SimTime.ofSeconds(b.provisioningSeconds()),
                        b.priority()));
            }
        }
        if (groups.isEmpty()) {
            return null;
        }
        return new ClusterAutoscaler.Spec(groups, SimTime.ofSeconds(scan), SimTime.ofSeconds(unneeded),
                SimTime.ofSeconds(afterAdd), SimTime.ofSeconds(afterDelete), threshold, gpuThreshold,
                SimTime.ofSeconds(maxProvision), ClusterAutoscaler.Expander.of(expander), cutoff, bulk, scaleDown, nonEmpty);
    }

    /** True if the pool gives any of the autoscaling fields. */
    static boolean givesBounds(Fields f) {
        return f.has("maxCount") || f.has("minCount") || f.has("provisioningDelay") || f.has("expanderPriority");
    }

    /** A fresh map for the pools' bounds, in file order (a null value: bounds given but wrong). */
}
