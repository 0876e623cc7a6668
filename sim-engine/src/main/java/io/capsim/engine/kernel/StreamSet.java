package io.capsim.engine.kernel;

import java.util.Arrays;

/**
 * A simulator's streams: sources with at most one pending event each (such as an arrival stream),
 * kept beside the event list instead of in it, in arrays scanned when one changes (there are few).
 * Among stream events at the same time, the one set first runs first.
 */
final class StreamSet {

    static final long NONE = Long.MAX_VALUE;

    EventHandler[] handler = new EventHandler[4];
    private long[] time = new long[4];
    private long[] seq = new long[4]; // when its pending event was set: ties go to the older
    private long nextSeq;
    private int count;
    int min = -1; // the stream with the earliest pending event, or -1
    long minTime = NONE;

    int open(EventHandler h) {
        if (count == handler.length) {
            handler = Arrays.copyOf(handler, 2 * count);
            time = Arrays.copyOf(time, 2 * count);
            seq = Arrays.copyOf(seq, 2 * count);
        }
        handler[count] = h;
        time[count] = NONE;
        return count++;
    }

    boolean isOpen(int stream) {
        return stream >= 0 && stream < count;
    }

    /** Sets a stream's pending event at {@code t} ({@link #NONE}: none), replacing any. */
    void set(int stream, long t) {
        time[stream] = t;
        seq[stream] = nextSeq++;
        if (t < minTime) {
            min = stream;
            minTime = t;
        } else if (stream == min || t == minTime) {
            findMin();
        }
    }

    /** Takes the earliest pending event: returns its stream, whose event is no longer pending. */
    int take() {
        int s = min;
        time[s] = NONE;
        findMin();
        return s;
    }

    int pending() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (time[i] != NONE) {
                n++;
            }
        }
        return n;
    }

    private void findMin() {
        if (count == 1) { // the common case: one arrival stream
            long t = time[0];
            min = t == NONE ? -1 : 0;
            minTime = t;
            return;
        }
        int best = -1;
        long bestTime = NONE;
        for (int i = 0; i < count; i++) {
            long t = time[i];
            if (t < bestTime || (t == bestTime && t != NONE && seq[i] < seq[best])) {
                bestTime = t;
                best = i;
            }
        }
        min = best;
        minTime = bestTime;
    }
}
