package io.capsim.engine.controllers;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.cluster.PodSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' ReplicaSet controller for the Deployments of a run (one ReplicaSet each, no rolling
 * updates): keeps {@code replicas} live pods from each template, creating pods named {@code
 * <name>-<n>} when there are too few (a preempted or evicted replica is replaced) and deleting
 * when there are too many, in kube-controller-manager's order: unscheduled before scheduled,
 * pending before running, not ready before ready, newer before older.
 */
public final class ReplicaSetController implements Controller, ClusterListener {

    /** Registered name. */
    public static final String NAME = "replicaset";

    /**
     * One ReplicaSet.
     *
     * @param name owner name (the service)
     * @param replicas desired replicas, at least 0
     * @param template pod template; its labels are the ReplicaSet's selector
     * @param startAtTicks when the Deployment is created (its first pods), ticks from the start
     */
    public record Target(String name, int replicas, PodSpec template, long startAtTicks) {
        public Target {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(template, "template");
            if (replicas < 0) {
                throw new IllegalArgumentException("replicas " + replicas + " < 0");
            }
            if (startAtTicks < 0) {
                throw new IllegalArgumentException("startAtTicks " + startAtTicks + " < 0");
            }
        }
    }

    /** Counts of one ReplicaSet since the measured window started. */
    public static final class Counts {
        long created;
        long preempted;
        long evicted;

        /** Pods created. */
        public long created() {
            return created;
        }

        /** Replicas deleted by scheduler preemption. */
        public long preempted() {
            return preempted;
        }

        /** Replicas evicted from their node. */
        public long evicted() {
            return evicted;
        }
    }

    private final List<Target> targets;
    private final PodSpec[] templates;
    private final int[] desired;
    private final long[] nextName;
    private final List<List<Pod>> live = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Counts[] counts;
    private final boolean[] started;
    private ControllerContext ctx;

    /** A controller for the given ReplicaSets. */
    public ReplicaSetController(List<Target> targets) {
        this.targets = List.copyOf(targets);
        desired = new int[targets.size()];
        templates = new PodSpec[targets.size()];
        nextName = new long[targets.size()];
        counts = new Counts[targets.size()];
        started = new boolean[targets.size()];
        java.util.Arrays.fill(started, true);
        for (int k = 0; k < targets.size(); k++) {
            desired[k] = targets.get(k).replicas();
            templates[k] = targets.get(k).template();
            live.add(new ArrayList<>());
            counts[k] = new Counts();
            if (index.put(targets.get(k).name(), k) != null) {
                throw new IllegalArgumentException("two ReplicaSets are named " + targets.get(k).name());
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ControllerContext context) {
        this.ctx = context;
        context.watch(this);
        for (int k = 0; k < targets.size(); k++) {
            long at = targets.get(k).startAtTicks();
            if (at == 0) {
                context.enqueue(k);
            } else {
                started[k] = false;
                context.enqueueAfter(k, at);
            }
        }
    }

    /** Sets the desired replicas of ReplicaSet {@code name} (the scale subresource). */
    public void scale(String name, int replicas) {
        int k = index.get(name);
        desired[k] = replicas;
        ctx.enqueue(k);
    }

    /**
     * Sets the requests and limits of the pods ReplicaSet {@code name} creates from now (a VPA
     * admission controller's mutation of new pods); live pods keep theirs.
     */
    public void setResources(String name, io.capsim.engine.cluster.Resources requests,
            io.capsim.engine.cluster.Resources limits) {
        int k = index.get(name);
        templates[k] = templates[k].toBuilder().requests(requests).limits(limits).build();
    }

    /** The live pods of ReplicaSet {@code name} (not ended), in creation order. */
    public List<Pod> pods(String name) {
        return List.copyOf(live.get(index.get(name)));
    }

    /** The counts of ReplicaSet {@code name}. */
    public Counts counts(String name) {
        return counts[index.get(name)];
    }

    /** Forgets the counts so far (the measured window starts). */
    public void startMeasuring() {
        for (int k = 0; k < counts.length; k++) {
            counts[k] = new Counts();
        }
    }

    private int owned(Pod pod) {
        Owner o = pod.spec().owner();
        if (o.kind() != Owner.Kind.REPLICA_SET) {
            return -1;
        }
        Integer k = index.get(o.name());
        return k == null ? -1 : k;
    }

    @Override
    public void podCreated(Pod pod) {
        int k = owned(pod);
        if (k >= 0) {
            live.get(k).add(pod);
        }
    }

    @Override
    public void podEnded(Pod pod) {
        int k = owned(pod);
        if (k < 0) {
            return;
        }
        live.get(k).remove(pod);
        if (pod.endReason() == PodEndReason.PREEMPTED) {
            counts[k].preempted++;
        } else if (pod.endReason() == PodEndReason.EVICTED) {
            counts[k].evicted++;
        }
        ctx.enqueue(k);
    }

    @Override
    public long reconcile(long key) {
        int k = (int) key;
        Target t = targets.get(k);
        if (!started[k]) {
            if (ctx.now() < t.startAtTicks()) {
                return NO_REQUEUE; // the Deployment does not exist yet
            }
            started[k] = true;
        }
        List<Pod> pods = live.get(k);
        int diff = desired[k] - pods.size();
        for (int i = 0; i < diff; i++) {
            PodSpec spec = templates[k].toBuilder().name(t.name() + "-" + nextName[k]++)
                    .owner(Owner.replicaSet(t.name())).build();
            counts[k].created++;
            ctx.api().createPod(spec, k);
        }
        if (diff < 0) {
            List<Pod> victims = new ArrayList<>(pods);
            victims.sort(DELETION_ORDER);
            for (int i = 0; i < -diff; i++) {
                ctx.api().deletePod(victims.get(i), PodEndReason.DELETED);
            }
        }
        return NO_REQUEUE;
    }

    private static int rank(Pod p) {
        if (p.node() < 0) {
            return 0;
        }
        if (p.phase() != PodPhase.RUNNING) {
            return 1;
        }
        return p.ready() ? 3 : 2;
    }

    /** kube-controller-manager's ActivePods ordering, simplified: which replica to delete first. */
    private static final Comparator<Pod> DELETION_ORDER = Comparator.comparingInt(ReplicaSetController::rank)
            .thenComparing(Comparator.comparingLong(Pod::createdAt).reversed())
            .thenComparing(Comparator.comparingLong(Pod::id).reversed());
}
