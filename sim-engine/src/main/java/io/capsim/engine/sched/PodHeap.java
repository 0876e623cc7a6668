package io.capsim.engine.sched;

import java.util.Arrays;

/** A binary min-heap of queued pods with removal by position (index kept in the queued pod). */
final class PodHeap {

    interface Order {
        boolean less(QueuedPod a, QueuedPod b);
    }

    private final Order order;
    private QueuedPod[] heap = new QueuedPod[64];
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

    QueuedPod peek() {
        return size == 0 ? null : heap[0];
    }

    void add(QueuedPod p) {
        if (p.heapIndex >= 0) {
            throw new IllegalStateException(p + " is already queued");
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, p);
    }

    QueuedPod poll() {
        if (size == 0) {
            return null;
        }
        QueuedPod top = heap[0];
        removeAt(0);
        return top;
    }

    boolean remove(QueuedPod p) {
        int i = p.heapIndex;
        if (i < 0 || i >= size || heap[i] != p) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int i) {
        QueuedPod removed = heap[i];
        removed.heapIndex = -1;
        QueuedPod last = heap[--size];
        heap[size] = null;
        if (i < size) {
            if (i > 0 && order.less(last, heap[(i - 1) >>> 1])) {
                siftUp(i, last);
            } else {
                siftDown(i, last);
            }
        }
    }

    private void siftUp(int i, QueuedPod p) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            QueuedPod q = heap[parent];
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

    private void siftDown(int i, QueuedPod p) {
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
