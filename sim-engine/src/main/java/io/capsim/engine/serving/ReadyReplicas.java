package io.capsim.engine.serving;

import io.capsim.engine.cluster.Pod;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A service's ready replicas as its router sees them: indexed 0 to {@code count() - 1} (when one
 * leaves, the last takes its index), with their loads, the free slots of a shared queue's replicas,
 * and the least-loaded tree for routers that ask for it. The service adds a replica when its pod
 * becomes ready and removes it when the pod ends.
 */
final class ReadyReplicas implements Router.Replicas {

    private final RequestTable table;
    private ReplicaEngine[] engines = new ReplicaEngine[8];
    private int count;
    private int nextSerial;
    private final Map<Pod, ReplicaEngine> byPod = new IdentityHashMap<>();
    final FreeSlots free = new FreeSlots(); // filled only with a shared queue
    private LeastLoaded leastLoaded; // built on first use by a router that asks for the least loaded replica

    ReadyReplicas(RequestTable table) {
        this.table = table;
    }

    /** The replica at index {@code r}. */
    ReplicaEngine get(int r) {
        return engines[r];
    }

    /** The replica on {@code pod}, or null if the pod is not a ready replica. */
    ReplicaEngine on(Pod pod) {
        return byPod.get(pod);
    }

    /** The replica on {@code pod} joins, with the next serial and the next index. */
    void add(Pod pod, ReplicaEngine e) {
        e.serial = nextSerial++;
        if (count == engines.length) {
            engines = Arrays.copyOf(engines, count * 2);
        }
        e.index = count;
        engines[count++] = e;
        byPod.put(pod, e);
        changed();
    }

    /**
     * The replica on {@code pod} leaves; the last replica takes its index, and the free slots are
     * counted again (of the replicas that stay, with {@code sharedQueue}).
     *
     * @return the replica, or null if the pod was not a ready replica
     */
    ReplicaEngine remove(Pod pod, boolean sharedQueue) {
        ReplicaEngine e = byPod.remove(pod);
        if (e == null) {
            return null;
        }
        int r = e.index;
        count--;
        if (r != count) {
            engines[r] = engines[count];
            engines[r].index = r;
        }
        engines[count] = null;
        changed();
        free.clear();
        if (sharedQueue) {
            for (int k = 0; k < count; k++) {
                free.push(k, engines[k].freeCapacity());
            }
        }
        return e;
    }

    /** Replica {@code r}'s outstanding requests may have changed. */
    void loadMayChange(int r) {
        if (leastLoaded != null) {
            leastLoaded.mark(r);
        }
    }

    /** Replicas came or went (their indices moved). */
    private void changed() {
        if (leastLoaded != null) {
            leastLoaded.reset(count);
        }
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int outstanding(int i) {
        return engines[i].outstanding();
    }

    @Override
    public int leastOutstanding(int from) {
        if (leastLoaded == null) {
            leastLoaded = new LeastLoaded();
            leastLoaded.reset(count);
        }
        return leastLoaded.least(from, this);
    }

    @Override
    public RequestTable requests() {
        return table;
    }

    @Override
    public long outstandingTokens(int i) {
        return engines[i].outstandingTokens;
    }

    @Override
    public int cachedPrefix(int i, int request) {
        return engines[i].cachedPrefix(request);
    }
}
