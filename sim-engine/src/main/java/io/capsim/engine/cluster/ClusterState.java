package io.capsim.engine.cluster;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The one cluster state of a run: nodes with their capacity and what is allocated on each, down to
 * the milli-GPU of each device, and the live pods. Everyone reads it (as a {@link ClusterView});
 * it is changed only through its mutators, called by the scheduler runtime (assume, forget, bind)
 * and the cluster API (create, end, add node), each of which tells the {@link ClusterListener}s.
 *
 * <p>A placement never exceeds capacity: {@link #assume} refuses one that does not fit. An
 * in-place resize may: a pod is charged as the largest of its desired (unless Infeasible),
 * allocated and actual requests, as kube-scheduler charges it, so a Deferred resize can show a node
 * over-committed until the kubelet admits it.
 * Capacity and usage live in primitive arrays indexed by node, so filters and scores read them
 * without allocating. Nodes may be added, and empty nodes removed (their index stays, marked
 * removed, until a node of that name is added back). Pods are forgotten once they end,
 * so memory follows the live pods.
 *
 * <p>GPU models and extended-resource names are interned at construction (and when nodes are
 * added); at most 64 distinct GPU models are supported. Not thread-safe.
 */
public final class ClusterState extends NodeAllocations {

    private Pod[] pods = new Pod[64];
    private int[] freeSlots = new int[64];
    private int freeTop;
    private int slotsUsed;
    private int podCount;
    private long nextPodId;
    private final Map<String, List<Pod>> groups = new HashMap<>();
    private final List<ClusterListener> listeners = new ArrayList<>();
    private ClusterListener[] listenerArray = new ClusterListener[0];
    private final PodsView podsView = new PodsView();

    /**
     * A cluster of the given nodes, in order (node index = list index), nothing allocated.
     *
     * @throws IllegalArgumentException if two nodes share a name or there are more than 64 GPU models
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ClusterState(List<NodeSpec> nodes) {
        super(nodes);
    }

    // ---- listeners ----

    /** Adds a listener; listeners are told in the order they were added. */
    public void addListener(ClusterListener l) {
        listeners.add(java.util.Objects.requireNonNull(l));
        listenerArray = listeners.toArray(new ClusterListener[0]);
    }

    // ---- nodes ----

    /**
     * Adds a node at the end, with nothing allocated, and tells the listeners. Extended resources
     * that no node had at construction are ignored. A node of the name of a removed node takes
     * that node's index back (its spec must be the same).
     *
     * @return the node's index
     * @throws IllegalArgumentException if a node in the cluster already has its name, or a removed
     *     node of that name had another spec
     */
    public int addNode(NodeSpec node) {
        int known = nodeIndex(node.name());
        if (known >= 0 && nodeRemoved(known)) {
            restoreNodeEntry(known, node);
            for (ClusterListener l : listenerArray) {
                l.nodeAdded(known);
            }
            return known;
        }
        int i = addNodeEntry(node);
        for (int s = 0; s < slotsUsed; s++) {
            Pod p = pods[s];
            if (p != null) {
                p.gpuModelMask = modelMask(p.spec.gpuModels());
            }
        }
        for (ClusterListener l : listenerArray) {
            l.nodeAdded(i);
        }
        return i;
    }


    /**
     * Removes an empty node (after its pods were drained) and tells the listeners; its index stays
     * taken, {@link #nodeRemoved} true, until a node of the same name is added back.
     *
     * @throws IllegalStateException if pods are on it or it is removed already
     */
    public void removeNode(int i) {
        removeNodeEntry(i);
        for (ClusterListener l : listenerArray) {
            l.nodeRemoved(i);
        }
    }

    // ---- pods ----

    @Override
    public Collection<Pod> pods() {
        return podsView;
    }

    @Override
    public int podCount() {
        return podCount;
    }

    @Override
    public List<Pod> podGroupMembers(String group) {
        List<Pod> m = groups.get(group);
        return m == null ? List.of() : Collections.unmodifiableList(m);
    }

    @Override
    public long podGroupCreatedAt(String group) {
        List<Pod> m = groups.get(group);
        if (m == null || m.isEmpty()) {
            return -1;
        }
        long t = Long.MAX_VALUE;
        for (Pod p : m) {
            t = Math.min(t, p.createdAt);
        }
        return t;
    }

    @Override
    public Collection<Pod> placedPodsWithAffinity() {
        return Collections.unmodifiableSet(placedWithAffinity);
    }

    @Override
    public Pod pod(long ref) {
        int slot = (int) ref;
        if (slot < 0 || slot >= slotsUsed) {
            return null;
        }
        Pod p = pods[slot];
        return p != null && (int) p.id == (int) (ref >>> 32) ? p : null;
    }

    /**
     * Creates a pending pod and tells the listeners (the scheduler queues it).
     *
     * @param tag a number for the creator (for example its owner's instance)
     * @param now the current time, ticks
     */
    public Pod createPod(PodSpec spec, long tag, long now) {
        int slot;
        if (freeTop > 0) {
            slot = freeSlots[--freeTop];
        } else {
            if (slotsUsed == pods.length) {
                pods = Arrays.copyOf(pods, slotsUsed * 2);
            }
            slot = slotsUsed++;
        }
        Pod p = new Pod(nextPodId++, slot, spec, now, tag, this);
        pods[slot] = p;
        podCount++;
        if (spec.podGroup() != null) {
            groups.computeIfAbsent(spec.podGroup().name(), k -> new ArrayList<>()).add(p);
        }
        for (ClusterListener l : listenerArray) {
            l.podCreated(p);
        }
        return p;
    }

    /**
     * Reserves the pod's requests on node {@code i}, taking GPU share from the devices in {@code
     * deviceMask} ({@code gpuMilliPerGpu} from each); the pod becomes ASSUMED.
     *
     * @throws IllegalStateException if the pod is not pending, the mask does not name exactly
     *     {@code gpus} devices with room, or CPU, memory or an extended resource does not fit
     */
    public void assume(Pod pod, int i, long deviceMask) {
        if (pod.phase != PodPhase.PENDING) {
            throw new IllegalStateException(pod + " is not pending");
        }
        place(pod, i, deviceMask);
        pod.phase = PodPhase.ASSUMED;
        allocationChanged(i);
    }

    /** Undoes {@link #assume}: the pod is PENDING again and its reservation released. */
    public void forget(Pod pod) {
        if (pod.phase != PodPhase.ASSUMED) {
            throw new IllegalStateException(pod + " is not assumed");
        }
        int i = pod.node;
        unplace(pod);
        pod.phase = PodPhase.PENDING;
        allocationChanged(i);
    }

    /** Binds an assumed pod: it is RUNNING on its node from {@code now}. */
    public void bind(Pod pod, long now) {
        if (pod.phase != PodPhase.ASSUMED) {
            throw new IllegalStateException(pod + " is not assumed");
        }
        pod.phase = PodPhase.RUNNING;
        pod.boundAt = now;
        for (ClusterListener l : listenerArray) {
            l.podBound(pod);
        }
    }

    /** Marks a running pod ready (its startup is over). */
    public void markReady(Pod pod, long now) {
        if (pod.phase != PodPhase.RUNNING || pod.readyAt >= 0) {
            throw new IllegalStateException(pod + " is not running and unready");
        }
        pod.readyAt = now;
        for (ClusterListener l : listenerArray) {
            l.podReady(pod);
        }
    }

    /**
     * Ends a live pod: releases what it holds, sets its phase (SUCCEEDED for {@link
     * PodEndReason#SUCCEEDED}, DELETED otherwise), tells the listeners, then forgets it.
     *
     * @throws IllegalStateException if the pod has already ended
     */
    public void end(Pod pod, PodEndReason reason, long now) {
        if (pod.phase.isTerminal() || pods[pod.slot] != pod) {
            throw new IllegalStateException(pod + " has already ended");
        }
        int i = pod.node;
        if (i >= 0) {
            unplace(pod);
            pod.node = i; // listeners may still ask where it was
        }
        pod.phase = reason == PodEndReason.SUCCEEDED ? PodPhase.SUCCEEDED : PodPhase.DELETED;
        pod.endReason = reason;
        pod.endedAt = now;
        if (i >= 0) {
            allocationChanged(i);
        }
        for (ClusterListener l : listenerArray) {
            l.podEnded(pod);
        }
        if (pod.spec.podGroup() != null) {
            List<Pod> m = groups.get(pod.spec.podGroup().name());
            m.remove(pod);
            if (m.isEmpty()) {
                groups.remove(pod.spec.podGroup().name());
            }
        }
        pods[pod.slot] = null;
        podCount--;
        if (freeTop == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeTop * 2);
        }
        freeSlots[freeTop++] = pod.slot;
    }

    // ---- in-place resize (KEP-1287): desired -> allocated -> actual ----

    /**
     * Sets a pod's desired requests and limits (the resize subresource); the caller has validated
     * them (only CPU and memory change, the QoS class stays). A resize status of Infeasible is
     * cleared, as the API server resets the resize conditions when the resources change.
     */
    public void setDesiredResources(Pod pod, Resources requests, Resources limits, long now) {
        live(pod);
        pod.desiredRequests = requests;
        pod.desiredLimits = limits;
        if (pod.resizeStatus == ResizeStatus.INFEASIBLE) {
            pod.resizeStatus = ResizeStatus.NONE;
            pod.resizeStatusSince = now;
        }
        resourcesChanged(pod);
    }

    /** The kubelet sets a pod's resize status. */
    public void setResizeStatus(Pod pod, ResizeStatus status, long now) {
        live(pod);
        if (pod.resizeStatus != status) {
            pod.resizeStatus = status;
            pod.resizeStatusSince = now;
            resourcesChanged(pod);
        }
    }

    /** The kubelet admits a pod's desired resources: allocated = desired. */
    public void allocateResize(Pod pod) {
        live(pod);
        pod.allocatedRequests = pod.desiredRequests;
        pod.allocatedLimits = pod.desiredLimits;
        resourcesChanged(pod);
    }

    /** The runtime has applied the allocated resources: actual = allocated; tells the listeners. */
    public void actuateResize(Pod pod) {
        live(pod);
        pod.actualRequests = pod.allocatedRequests;
        pod.actualLimits = pod.allocatedLimits;
        recount(pod);
        for (ClusterListener l : listenerArray) {
            l.podResized(pod);
        }
    }

    /** A ready pod's container restarts: it is running but not ready until {@link #markReady} again. */
    public void markUnready(Pod pod, long now) {
        if (pod.phase != PodPhase.RUNNING || pod.readyAt < 0) {
            throw new IllegalStateException(pod + " is not running and ready");
        }
        pod.readyAt = -1;
        for (ClusterListener l : listenerArray) {
            l.podUnready(pod);
        }
    }

    private void live(Pod pod) {
        if (pod.phase.isTerminal() || pods[pod.slot] != pod) {
            throw new IllegalStateException(pod + " has ended");
        }
    }

    private void resourcesChanged(Pod pod) {
        recount(pod);
        for (ClusterListener l : listenerArray) {
            l.podResourcesChanged(pod);
        }
    }

    /** Charges the node the largest of desired (unless Infeasible), allocated and actual requests. */
    private void recount(Pod pod) {
        boolean desired = pod.resizeStatus != ResizeStatus.INFEASIBLE;
        long cpu = Math.max(pod.allocatedRequests.cpuMillis(), pod.actualRequests.cpuMillis());
        long mem = Math.max(pod.allocatedRequests.memoryMiB(), pod.actualRequests.memoryMiB());
        if (desired) {
            cpu = Math.max(cpu, pod.desiredRequests.cpuMillis());
            mem = Math.max(mem, pod.desiredRequests.memoryMiB());
        }
        if (recount(pod, cpu, mem)) {
            allocationChanged(pod.node);
        }
    }

    /**
     * Takes a placed pod off its node without changing its phase or telling anyone, so that a
     * what-if can be evaluated (preemption's victim selection); {@link #reattach} must follow.
     *
     * @return the pod's device mask, to give back to {@link #reattach}
     */
    public long detach(Pod pod) {
        long mask = pod.deviceMask;
        unplace(pod);
        return mask;
    }

    /** Puts a pod taken off by {@link #detach} back on node {@code i} with its devices. */
    public void reattach(Pod pod, int i, long deviceMask) {
        place(pod, i, deviceMask, false);
    }

    private void allocationChanged(int i) {
        for (ClusterListener l : listenerArray) {
            l.allocationChanged(i);
        }
    }

    /** The live pods, by slot. */
    private final class PodsView extends AbstractCollection<Pod> {
        @Override
        public Iterator<Pod> iterator() {
            return new Iterator<>() {
                private int next = advance(0);

                private int advance(int from) {
                    int s = from;
                    while (s < slotsUsed && pods[s] == null) {
                        s++;
                    }
                    return s;
                }

                @Override
                public boolean hasNext() {
                    return next < slotsUsed;
                }

                @Override
                public Pod next() {
                    if (next >= slotsUsed) {
                        throw new NoSuchElementException();
                    }
                    Pod p = pods[next];
                    next = advance(next + 1);
                    return p;
                }
            };
        }

        @Override
        public int size() {
            return podCount;
        }
    }
}
