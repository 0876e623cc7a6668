package io.capsim.engine.serving;

import java.util.NoSuchElementException;

/**
 * A FIFO of ints in one growable ring buffer. Grows with the number of entries held, never with
 * the number that passed through; allocates nothing once grown.
 */
public final class IntFifo {

    private int[] buf = new int[16]; // capacity a power of two
    private int head;
    private int size;

    /** Entries held. */
    public int size() {
        return size;
    }

    /** True when empty. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Appends. */
    public void add(int v) {
        if (size == buf.length) {
            int[] next = new int[buf.length * 2];
            int firstPart = buf.length - head;
            System.arraycopy(buf, head, next, 0, firstPart);
            System.arraycopy(buf, 0, next, firstPart, head);
            buf = next;
            head = 0;
        }
        buf[(head + size) & (buf.length - 1)] = v;
        size++;
    }

    /** Puts {@code v} before every other entry. */
    public void addFirst(int v) {
        add(v); // grows if needed; then rotate the new last entry to the front
        size--;
        head = (head - 1) & (buf.length - 1);
        buf[head] = v;
        size++;
    }

    /** The first entry, not removed. */
    public int peek() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return buf[head];
    }

    /** Removes and returns the first entry. */
    public int poll() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        int v = buf[head];
        head = (head + 1) & (buf.length - 1);
        size--;
        return v;
    }

    /** Removes the first entry equal to {@code v}, keeping the others in order; false if none is. O(size). */
    public boolean remove(int v) {
        int mask = buf.length - 1;
        for (int i = 0; i < size; i++) {
            if (buf[(head + i) & mask] == v) {
                for (int j = i; j < size - 1; j++) {
                    buf[(head + j) & mask] = buf[(head + j + 1) & mask];
                }
                size--;
                return true;
            }
        }
        return false;
    }

    /** Removes everything, giving each entry to {@code sink} in order. */
    public void drainTo(java.util.function.IntConsumer sink) {
        while (size > 0) {
            sink.accept(poll());
        }
    }
}
