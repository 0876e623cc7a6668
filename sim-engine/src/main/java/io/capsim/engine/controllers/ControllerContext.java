package io.capsim.engine.controllers;

import io.capsim.engine.api.ClusterApi;
import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.random.RandomStreams;

/** What a controller can use: the API, a read-only cluster, its own random streams, its work queue. */
public interface ControllerContext {

    /** The one way to act on the cluster. */
    ClusterApi api();

    /** The cluster, read-only. */
    ClusterView cluster();

    /** The run's named random streams (a controller takes streams named {@code controller/<name>/...}). */
    RandomStreams streams();

    /** Subscribes to cluster events (the listener must only read and {@link #enqueue}). */
    void watch(ClusterListener listener);

    /** Asks for {@link Controller#reconcile}{@code (key)} at the current instant, after the current event. */
    void enqueue(long key);

    /** Asks for {@link Controller#reconcile}{@code (key)} after {@code delayTicks}. */
    void enqueueAfter(long key, long delayTicks);

    /** The current simulated time, ticks. */
    long now();
}
