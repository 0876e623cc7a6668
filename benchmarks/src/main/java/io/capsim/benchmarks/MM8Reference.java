package io.capsim.benchmarks;

import io.capsim.engine.results.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A minimal hand-written simulation of an M/M/c FIFO queue on primitive arrays: the next arrival
 * time, a binary min-heap of the c busy servers' completion times, and a ring buffer of waiting
 * arrival times. No framework, no per-event objects: the practical speed limit for this model on
 * one core. It computes what capsim reports for the queue — response and waiting time
 * distributions in HdrHistograms (same settings as capsim's), exact means, and the time averages
 * of busy servers and queue length — with the same samplers (Commons RNG ziggurat).
 */
final class MM8Reference {

    /** What a run computed; returned so the JIT cannot drop the work. */
    record Result(long completed, long events, double meanResponseSeconds, double meanWaitSeconds,
            long p99ResponseMicros, double meanBusy, double meanQueue) {}

    private MM8Reference() {}

    static Result run(int c, double lambda, double mu, long requests, UniformRandomProvider arrivalsRng,
            UniformRandomProvider serviceRng) {
        ContinuousSampler gap = ZigguratSampler.Exponential.of(arrivalsRng, 1e9 / lambda);
        ContinuousSampler service = ZigguratSampler.Exponential.of(serviceRng, 1e9 / mu);
        long[] done = new long[c]; // heap of completion times
        long[] started = new long[c]; // arrival time of the request in each heap cell
        int busy = 0;
        long[] ring = new long[1 << 10];
        int head = 0;
        int waiting = 0;
        double arrivalClock = gap.sample();
        long nextArrival = (long) arrivalClock;
        long arrived = 0;
        long completed = 0;
        long events = 0;
        double responseSum = 0;
        double waitSum = 0;
        Histogram response = new Histogram(1, LatencyRecorder.HIGHEST_MICROS, 3);
        Histogram wait = new Histogram(1, LatencyRecorder.HIGHEST_MICROS, 3);
        double busyArea = 0;
        double queueArea = 0;
        long lastChange = 0;
        while (completed < requests) {
            events++;
            if (arrived < requests && (busy == 0 || nextArrival <= done[0])) {
                long now = nextArrival;
                busyArea += (double) busy * (now - lastChange);
                queueArea += (double) waiting * (now - lastChange);
                lastChange = now;
                arrived++;
                arrivalClock += gap.sample();
                nextArrival = (long) arrivalClock;
                if (busy < c) {
                    wait.recordValue(0);
                    // push (now + service, now)
                    int i = busy++;
                    long t = now + (long) (service.sample() + 0.5);
                    while (i > 0 && done[(i - 1) >> 1] > t) {
                        done[i] = done[(i - 1) >> 1];
                        started[i] = started[(i - 1) >> 1];
                        i = (i - 1) >> 1;
                    }
                    done[i] = t;
                    started[i] = now;
                } else {
                    if (waiting == ring.length) {
                        long[] bigger = new long[ring.length * 2];
                        for (int k = 0; k < waiting; k++) {
                            bigger[k] = ring[(head + k) & (ring.length - 1)];
                        }
                        ring = bigger;
                        head = 0;
                    }
                    ring[(head + waiting++) & (ring.length - 1)] = now;
                }
            } else {
                long now = done[0];
                busyArea += (double) busy * (now - lastChange);
                queueArea += (double) waiting * (now - lastChange);
                lastChange = now;
                long r = now - started[0];
                responseSum += r;
                response.recordValue((r + 500) / 1000);
                completed++;
                long t;
                long s;
                if (waiting > 0) {
                    s = ring[head];
                    head = (head + 1) & (ring.length - 1);
                    waiting--;
                    waitSum += now - s;
                    wait.recordValue((now - s + 500) / 1000);
                    t = now + (long) (service.sample() + 0.5);
                } else {
                    busy--;
                    t = done[busy];
                    s = started[busy];
                }
                // sift (t, s) down from the root
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    if (l >= busy) {
                        break;
                    }
                    int m = l + 1 < busy && done[l + 1] < done[l] ? l + 1 : l;
                    if (done[m] >= t) {
                        break;
                    }
                    done[i] = done[m];
                    started[i] = started[m];
                    i = m;
                }
                if (busy > 0) {
                    done[i] = t;
                    started[i] = s;
                }
            }
        }
        return new Result(completed, events, responseSum / completed / 1e9, waitSum / arrived / 1e9,
                response.getValueAtPercentile(99), busyArea / lastChange, queueArea / lastChange);
    }
}
