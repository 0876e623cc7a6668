package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/** Prepares scoring once per cycle, given the feasible nodes (Kubernetes' {@code PreScorePlugin}). */
public interface PreScorePlugin extends Plugin {

    /**
     * @param feasible node indices that passed the filters; the first {@code count} are valid
     * @return {@link Status#SUCCESS} to score, or {@link Status#SKIP} when the plugin has nothing to
     *     score for this pod (its Score is then not called in this cycle and counts 0), as
     *     kube-scheduler skips it
     */
    Status preScore(CycleState state, Pod pod, int[] feasible, int count);
}
