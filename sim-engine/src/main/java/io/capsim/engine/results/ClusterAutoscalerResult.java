package io.capsim.engine.results;

import java.util.List;
import java.util.Objects;

/**
 * What the cluster autoscaler did over the whole run, and what its node pools cost over the
 * measured window.
 *
 * @param expander the expander that chose among node groups ({@code least-waste}, {@code random}, {@code priority})
 * @param pools per autoscaled node pool, in scenario order
 * @param events node-count changes and scale-up decisions, in time order
 */
public record ClusterAutoscalerResult(String expander, List<Pool> pools, List<Event> events) {

    public ClusterAutoscalerResult {
        Objects.requireNonNull(expander, "expander");
        pools = List.copyOf(pools);
        events = List.copyOf(events);
    }

    /**
     * One autoscaled node pool (node group).
     *
     * @param name pool name
     * @param minCount fewest nodes the autoscaler keeps
     * @param maxCount most nodes it runs (upcoming included)
     * @param nodesAtStart nodes at the start of the run
     * @param nodesAtEnd nodes at the end
     * @param nodesLeast fewest nodes at any time of the run
     * @param nodesMost most nodes at any time of the run
     * @param nodesMean time-average nodes over the measured window
     * @param scaleUps scale-up decisions for this pool
     * @param nodesAdded nodes that joined after a scale-up
     * @param scaleDowns nodes removed (each is one scale-down)
     * @param failedScaleUps nodes that did not join within max-node-provision-time
     * @param nodeHours node-hours of the measured window
     * @param costPerNodeHour price of a node for an hour
     * @param cost node-hours times the price
     */
    public record Pool(String name, int minCount, int maxCount, int nodesAtStart, int nodesAtEnd, int nodesLeast,
            int nodesMost, double nodesMean, long scaleUps, long nodesAdded, long scaleDowns, long failedScaleUps,
            double nodeHours, double costPerNodeHour, double cost) {
        public Pool {
            Objects.requireNonNull(name, "name");
        }
    }

    /** What happened: a scale-up asked for nodes, nodes joined, a node was removed, or nodes failed to join. */
    public enum Kind { SCALE_UP, JOINED, REMOVED, TIMED_OUT }

    /**
     * One event.
     *
     * @param atTicks when, ticks from the start
     * @param pool the pool
     * @param kind what happened
     * @param nodes how many nodes it concerned
     * @param poolNodes nodes in the pool after it (upcoming ones not counted)
     */
    public record Event(long atTicks, String pool, Kind kind, int nodes, int poolNodes) {
        public Event {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
