package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.PreScorePlugin;
import io.capsim.engine.sched.api.ScorePlugin;
import io.capsim.engine.sched.api.Status;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The Random baseline of the FGD paper (Weng et al., USENIX ATC'23, Sec. 6.1), as its simulator
 * runs it ({@code pkg/simulator/plugin/random_score.go}): PreScore picks one feasible node
 * uniformly at random (stream {@code sched/FgdPaperRandom}); Score gives it 100 and every other
 * node 0, so the pod lands on that node whatever the tie-break. Enable it at preScore as well as
 * score (without PreScore every node scores 0). Pair it with {@link GpuSelection} {@code Random}
 * for the paper's random GPU.
 */
public final class FgdPaperRandom implements PreScorePlugin, ScorePlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.FGD_PAPER_RANDOM,
            c -> new FgdPaperRandom(c.streams().stream("sched/" + BuiltInPlugins.FGD_PAPER_RANDOM)));

    private final UniformRandomProvider rng;
    private long cycle = -1;
    private int chosen = -1;

    private FgdPaperRandom(UniformRandomProvider rng) {
        this.rng = rng;
    }

    @Override
    public String name() {
        return BuiltInPlugins.FGD_PAPER_RANDOM;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, int[] feasible, int count) {
        cycle = state.cycle();
        chosen = feasible[rng.nextInt(count)];
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        return state.cycle() == cycle && node == chosen ? MAX_SCORE : 0;
    }
}
