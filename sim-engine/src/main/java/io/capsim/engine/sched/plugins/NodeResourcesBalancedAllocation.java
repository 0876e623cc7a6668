package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.ScorePlugin;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' NodeResourcesBalancedAllocation: favours nodes whose resource fractions (after
 * placing the pod) are close to each other; see {@link ResourceScoring#balancedAllocation}.
 */
public final class NodeResourcesBalancedAllocation implements ScorePlugin {

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
        @Override public List<String> validate(Args a) {
            List<String> out = new ArrayList<>();
            if (a.resources().isEmpty()) {
                out.add("resources: at least one resource is required");
            }
            for (int k = 0; k < a.resources().size(); k++) {
                int w = a.resources().get(k).weight();
                if (w < 1 || w > 100) {
                    out.add("resources[" + k + "].weight: " + w + " is not in [1, 100]");
                }
            }
            return out;
        }
        @Override public NodeResourcesBalancedAllocation create(Args a, PluginContext c) {
            return new NodeResourcesBalancedAllocation(new ResourceVector(a.resources(), c.handle().cluster()));
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
    public long score(CycleState state, Pod pod, int node) {
        vector.fill(pod, node);
        return ResourceScoring.balancedAllocation(vector.requested, vector.capacity, vector.names.length);
    }
}
