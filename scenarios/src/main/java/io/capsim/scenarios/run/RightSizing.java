package io.capsim.scenarios.run;

import io.capsim.engine.controllers.UsageRecommender;
import io.capsim.engine.kernel.SimTime;
import io.capsim.workloads.usage.UsageCursor;
import io.capsim.workloads.usage.UsageField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Right-sizing replayed on a recorded usage trace: per pod, a {@link UsageRecommender} fed the
 * pod's usage samples sets the request from one window after the pod's first sample on, every
 * update interval; until then the recorded request holds. Each sample's usage and request hold
 * until the pod's next sample. The replay reports, per pod and in all, the resource-hours of the
 * recorded requests, of the recommended ones and of the usage, and the share of time the usage
 * exceeded the request in effect (and the recorded request, for comparison).
 *
 * <p>Memory follows the pods and one window of samples each, not the trace's length.
 */
public final class RightSizing {

    /** The resource resized: which trace fields are usage and request, and the unit-hours they add up to. */
    public enum Resource {
        /** CPU, in core-hours. */
        CPU(UsageField.CPU_USED_MILLIS, UsageField.CPU_REQUEST_MILLIS, 1000, "core-hours"),
        /** Memory, in GiB-hours. */
        MEMORY(UsageField.MEMORY_USED_MIB, UsageField.MEMORY_REQUEST_MIB, 1024, "GiB-hours");

        final UsageField used;
        final UsageField request;
        final double perUnit;
        final String unit;

        Resource(UsageField used, UsageField request, double perUnit, String unit) {
            this.used = used;
            this.request = request;
            this.perUnit = perUnit;
            this.unit = unit;
        }

        /** The usage field. */
        public UsageField used() {
            return used;
        }

        /** The request field. */
        public UsageField request() {
            return request;
        }

        /** Name of the hours figures ({@code core-hours}, {@code GiB-hours}). */
        public String unit() {
            return unit;
        }
    }

    /**
     * The replay's rule.
     *
     * @param resource what is resized
     * @param recommender the recommender's percentile, margin, bounds (in the usage field's unit) and window
     * @param intervalTicks how often the request is set to the target, ticks, greater than 0
     */
    public record Settings(Resource resource, UsageRecommender.Settings recommender, long intervalTicks) {
        public Settings {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(recommender, "recommender");
            if (intervalTicks <= 0) {
                throw new IllegalArgumentException("interval must be > 0");
            }
        }
    }

    /**
     * One pod's replay (hours in the resource's unit-hours).
     *
     * @param pod its name
     * @param samples samples read
     * @param hours time covered, from its first to its last sample
     * @param usedHours usage integrated
     * @param recordedHours recorded request integrated
     * @param recommendedHours request in effect integrated (recorded until the first target)
     * @param exceededShare share of the time usage exceeded the request in effect
     * @param recordedExceededShare share of the time usage exceeded the recorded request
     * @param lastTarget the last target, in the usage field's unit (NaN if none was set)
     */
    public record Pod(String pod, long samples, double hours, double usedHours, double recordedHours,
            double recommendedHours, double exceededShare, double recordedExceededShare, double lastTarget) {}

    /**
     * The whole replay.
     *
     * @param pods per pod, by name
     * @param hours pod-hours covered
     * @param usedHours usage, unit-hours
     * @param recordedHours recorded requests, unit-hours
     * @param recommendedHours requests in effect, unit-hours
     * @param exceededShare time-weighted share of pod-time with usage above the request in effect
     * @param recordedExceededShare the same against the recorded requests
     */
    public record Result(List<Pod> pods, double hours, double usedHours, double recordedHours, double recommendedHours,
            double exceededShare, double recordedExceededShare) {
        public Result {
            pods = List.copyOf(pods);
        }

        /** Recorded minus recommended unit-hours. */
        public double savedHours() {
            return recordedHours - recommendedHours;
        }
    }

    private static final class State {
        final UsageRecommender rec;
        long samples;
        long prevT = Long.MIN_VALUE;
        double prevUsed;
        double prevRecorded;
        double target = Double.NaN;
        long nextUpdate;
        double seconds;
        double used;
        double recorded;
        double recommended;
        double exceeded;
        double recordedExceeded;

        State(UsageRecommender rec) {
            this.rec = rec;
        }
    }

    private RightSizing() {}

    /**
     * Replays the cursor to its end (it is not closed).
     *
     * @throws NothingToSize if the trace has no row with both the usage and the request of the resource
     */
    public static Result run(UsageCursor c, Settings s) {
        Map<String, State> pods = new HashMap<>();
        UsageField usedField = s.resource().used;
        UsageField requestField = s.resource().request;
        while (c.advance()) {
            double u = c.value(usedField);
            double r = c.value(requestField);
            if (Double.isNaN(u) || Double.isNaN(r)) {
                continue;
            }
            long t = SimTime.ofSeconds(c.timeSeconds());
            State p = pods.computeIfAbsent(c.pod(), k -> new State(new UsageRecommender(s.recommender())));
            if (p.samples == 0) {
                p.nextUpdate = t + s.recommender().windowTicks();
            } else {
                double dt = (t - p.prevT) / 1e9;
                double inEffect = Double.isNaN(p.target) ? p.prevRecorded : p.target;
                p.seconds += dt;
                p.used += p.prevUsed * dt;
                p.recorded += p.prevRecorded * dt;
                p.recommended += inEffect * dt;
                if (p.prevUsed > inEffect) {
                    p.exceeded += dt;
                }
                if (p.prevUsed > p.prevRecorded) {
                    p.recordedExceeded += dt;
                }
            }
            p.samples++;
            p.rec.record(t, u);
            if (t >= p.nextUpdate) {
                p.target = p.rec.recommend(t);
                while (p.nextUpdate <= t) {
                    p.nextUpdate += s.intervalTicks();
                }
            }
            p.prevT = t;
            p.prevUsed = u;
            p.prevRecorded = r;
        }
        if (pods.isEmpty()) {
            throw new NothingToSize("the trace has no row with both " + usedField.key() + " and " + requestField.key()
                    + ": nothing to right-size");
        }
        double k = s.resource().perUnit * 3600;
        List<Pod> out = new ArrayList<>();
        double seconds = 0;
        double used = 0;
        double recorded = 0;
        double recommended = 0;
        double exceeded = 0;
        double recordedExceeded = 0;
        for (Map.Entry<String, State> e : new TreeMap<>(pods).entrySet()) {
            State p = e.getValue();
            out.add(new Pod(e.getKey(), p.samples, p.seconds / 3600, p.used / k, p.recorded / k, p.recommended / k,
                    p.seconds > 0 ? p.exceeded / p.seconds : 0, p.seconds > 0 ? p.recordedExceeded / p.seconds : 0,
                    p.target));
            seconds += p.seconds;
            used += p.used;
            recorded += p.recorded;
            recommended += p.recommended;
            exceeded += p.exceeded;
            recordedExceeded += p.recordedExceeded;
        }
        return new Result(out, seconds / 3600, used / k, recorded / k, recommended / k,
                seconds > 0 ? exceeded / seconds : 0, seconds > 0 ? recordedExceeded / seconds : 0);
    }

    /** The trace has no row with both the usage and the request of the resource. */
    public static final class NothingToSize extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingToSize(String message) {
            super(message);
        }
    }
}
