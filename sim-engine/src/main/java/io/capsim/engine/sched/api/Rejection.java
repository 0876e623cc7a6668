package io.capsim.engine.sched.api;

import java.util.Objects;

/**
 * Why a filter rejected a node, as Kubernetes' {@code fit.go} explains an insufficient resource.
 *
 * @param plugin filter plugin name
 * @param node node name
 * @param reason short reason, used to group nodes in the diagnosis (for example {@code
 *     Insufficient cpu})
 * @param resource resource concerned, or empty for non-resource reasons
 * @param requested amount requested by the pod in the resource's unit, or 0
 * @param used amount already allocated on the node, or 0
 * @param capacity allocatable amount on the node, or 0
 */
public record Rejection(String plugin, String node, String reason, String resource, long requested, long used, long capacity) {

    public Rejection {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(resource, "resource");
    }

    /** A non-resource rejection. */
    public static Rejection of(String plugin, String node, String reason) {
        return new Rejection(plugin, node, reason, "", 0, 0, 0);
    }

    @Override
    public String toString() {
        if (resource.isEmpty()) {
            return plugin + " rejected " + node + ": " + reason;
        }
        return plugin + " rejected " + node + ": " + reason + " (requested " + requested + ", used " + used
                + ", capacity " + capacity + ")";
    }
}
