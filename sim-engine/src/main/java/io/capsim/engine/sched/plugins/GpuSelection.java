package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.DeviceSelector;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.ReservePlugin;
import io.capsim.engine.sched.api.Status;
import io.capsim.engine.spi.Names;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Which GPU of the chosen node a GPU share goes to, as a policy of its own that any score plugin
 * can be combined with, as the FGD paper's simulator does (its Open-Gpu-Share plugin chooses the
 * device at Reserve, {@code gpuSelMethod}). Enabled at the reserve point; the scheduler asks it
 * for the devices before the pod is assumed, in preference to a score plugin's own choice (see
 * {@link DeviceSelector}).
 *
 * <p>A share ({@code gpus == 1}, less than 1000 milli-GPU) goes to, among the devices with at
 * least the requested milli-GPU free:
 * <ul>
 *   <li>{@code BestFit}: the one with the least free, lowest index on ties (the scheduler's default);
 *   <li>{@code WorstFit}: the one with the most free, lowest index on ties;
 *   <li>{@code Random}: one chosen uniformly (stream {@code sched/GpuSelection});
 *   <li>{@code FGD}: the one FGD scores highest, lowest index on ties (see {@link Fgd}), against the
 *       scheduler's target workload.
 * </ul>
 * Whole GPUs take the lowest-indexed free devices under every policy, as in the simulator.
 */
public final class GpuSelection implements ReservePlugin, DeviceSelector {

    /** Policy names, as written in the args. */
    public static final List<String> POLICIES = List.of("BestFit", "WorstFit", "Random", "FGD");

    /**
     * Arguments.
     *
     * @param policy one of {@link #POLICIES}
     */
    public record Args(String policy) implements PluginArgs {
        public Args {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** The factory. */
    public static final PluginFactory<Args> FACTORY = new PluginFactory<>() {
        @Override public String name() { return BuiltInPlugins.GPU_SELECTION; }
        @Override public Class<Args> argsType() { return Args.class; }
        @Override public Args defaultArgs() { return new Args("BestFit"); }
        @Override public List<ConfigProblem> validate(Args a) {
            return POLICIES.contains(a.policy()) ? List.of()
                    : List.of(ConfigProblem.at("policy", a.policy(), Names.notAllowed(a.policy(), POLICIES)));
        }
        @Override public GpuSelection create(Args a, PluginContext c) {
            return new GpuSelection(a.policy(), c);
        }
    };

    private final ClusterView cluster;
    private final int policy;
    private final UniformRandomProvider rng;
    private final Fgd fgd;

    private GpuSelection(String policy, PluginContext c) {
        this.cluster = c.handle().cluster();
        this.policy = POLICIES.indexOf(policy);
        this.rng = this.policy == 2 ? c.streams().stream("sched/" + BuiltInPlugins.GPU_SELECTION) : null;
        this.fgd = this.policy == 3 ? new Fgd(cluster, c.workload(), false) : null;
    }

    @Override
    public String name() {
        return BuiltInPlugins.GPU_SELECTION;
    }

    @Override
    public long selectDevices(CycleState state, Pod pod, int node) {
        Resources r = pod.requests();
        if (!r.isGpuShare()) {
            return cluster.defaultDevices(node, r);
        }
        int milli = r.gpuMilliPerGpu();
        int count = cluster.gpuCount(node);
        switch (policy) {
            case 0 -> {
                return cluster.defaultDevices(node, r);
            }
            case 1 -> {
                int best = -1;
                int bestFree = -1;
                for (int d = 0; d < count; d++) {
                    int f = cluster.gpuFree(node, d);
                    if (f >= milli && f > bestFree) {
                        best = d;
                        bestFree = f;
                    }
                }
                return best < 0 ? -1 : 1L << best;
            }
            case 2 -> {
                int chosen = -1;
                int fitting = 0;
                for (int d = 0; d < count; d++) {
                    if (cluster.gpuFree(node, d) >= milli) {
                        fitting++;
                        if (rng.nextInt(fitting) == 0) {
                            chosen = d;
                        }
                    }
                }
                return chosen < 0 ? -1 : 1L << chosen;
            }
            default -> {
                return fgd.selectDevices(state, pod, node);
            }
        }
    }

    @Override
    public Status reserve(CycleState state, Pod pod, int node) {
        return Status.SUCCESS;
    }

    @Override
    public void unreserve(Pod pod, int node) {}
}
