package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ArgsReader;
import io.capsim.engine.sched.api.ArgsNode;
import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.PreScorePlugin;
import io.capsim.engine.sched.api.ScorePlugin;
import io.capsim.engine.sched.api.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' NodeResourcesBalancedAllocation ({@code balanced_allocation.go}): favours nodes whose
 * resource fractions (after placing the pod) are close to each other; see {@link
 * ResourceScoring#balancedAllocation}.
 *
 * <ol>
 *   <li>Requests are taken as set on both sides ({@code useRequested}): no 100m / 200 MiB default
 *       for a pod without requests, unlike NodeResourcesFit.
 *   <li>A GPU or extended resource the pod does not request is left out, as is one the node lacks.
 *   <li>A pod requesting none of the resources (best effort) is not scored: PreScore returns Skip
 *       and the plugin adds 0 on every node (kubernetes/kubernetes#129138); Score returns 0 for it
 *       too when PreScore is not enabled.
 * </ol>
 */
public final class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {

    /** Arguments. @param resources resources compared (weights are ignored, as in Kubernetes) */
    public record Args(List<ResourceWeight> resources) implements PluginArgs {
        public Args {
            resources = List.copyOf(resources);
        }
    }

    /** The factory. */
    public static final PluginFactory<Args> FACTORY = new PluginFactory<>() {
        @Override public String name() { return BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION; }
        @Override public Class<Args> argsType() { return Args.class; }
        @Override public Args defaultArgs() {
            return new Args(List.of(new ResourceWeight("cpu", 1), new ResourceWeight("memory", 1)));
        }
        @Override public List<ConfigProblem> validate(Args a) {
            List<ConfigProblem> out = new ArrayList<>();
            if (a.resources().isEmpty()) {
                out.add(ConfigProblem.at("resources", "at least one resource is required"));
            }
            for (int k = 0; k < a.resources().size(); k++) {
                int w = a.resources().get(k).weight();
                if (w < 1 || w > 100) {
                    out.add(ConfigProblem.at("resources[" + k + "].weight", w, w + " is not in [1, 100]"));
                }
            }
            return out;
        }
        @Override public Args decode(ArgsNode args, List<ConfigProblem> problems) {
            ArgsReader r = ArgsReader.of(args, "", problems);
            int before = r.problemCount();
            List<ResourceWeight> resources = ResourceWeight.readList(r, "resources");
            r.finish();
            if (r.problemCount() > before) {
                return null;
            }
            return r.has("resources") ? new Args(resources) : defaultArgs();
        }
        @Override public NodeResourcesBalancedAllocation create(Args a, PluginContext c) {
            return new NodeResourcesBalancedAllocation(
                    new ResourceVector(a.resources(), c.handle().cluster(), ResourceVector.Requests.RAW));
        }
    };

    private final ResourceVector vector;

    private NodeResourcesBalancedAllocation(ResourceVector vector) {
        this.vector = vector;
    }

    @Override
    public String name() {
        return BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, int[] feasible, int count) {
        return vector.requestsNothing(pod) ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        if (vector.requestsNothing(pod)) {
            return 0;
        }
        vector.fill(pod, node);
        return ResourceScoring.balancedAllocation(vector.requested, vector.capacity, vector.size());
    }
}
