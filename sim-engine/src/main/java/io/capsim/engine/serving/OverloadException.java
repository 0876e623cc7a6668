package io.capsim.engine.serving;

import java.util.Locale;

/** A service's queue grew past the run's safety limit: the system is unstable. */
public final class OverloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long waiting;

    OverloadException(ServiceSpec service, long waiting, long limit, double arrivalsPerSecond, int replicas) {
        super(String.format(Locale.ROOT, "service %s: %d requests are waiting, more than the limit of %d; arrivals came "
                + "at %.1f/s on average while %d replica(s) of concurrency %d were ready: the service cannot keep up (an "
                + "unstable queue). Give it more replicas, a queueCapacity, or less load", service.name(), waiting, limit,
                arrivalsPerSecond, replicas, service.concurrency()));
        this.waiting = waiting;
    }

    /** Requests waiting when the run stopped. */
    public long waiting() {
        return waiting;
    }
}
