package io.capsim.engine.serving;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.DurationDistribution;
import io.capsim.engine.results.AutoscalingResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.workload.ArrivalCursor;

/**
 * The running state of one service: its ready replicas (each a {@link ReplicaEngine} on a ready pod
 * the ReplicaSet owns), its router, its queue and its measurements. A replica joins when its pod
 * becomes ready and leaves when the pod ends; the requests a leaving replica held are sent again or
 * counted as failed, as the service says. Requests that arrive while no replica is ready wait in the
 * service queue. What it measures is kept by its {@link ServiceMeters}.
 */
public final class Service implements ReplicaHost {

    /**
     * Told when a request sent with {@link #call} leaves the service: answered (completed), or
     * rejected or failed. Called during the service's own event: it must not call the service back
     * then, but schedule an event.
     */
    public interface Caller {
        /**
         * @param tag the tag the request was sent with
         * @param answered true if it completed, false if it was rejected or failed
         * @param delayTicks how long after now the client has the answer (streaming, detokenization)
         */
        void left(int tag, boolean answered, long delayTicks);
    }

    private final ServiceSpec spec;
    private final Simulator sim;
    private final Router router;
    private final boolean serviceQueue;
    private final Demand demand;
    private final long queueLimit;
    private final int queueCapacity; // the spec's, read on every arrival that finds no room
    private final RequestTable table;
    private final LlmMeter llm;
    private final boolean keepsPrefixes; // requests' prefix block ids are kept (prefix caching or routing uses them)
    private final boolean countsTokens; // each replica's outstanding tokens are kept (routing uses them)
    private final Clients clients; // null without a client spec
    private CallerTags tags; // null without a caller
    private final ServiceMeters m;

    private final IntFifo queue = new IntFifo();
    private final ReadyReplicas ready;
    private final ServicePods pods;
    private int waiting;

    /**
     * A service with no replica yet.
     *
     * @param serviceTime demand sampler (stream {@code service-time/<name>}), or null
     * @param router the service's router
     * @param measureFromTicks start of the measured window
     * @param queueLimit most requests that may wait in the service before the run is stopped as unstable
     * @param clientRng the clients' retry jitter (stream {@code client-retry/<name>}); null without a client spec
     */
    public Service(ServiceSpec spec, Simulator sim, ClusterView cluster, Router router, ReplicaEngineFactory engines,
            DurationDistribution serviceTime, long measureFromTicks, long queueLimit,
            org.apache.commons.rng.UniformRandomProvider clientRng) {
        this.spec = spec;
        this.sim = sim;
        this.router = router;
        this.serviceQueue = router.queuesAtService();
        this.table = new RequestTable(engines.keepsRequestState());
        this.ready = new ReadyReplicas(table);
        this.demand = new Demand(spec.name(), table, spec.tokenWork(), serviceTime);
        this.m = new ServiceMeters(spec, engines.sharesCpu(), measureFromTicks);
        this.queueLimit = queueLimit;
        this.queueCapacity = spec.queueCapacity();
        this.llm = spec.llm() == null ? null : new LlmMeter(spec.llm(), measureFromTicks);
        this.keepsPrefixes = spec.llm() != null && spec.llm().prefixCaching() || router.usesPrefixes();
        this.countsTokens = router.usesTokens() && !serviceQueue;
        this.clients = spec.client() == null ? null : new Clients(this, spec.client(), clientRng);
        this.pods = new ServicePods(this, sim, cluster, engines, ready, m, serviceQueue);
    }

    /** The service's name. */
    public String name() {
        return spec.name();
    }

    /** The spec. */
    public ServiceSpec spec() {
        return spec;
    }

    /** Starts the measured window: clears what the warm-up measured. */
    public void startMeasuring(long now) {
        m.startMeasuring(now);
        if (llm != null) {
            llm.startMeasuring(now);
        }
    }

    // ---- arrivals and routing ----

    /**
     * The current arrival of {@code feed} happens now: it enters (carrying its work, token counts
     * and, when the service uses them, its prefix blocks), and the feed moves to its next.
     */
    void arrive(ArrivalFeed feed) {
        ArrivalCursor c = feed.cursor();
        dispatch(enter(c.workTicks(), c.inputTokens(), c.outputTokens(), c));
        feed.next();
    }

    private int enter(long workTicks, long inputTokens, long outputTokens, ArrivalCursor prefix) {
        long now = sim.now();
        if (m.measured(now)) {
            m.arrived++;
        }
        m.arrivalsSinceStart++;
        int id = table.add(now, workTicks, inputTokens, outputTokens);
        if (keepsPrefixes) {
            table.prefix(id, prefix);
        }
        if (clients != null) {
            clients.begin(id, 1);
        }
        return id;
    }

