package io.capsim.engine.sched;

import java.util.Arrays;

/** A binary min-heap of pods with removal by position (index kept in the pod). */
final class PodHeap {

    interface Order {
        boolean less(PodInfo a, PodInfo b);
    }

    private final Order order;
    private PodInfo[] heap = new PodInfo[64];
    private int size;

    PodHeap(Order order) {
        this.order = order;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    PodInfo peek() {
        return size == 0 ? null : heap[0];
    }

    void add(PodInfo p) {
        if (p.heapIndex >= 0) {
            throw new IllegalStateException(p + " is already queued");
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, p);
    }

    PodInfo poll() {
        if (size == 0) {
            return null;
        }
        PodInfo top = heap[0];
        removeAt(0);
        return top;
    }

    boolean remove(PodInfo p) {
        int i = p.heapIndex;
        if (i < 0 || i >= size || heap[i] != p) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int i) {
        PodInfo removed = heap[i];
        removed.heapIndex = -1;
        PodInfo last = heap[--size];
        heap[size] = null;
        if (i < size) {
            if (i > 0 && order.less(last, heap[(i - 1) >>> 1])) {
                siftUp(i, last);
            } else {
                siftDown(i, last);
            }
        }
    }

    private void siftUp(int i, PodInfo p) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            PodInfo q = heap[parent];
            if (!order.less(p, q)) {
                break;
            }
            heap[i] = q;
            q.heapIndex = i;
            i = parent;
        }
        heap[i] = p;
        p.heapIndex = i;
    }

    private void siftDown(int i, PodInfo p) {
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && order.less(heap[c + 1], heap[c])) {
                c++;
            }
            if (!order.less(heap[c], p)) {
                break;
            }
            heap[i] = heap[c];
            heap[i].heapIndex = i;
            i = c;
        }
        heap[i] = p;
        p.heapIndex = i;
    }
}
