package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.ScorePlugin;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The random baseline of the FGD paper: every feasible node gets a uniform score in [0, 100] from
 * the stream {@code sched/RandomScore}, so (with random tie-breaking) the pod lands on a
 * uniformly chosen feasible node. Deterministic for a given seed.
 */
public final class RandomScore implements ScorePlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.RANDOM_SCORE, c -> new RandomScore(c.streams().stream("sched/" + BuiltInPlugins.RANDOM_SCORE)));

    private final UniformRandomProvider rng;

    private RandomScore(UniformRandomProvider rng) {
        this.rng = rng;
    }

    @Override
    public String name() {
        return BuiltInPlugins.RANDOM_SCORE;
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        return rng.nextInt((int) MAX_SCORE + 1);
    }
}