    /** Sets who is told when requests sent with {@link #call} leave. */
    public void caller(Caller c) {
        if (tags == null) {
            tags = new CallerTags(c);
        } else {
            tags.caller(c);
        }
    }

    /**
     * A request arrives now, as {@link #arrive}, from a caller set with {@link #caller}, who is told
     * with {@code tag} when it leaves.
     *
     * @param tag what the caller knows the request by, at least 0
     */
    public void call(int tag, long workTicks, long inputTokens, long outputTokens) {
        int id = enter(workTicks, inputTokens, outputTokens, null);
        tags.tag(id, tag);
        dispatch(id);
    }

    /**
     * A new request with {@code id}'s attributes, the client's next attempt at it: it takes over
     * {@code id}'s caller tag, so the caller hears of the attempt that answers, not of the orphan.
     */
    int copyForRetry(int id) {
        int c = table.copy(id);
        if (tags != null) {
            tags.move(id, c);
        }
        return c;
    }

    /** The request leaves the service; its caller, if any, is told. */
    private void release(int id, boolean answered, long delayTicks) {
        if (clients != null) {
            clients.removed(id);
        }
        table.remove(id);
        if (tags != null) {
            tags.left(id, answered, delayTicks);
        }
    }

    void dispatch(int id) {
        // With a service queue there is nothing to route: any replica with room takes the request.
        ReadyReplicas rs = ready;
        int r = serviceQueue ? rs.free.take() : router.route(rs, id);
        if (r >= 0) {
            ReplicaEngine e = rs.get(r);
            if (clients != null) {
                clients.heldBy(id, e);
            }
            if (serviceQueue) {
                e.start(id);
            } else {
                rs.loadMayChange(r);
                if (!e.offer(id)) {
                    refuse(id);
                } else if (countsTokens) {
                    e.outstandingTokens += tokens(id);
                }
            }
        } else if (queue.size() < queueCapacity) {
            if (clients != null) {
                clients.heldBy(id, null);
            }
            queue.add(id);
            changeWaiting(1);
        } else {
            refuse(id);
        }
    }

    /** No room for the request: its client tries again later, or it is rejected. */
    private void refuse(int id) {
        if (clients == null || !clients.retryLater(id)) {
            reject(id);
        }
    }

    private void reject(int id) {
        if (measured(id)) {
            m.rejected++;
        }
        remove(id);
    }

    /** The request leaves the service unanswered. */
    void remove(int id) {
        release(id, false, 0);
    }

    // ---- for Clients ----

    /** The request's client left: it leaves the service queue if it waits there; true if it did. */
    boolean leaveQueue(int id) {
        if (queue.remove(id)) {
            changeWaiting(-1);
            return true;
        }
        return false;
    }

    /** Replica {@code e} dropped request {@code id} at its client's leaving ({@link ReplicaEngine#cancel}). */
    void droppedBy(ReplicaEngine e, int id, int how) {
        ready.loadMayChange(e.index);
        if (how == ReplicaEngine.DROPPED_IN_SERVICE) {
            m.busy.add(sim.now(), -1);
        }
        if (countsTokens) {
            e.outstandingTokens -= tokens(id);
        }
    }

    boolean measured(int id) {
        return m.measured(table.arrival(id));
    }

    /** Requests waiting, at the service or at its replicas, changed; too many stop the run. */
    private void changeWaiting(int delta) {
        waiting += delta;
        m.queue.set(sim.now(), waiting);
        if (waiting > queueLimit) {
            throw new OverloadException(spec, waiting, queueLimit, m.arrivalsSinceStart / Math.max(1e-9, sim.now() / 1e9),
                    ready.count());
        }
    }

    @Override
    public RequestTable requests() {
        return table;
    }

    /** Prompt plus output tokens of a request (those it carries). */
    private long tokens(int id) {
        return Math.max(0, table.inputTokens(id)) + Math.max(0, table.outputTokens(id));
    }

    // ---- ReplicaHost ----

    @Override
    public Simulator sim() {
        return sim;
    }

    @Override
    public long demandTicks(int id) {
        return demand.ticks(id);
    }

    @Override
    public void started(int id, ReplicaEngine replica) {
        long now = sim.now();
        ServiceMeters sm = m;
        sm.busy.add(now, 1);
        long arrival = table.arrival(id);
        if (sm.measured(arrival)) {
            sm.wait.recordTicks(now - arrival);
        }
    }

