package io.capsim.scenarios.run;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.List;

/** Arrivals at fixed times (a job's {@code submitAt}), carrying nothing else. */
final class TimesCursor implements ArrivalCursor {

    private final long[] times;
    private final String origin;
    private int next;

    /** @param seconds ascending times from 0 */
    TimesCursor(List<Double> seconds, String origin) {
        this.times = seconds.stream().mapToLong(SimTime::ofSeconds).toArray();
        this.origin = origin;
    }

    @Override
    public boolean advance() {
        if (next >= times.length) {
            return false;
        }
        next++;
        return true;
    }

    @Override
    public long timeTicks() {
        return times[next - 1];
    }

    @Override
    public String origin() {
        return origin + "[" + (next - 1) + "]";
    }
}
