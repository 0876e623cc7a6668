package io.capsim.engine.sched;

/** Prepares scoring once per cycle, given the feasible nodes. */
public interface PreScorePlugin extends Plugin {

    /** @param feasible node indices that passed the filters; the first {@code count} are valid */
    void preScore(CycleState state, PodInfo pod, int[] feasible, int count);
}
