package io.capsim.engine.controllers;

import io.capsim.engine.api.ClusterApi;
import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs controllers on the kernel (controller-runtime's manager): each {@link
 * ControllerContext#enqueue} becomes a kernel event whose handling calls {@link
 * Controller#reconcile}; a returned requeue delay becomes another. Reconciles run in (time,
 * enqueue order), so a run is deterministic.
 */
public final class ControllerManager implements EventHandler {

    private final Simulator sim;
    private final ClusterState cluster;
    private final ClusterApi api;
    private final RandomStreams streams;
    private final List<Controller> controllers = new ArrayList<>();
    private final java.util.Map<String, Controller> byName = new java.util.LinkedHashMap<>();

    /** A manager over the run's cluster and API. */
    public ControllerManager(Simulator sim, ClusterState cluster, ClusterApi api, RandomStreams streams) {
        this.sim = sim;
        this.cluster = cluster;
        this.api = api;
        this.streams = streams;
    }

    /**
     * Registers a controller under its {@link Controller#name()} and starts it.
     *
     * @throws IllegalArgumentException if a controller of that name is registered already
     */
    public void add(Controller c) {
        if (byName.putIfAbsent(c.name(), c) != null) {
            throw new IllegalArgumentException("a controller named \"" + c.name() + "\" is registered already ("
                    + String.join(", ", byName.keySet()) + ")");
        }
        int index = controllers.size();
        controllers.add(c);
        c.start(new Context(index));
    }

    /** The controller registered under {@code name}, if any. */
    public java.util.Optional<Controller> controller(String name) {
        return java.util.Optional.ofNullable(byName.get(name));
    }

    /** The controllers, in the order added. */
    public List<Controller> controllers() {
        return List.copyOf(controllers);
    }

    @Override
    public void handle(int kind, long arg) {
        Controller c = controllers.get(kind);
        long again = c.reconcile(arg);
        if (again >= 0) {
            sim.scheduleAfter(again, this, kind, arg);
        }
    }

    private final class Context implements ControllerContext {
        private final int index;

        Context(int index) {
            this.index = index;
        }

        @Override
        public ClusterApi api() {
            return api;
        }

        @Override
        public ClusterView cluster() {
            return cluster;
        }

        @Override
        public RandomStreams streams() {
            return streams;
        }

        @Override
        public void watch(ClusterListener listener) {
            cluster.addListener(listener);
        }

        @Override
        public void enqueue(long key) {
            sim.scheduleAt(sim.now(), ControllerManager.this, index, key);
        }

        @Override
        public void enqueueAfter(long key, long delayTicks) {
            sim.scheduleAfter(delayTicks, ControllerManager.this, index, key);
        }

        @Override
        public long now() {
            return sim.now();
        }
    }
}
