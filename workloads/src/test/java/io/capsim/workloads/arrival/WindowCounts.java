package io.capsim.workloads.arrival;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.workload.ArrivalCursor;

/** Arrival counts in consecutive windows of a stream, and their mean and index of dispersion. */
final class WindowCounts {

    final long[] counts;
    final double windowSeconds;

    private WindowCounts(long[] counts, double windowSeconds) {
        this.counts = counts;
        this.windowSeconds = windowSeconds;
    }

    /** Counts in {@code windows} windows of {@code windowSeconds} after skipping {@code burnInSeconds}. */
    static WindowCounts of(ArrivalCursor c, double burnInSeconds, double windowSeconds, int windows) {
        long start = SimTime.ofSeconds(burnInSeconds);
        long w = SimTime.ofSeconds(windowSeconds);
        long end = start + w * windows;
        long[] counts = new long[windows];
        while (c.advance()) {
            long t = c.timeTicks();
            if (t >= end) {
                break;
            }
            if (t >= start) {
                counts[(int) ((t - start) / w)]++;
            }
        }
        return new WindowCounts(counts, windowSeconds);
    }

    long total() {
        long s = 0;
        for (long x : counts) {
            s += x;
        }
        return s;
    }

    double meanRate() {
        return total() / (counts.length * windowSeconds);
    }

    /** Sample variance over sample mean of the window counts. */
    double dispersion() {
        double mean = total() / (double) counts.length;
        double ss = 0;
        for (long x : counts) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (counts.length - 1) / mean;
    }
}
