package io.capsim.engine.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * The topology domains of the nodes per label key (zone, hostname, ...): each node's domain as a
 * small id, -1 where the node lacks the label, computed once per key and forgotten when a node is
 * added. A node without a {@code kubernetes.io/hostname} label is in the domain of its name. Part
 * of {@link NodeTable}.
 */
final class TopologyDomains {

    private final Map<String, int[]> domains = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    /** Each node's domain for {@code key}; the array is shared, not to be changed. */
    int[] of(String key, NodeSpec[] specs, int size) {
        int[] d = domains.get(key);
        if (d == null) {
            d = new int[size];
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < size; i++) {
                String v = specs[i].labels().get(key);
                if (v == null && key.equals(NodeSpec.HOSTNAME_LABEL)) {
                    v = specs[i].name();
                }
                if (v == null) {
                    d[i] = -1;
                } else {
                    Integer id = ids.get(v);
                    if (id == null) {
                        id = ids.size();
                        ids.put(v, id);
                    }
                    d[i] = id;
                }
            }
            domains.put(key, d);
            counts.put(key, ids.size());
        }
        return d;
    }

    /** Number of distinct domains for {@code key}. */
    int count(String key, NodeSpec[] specs, int size) {
        of(key, specs, size);
        return counts.get(key);
    }

    /** Forgets every key's domains (a node was added). */
    void clear() {
        domains.clear();
        counts.clear();
    }
}
