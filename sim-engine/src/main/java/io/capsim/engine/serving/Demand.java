package io.capsim.engine.serving;

import io.capsim.engine.random.DurationDistribution;

/**
 * The work a service's request brings, in reference ticks (at speed 1): its own, if it carries
 * one; else what its token counts cost under the service's token-work model; else a draw from the
 * service time distribution (stream {@code service-time/<name>}).
 */
final class Demand {

    private final String service;
    private final RequestTable table;
    private final TokenWork tokenWork; // null without one
    private final DurationDistribution serviceTime; // null without one

    Demand(String service, RequestTable table, TokenWork tokenWork, DurationDistribution serviceTime) {
        this.service = service;
        this.table = table;
        this.tokenWork = tokenWork;
        this.serviceTime = serviceTime;
    }

    long ticks(int id) {
        long w = table.work(id);
        if (w >= 0) {
            return w;
        }
        if (tokenWork != null) {
            long in = table.inputTokens(id);
            long out = table.outputTokens(id);
            if (in >= 0 || out >= 0) {
                return tokenWork.ticks(in, out);
            }
        }
        if (serviceTime == null) {
            throw new IllegalStateException("service " + service
                    + " has no serviceTime, and an arrival carried neither its work nor token counts");
        }
        return serviceTime.sampleTicks();
    }
}
