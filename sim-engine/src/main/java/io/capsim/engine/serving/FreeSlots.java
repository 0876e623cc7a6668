package io.capsim.engine.serving;

import java.util.Arrays;

/**
 * The free slots of a shared queue's replicas, last freed first: an arrival takes one instead of
 * searching the replicas. Kept as runs of one replica's slots, so a replica of concurrency
 * 1,000,000 is one entry, not a million.
 */
final class FreeSlots {

    private int[] replica = new int[16];
    private int[] run = new int[16];
    private int top;

    /** Takes a free slot: returns its replica's index, or -1 if none is free. */
    int take() {
        if (top == 0) {
            return -1;
        }
        int t = top - 1;
        int r = replica[t];
        if (--run[t] == 0) {
            top = t;
        }
        return r;
    }

    /** One slot of replica {@code r} is free. */
    void push(int r) {
        int t = top - 1;
        if (t >= 0 && replica[t] == r) { // the common case, kept small enough to inline
            run[t]++;
        } else {
            push(r, 1);
        }
    }

    /** {@code slots} slots of replica {@code r} are free. */
    void push(int r, int slots) {
        if (slots <= 0) {
            return;
        }
        if (top > 0 && replica[top - 1] == r) {
            run[top - 1] += slots;
            return;
        }
        if (top == replica.length) {
            replica = Arrays.copyOf(replica, top * 2);
            run = Arrays.copyOf(run, top * 2);
        }
        replica[top] = r;
        run[top++] = slots;
    }

    /** Forgets every free slot (the replicas' indices moved). */
    void clear() {
        top = 0;
    }
}
