package io.capsim.engine.api;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.QosClass;
import io.capsim.engine.cluster.ResizeStatus;
import io.capsim.engine.cluster.Resources;
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
    public ResizeAnswer resizePod(Pod pod, Resources requests, Resources limits) {
        ResizeAnswer a = validateResize(pod, requests, limits);
        if (a == ResizeAnswer.ACCEPTED) {
            cluster.setDesiredResources(pod, requests, limits, sim.now());
        }
        return a;
    }

    /** The API server's validation of a resize, as Kubernetes validates the resize subresource. */
    static ResizeAnswer validateResize(Pod pod, Resources requests, Resources limits) {
        if (pod.phase() != PodPhase.RUNNING) {
            return ResizeAnswer.NOT_RUNNING;
        }
        Resources r = pod.requests();
        Resources l = pod.limits();
        if (requests.gpus() != r.gpus() || requests.gpuMilliPerGpu() != r.gpuMilliPerGpu()
                || !requests.extended().equals(r.extended()) || limits.gpus() != l.gpus()
                || limits.gpuMilliPerGpu() != l.gpuMilliPerGpu() || !limits.extended().equals(l.extended())) {
            return ResizeAnswer.NOT_RESIZABLE;
        }
        if ((limits.cpuMillis() > 0 && limits.cpuMillis() < requests.cpuMillis())
                || (limits.memoryMiB() > 0 && limits.memoryMiB() < requests.memoryMiB())) {
            return ResizeAnswer.LIMIT_BELOW_REQUEST;
        }
        if (QosClass.of(requests, limits) != pod.qosClass()) {
            return ResizeAnswer.QOS_CHANGE;
        }
        return ResizeAnswer.ACCEPTED;
    }

    @Override
    public void setResizeStatus(Pod pod, ResizeStatus status) {
        cluster.setResizeStatus(pod, status, sim.now());
    }

    @Override
    public void allocateResize(Pod pod) {
        cluster.allocateResize(pod);
    }

    @Override
    public void actuateResize(Pod pod) {
        cluster.actuateResize(pod);
    }

    @Override
    public void restartContainer(Pod pod) {
        cluster.markUnready(pod, sim.now());
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
