package io.capsim.engine.cluster;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The extended resources the nodes declare (the names are fixed when the cluster is built, in
 * sorted order), with each node's capacity and allocation in flat arrays indexed {@code node *
 * names + k}. Part of {@link NodeTable}.
 */
final class ExtendedResources {

    private final String[] names;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private long[] capacity = new long[0];
    private long[] used = new long[0];

    ExtendedResources(Collection<NodeSpec> nodes) {
        TreeSet<String> all = new TreeSet<>();
        for (NodeSpec n : nodes) {
            all.addAll(n.extended().keySet());
        }
        names = all.toArray(new String[0]);
        for (int k = 0; k < names.length; k++) {
            index.put(names[k], k);
        }
    }

    /** Adds node {@code i} (the next index) with its capacity of each known resource. */
    void add(int i, NodeSpec n) {
        int e = names.length;
        if ((i + 1) * e > capacity.length) {
            int m = Math.max(4, Math.max(i + 1, capacity.length / Math.max(1, e) * 2)) * e;
            capacity = Arrays.copyOf(capacity, m);
            used = Arrays.copyOf(used, m);
        }
        for (var entry : n.extended().entrySet()) {
            Integer k = index.get(entry.getKey());
            if (k != null) {
                capacity[i * e + k] = entry.getValue();
            }
        }
    }

    /** The names, shared: not to be changed. */
    String[] names() {
        return names;
    }

    int count() {
        return names.length;
    }

    int index(String name) {
        Integer k = index.get(name);
        return k == null ? -1 : k;
    }

    long capacity(int i, int k) {
        return capacity[i * names.length + k];
    }

    long used(int i, int k) {
        return used[i * names.length + k];
    }

    /** True if node {@code i} has room for {@code request} (indexed as {@link #names()}). */
    boolean fits(int i, long[] request) {
        int e = names.length;
        for (int k = 0; k < e; k++) {
            if (used[i * e + k] + request[k] > capacity[i * e + k]) {
                return false;
            }
        }
        return true;
    }

    /** Adds {@code sign * request} to node {@code i}'s allocation. */
    void allocate(int i, long[] request, int sign) {
        int e = names.length;
        for (int k = 0; k < e; k++) {
            used[i * e + k] += sign * request[k];
        }
    }
}
