package io.capsim.engine.serving;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.kernel.Simulator;

/**
 * A service's pods, as the cluster reports them: a pod of the service's ReplicaSet that becomes
 * ready joins as a replica (an engine at its node's speed and its CPUs), one resized in place goes
 * on at its new CPU, and one that ends or restarts leaves, handing the requests it held back to the
 * service. Answers what autoscalers and the run ask of one pod (its requests in flight, its CPU
 * and memory use).
 */
public final class ServicePods implements ClusterListener {

    private final Service service;
    private final ServiceSpec spec;
    private final Simulator sim;
    private final ClusterView cluster;
    private final ReplicaEngineFactory engines;
    private final ReadyReplicas ready;
    private final ServiceMeters meters;
    private final boolean sharedQueue;
    private boolean keepsReplicaCpu; // each replica integrates its load, for cpuMilliTicks

    ServicePods(Service service, Simulator sim, ClusterView cluster, ReplicaEngineFactory engines, ReadyReplicas ready,
            ServiceMeters meters, boolean sharedQueue) {
        this.service = service;
        this.spec = service.spec();
        this.sim = sim;
        this.cluster = cluster;
        this.engines = engines;
        this.ready = ready;
        this.meters = meters;
        this.sharedQueue = sharedQueue;
    }

    private boolean mine(Pod pod) {
        Owner o = pod.spec().owner();
        return o.kind() == Owner.Kind.REPLICA_SET && o.name().equals(spec.name());
    }

    /** CPUs a pod's container runs with: its actual CPU limit, else its actual request, in cores. */
    static double cores(Pod pod) {
        long limit = pod.actualLimits().cpuMillis();
        return (limit > 0 ? limit : pod.actualRequests().cpuMillis()) / 1000.0;
    }

    @Override
    public void podReady(Pod pod) {
        if (!mine(pod)) {
            return;
        }
        double cores = cores(pod);
        ReplicaEngine e = engines.create(spec, service, cluster.speed(pod.node()), cores);
        e.tracksLoad = keepsReplicaCpu;
        meters.replicaReady(pod, cluster.node(pod.node()).pool(), cores, sim.now());
        ready.add(pod, e);
        service.joined(e);
    }

    @Override
    public void podBound(Pod pod) {
        if (mine(pod)) {
            meters.podBound(pod, sim.now());
        }
    }

    @Override
    public void podResourcesChanged(Pod pod) {
        meters.podResourcesChanged(pod, sim.now());
    }

    /** A replica's pod was resized in place: its engine goes on at the new CPU. */
    @Override
    public void podResized(Pod pod) {
        ReplicaEngine e = ready.on(pod);
        if (e == null) {
            return;
        }
        double cores = cores(pod);
        meters.replicaResized(pod, cores, sim.now());
        e.resized(cores);
    }

    /** A replica's container restarts (a resize that restarts it): it leaves until ready again. */
    @Override
    public void podUnready(Pod pod) {
        leave(pod);
    }

    @Override
    public void podEnded(Pod pod) {
        meters.podEnded(pod, sim.now());
        leave(pod);
    }

    private void leave(Pod pod) {
        ReplicaEngine e = ready.remove(pod, sharedQueue);
        if (e == null) {
            return;
        }
        meters.replicaGone(pod, cluster.node(pod.node()).pool(), sim.now());
        IntFifo lost = new IntFifo();
        int[] inService = {0};
        e.drainAll(id -> {
            inService[0]++;
            lost.add(id);
        }, lost::add);
        service.lost(lost, inService[0]);
    }

    /**
     * Requests in flight at the replica on {@code pod} now: in service plus waiting there (not those
     * waiting in the service's own queue, which no pod holds); NaN if the pod is not one of this
     * service's ready replicas.
     */
    public double inFlight(Pod pod) {
        ReplicaEngine e = ready.on(pod);
        return e == null ? Double.NaN : e.outstanding();
    }

    /**
     * Makes each replica keep the time integral of its load, which {@link #cpuMilliTicks} reads (an
     * autoscaler's CPU metric); call before the run. Without it the serving path does not keep it.
     */
    public void keepReplicaCpu() {
        if (ready.count() > 0) {
            throw new IllegalStateException("service " + spec.name() + " already has replicas");
        }
        keepsReplicaCpu = true;
    }

    /**
     * CPU the replica on {@code pod} has used since it became Ready, millicore-ticks (the time
     * integral a metrics pipeline samples), or NaN if the pod is not one of this service's ready
     * replicas: its engine's load times the CPU per request (or the cores in use, for an engine that
     * shares the CPU), plus {@code idleCpu}.
     */
    public double cpuMilliTicks(Pod pod, long now) {
        ReplicaEngine e = ready.on(pod);
        if (e == null) {
            return Double.NaN;
        }
        Usage u = spec.usage();
        double load = e.loadTicks(now);
        double idle = u.idleCpuMillis() * (double) (now - pod.readyAt());
        return idle + (engines.sharesCpu() ? 1000 * load : u.cpuMillisPerRequest() * load);
    }

    /**
     * Memory the replica on {@code pod} uses now, MiB: idle memory plus memory per request in
     * service (0 if the pod is not one of this service's ready replicas).
     */
    public double memoryUsedMiB(Pod pod) {
        ReplicaEngine e = ready.on(pod);
        if (e == null) {
            return 0;
        }
        Usage u = spec.usage();
        return u.idleMemoryMiB() + u.memoryMiBPerRequest() * Math.min(e.outstanding(), spec.concurrency());
    }
}
