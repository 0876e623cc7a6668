package io.capsim.engine.results;

import java.util.List;

/**
 * What a service's HorizontalPodAutoscaler did over the whole run.
 *
 * @param events every change of the Deployment's replicas it made, in time order
 * @param desiredMin fewest replicas it asked for
 * @param desiredMax most replicas it asked for
 * @param desiredAtEnd replicas it asked for last
 */
public record AutoscalingResult(List<ScaleEvent> events, int desiredMin, int desiredMax, int desiredAtEnd) {

    public AutoscalingResult {
        events = List.copyOf(events);
    }

    /** One scale event: when (ticks from the start), and from how many replicas to how many. */
    public record ScaleEvent(long atTicks, int from, int to) {}
}