    @Override
    public void completed(int id, ReplicaEngine replica, long extraTicks) {
        long now = sim.now();
        ServiceMeters sm = m;
        sm.busy.add(now, -1);
        ready.loadMayChange(replica.index);
        if (countsTokens) {
            replica.outstandingTokens -= tokens(id);
        }
        if (clients != null && clients.orphan(id)) {
            clients.wasted(id);
            remove(id);
            return;
        }
        long arrival = table.arrival(id);
        if (!sm.measured(arrival)) {
            sm.bins.completed(now - arrival);
        } else {
            sm.completed++;
            if (extraTicks == 0) { // the time bins count the response time where the recorder did
                sm.bins.counted(sm.response.recordTicksAt(now - arrival));
            } else {
                sm.response.recordTicks(now + extraTicks - arrival);
                sm.bins.completed(now - arrival);
            }
        }
        release(id, true, extraTicks);
    }

    @Override
    public void refused(int id, ReplicaEngine replica) {
        ready.loadMayChange(replica.index);
        if (clients != null && clients.orphan(id)) {
            remove(id); // its client had left
            return;
        }
        reject(id);
    }

    @Override
    public LlmMeter llm() {
        return llm;
    }

    @Override
    public void queuedAtReplica(int delta) {
        changeWaiting(delta);
    }

    @Override
    public int nextShared(ReplicaEngine replica) {
        if (!serviceQueue || queue.isEmpty()) {
            return -1;
        }
        changeWaiting(-1);
        int id = queue.poll();
        if (clients != null) {
            clients.heldBy(id, replica);
        }
        return id;
    }

    @Override
    public void freed(ReplicaEngine replica) {
        if (serviceQueue) {
            ready.free.push(replica.index);
        }
    }

    @Override
    public long schedule(long delayTicks, int request, ReplicaEngine replica) {
        return sim.scheduleAfter(delayTicks, replica, request, 0);
    }

    @Override
    public void cancel(long timer) {
        sim.cancel(timer);
    }

    @Override
    public void cpuInUse(double deltaCores) {
        m.cpuInUse(sim.now(), deltaCores);
    }

    // ---- replicas come and go (told by ServicePods) ----

    /**
     * A replica joined: with a shared queue it takes what waits there, as much as it has room for;
     * otherwise every waiting request is routed again.
     */
    void joined(ReplicaEngine e) {
        if (serviceQueue) {
            while (e.freeCapacity() > 0 && !queue.isEmpty()) {
                changeWaiting(-1);
                int id = queue.poll();
                if (clients != null) {
                    clients.heldBy(id, e);
                }
                e.start(id);
            }
            ready.free.push(e.index, e.freeCapacity());
        } else {
            int held = queue.size();
            for (int k = 0; k < held; k++) {
                changeWaiting(-1);
                dispatch(queue.poll());
            }
        }
    }

    /**
     * A replica left holding {@code lost} ({@code inService} of them in service): each is sent
     * again or counted as failed, as the service says (or dropped, if its client had left).
     */
    void lost(IntFifo lost, int inService) {
        if (inService > 0) {
            m.busy.add(sim.now(), -inService);
        }
        while (!lost.isEmpty()) {
            int id = lost.poll();
            if (clients != null && clients.orphan(id)) {
                clients.wasted(id);
                remove(id); // its client had left: nobody sends it again
            } else if (spec.onReplicaLoss() == ServiceSpec.OnReplicaLoss.RETRY) {
                if (measured(id)) {
                    m.retried++;
                }
                dispatch(id);
            } else {
                if (measured(id)) {
                    m.failed++;
                }
                remove(id);
            }
        }
    }

    // ---- results ----

    /** What the service measures: its counts, latencies and what its replicas use, now and on average. */
    public ServiceMeters meters() {
        return m;
    }

    /** The service's pods: the cluster's listener that makes them replicas, and what one pod uses. */
    public ServicePods pods() {
        return pods;
    }

    /**
     * What the service did in the measured window.
     *
     * @param podsCreated, replicasPreempted, replicasEvicted the ReplicaSet's counts
     * @param autoscaling what the service's HorizontalPodAutoscaler did, or null without one
     */
    public ServiceResult result(long now, long podsCreated, long replicasPreempted, long replicasEvicted,
            AutoscalingResult autoscaling) {
        return m.result(now, podsCreated, replicasPreempted, replicasEvicted, autoscaling, llm, clients);
    }
}
