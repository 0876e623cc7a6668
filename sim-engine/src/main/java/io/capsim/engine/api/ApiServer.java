package io.capsim.engine.api;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.Simulator;

/** {@link ClusterApi} over the run's {@link ClusterState} and clock. */
public final class ApiServer implements ClusterApi {

    private final Simulator sim;
    private final ClusterState cluster;

    /** An API over {@code cluster}, timed by {@code sim}. */
    public ApiServer(Simulator sim, ClusterState cluster) {
        this.sim = sim;
        this.cluster = cluster;
    }

    @Override
    public long now() {
        return sim.now();
    }

    @Override
    public ClusterView cluster() {
        return cluster;
    }

    @Override
    public Pod createPod(PodSpec spec, long tag) {
        return cluster.createPod(spec, tag, sim.now());
    }

    @Override
    public void deletePod(Pod pod, PodEndReason reason) {
        if (reason == PodEndReason.SUCCEEDED || reason == PodEndReason.PREEMPTED) {
            throw new IllegalArgumentException("deletePod takes DELETED or EVICTED, not " + reason);
        }
        cluster.end(pod, reason, sim.now());
    }

    @Override
    public void markReady(Pod pod) {
        cluster.markReady(pod, sim.now());
    }

    @Override
    public void completePod(Pod pod) {
        cluster.end(pod, PodEndReason.SUCCEEDED, sim.now());
    }

    @Override
    public int addNode(NodeSpec node) {
        return cluster.addNode(node);
    }

    @Override
    public void removeNode(int node) {
        cluster.removeNode(node);
    }
}
