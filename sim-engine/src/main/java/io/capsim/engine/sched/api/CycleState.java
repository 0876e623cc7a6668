package io.capsim.engine.sched.api;

import java.util.HashMap;
import java.util.Map;

/**
 * Scratch data of one scheduling cycle, shared by the plugins of the cycle (Kubernetes'
 * {@code CycleState}). Cleared at the start of each cycle.
 */
public final class CycleState {

    private long cycle = -1;
    private long now;
    private final Map<String, Object> data = new HashMap<>();

    /** Starts a new cycle; called by the scheduler runtime only. */
    public void reset(long cycle, long now) {
        this.cycle = cycle;
        this.now = now;
        if (!data.isEmpty()) {
            data.clear();
        }
    }

    /** Number of this cycle, from 0. */
    public long cycle() {
        return cycle;
    }

    /** Time the cycle started, ticks. */
    public long now() {
        return now;
    }

    /** Stores a value for later plugins of this cycle. */
    public void write(String key, Object value) {
        data.put(key, value);
    }

    /** A value stored in this cycle, or null. */
    public Object read(String key) {
        return data.get(key);
    }
}
