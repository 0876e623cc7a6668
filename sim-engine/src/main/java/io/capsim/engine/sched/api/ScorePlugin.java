package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/**
 * Ranks feasible nodes. Scores lie in [0, {@link #MAX_SCORE}] after {@link #normalize}; the
 * framework multiplies them by the plugin's weight and sums over plugins.
 */
public interface ScorePlugin extends Plugin {

    /** Highest score, as Kubernetes' {@code MaxNodeScore}. */
    long MAX_SCORE = 100;

    /** Score of a feasible node; pure with respect to the cluster state. */
    long score(CycleState state, Pod pod, int node);

    /**
     * Rescales raw scores in place into [0, {@link #MAX_SCORE}] (Kubernetes' NormalizeScore).
     * The default leaves them unchanged.
     *
     * @param nodes the scored node indices; the first {@code count} are valid
     * @param scores scores aligned with {@code nodes}
     */
    default void normalize(CycleState state, Pod pod, int[] nodes, long[] scores, int count) {}
}
