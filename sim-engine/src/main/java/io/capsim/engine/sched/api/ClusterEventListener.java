package io.capsim.engine.sched.api;

/** A plugin told of cluster events before unschedulable pods are moved back to the queue. */
public interface ClusterEventListener extends Plugin {

    /** Called once per event. */
    void onClusterEvent(ClusterEvent event, long now);
}
