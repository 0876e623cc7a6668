package io.capsim.engine.serving;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A FIFO of (long, long) pairs in one growable ring buffer. Grows with the number of entries
 * held, never with the number that passed through; allocates nothing once grown.
 */
final class LongPairFifo {

    private long[] buf = new long[16]; // pairs interleaved; capacity a power of two
    private int head; // index of the first pair's first word
    private int size; // pairs

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long a, long b) {
        if (2 * size == buf.length) {
            grow();
        }
        int tail = (head + 2 * size) & (buf.length - 1);
        buf[tail] = a;
        buf[tail + 1] = b;
        size++;
    }

    long firstA() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return buf[head];
    }

    long firstB() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return buf[head + 1];
    }

    void removeFirst() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        head = (head + 2) & (buf.length - 1);
        size--;
    }

    private void grow() {
        long[] next = new long[buf.length * 2];
        int firstPart = buf.length - head;
        System.arraycopy(buf, head, next, 0, firstPart);
        System.arraycopy(buf, 0, next, firstPart, head);
        Arrays.fill(buf, 0);
        buf = next;
        head = 0;
    }
}
