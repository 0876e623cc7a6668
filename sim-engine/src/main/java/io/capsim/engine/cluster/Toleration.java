package io.capsim.engine.cluster;

import java.util.Objects;

/**
 * A pod's toleration of taints, with Kubernetes' matching rules ({@code ToleratesTaint}).
 *
 * @param key taint key to match; empty with {@link Operator#EXISTS} matches every key
 * @param operator {@link Operator#EQUAL} compares values; {@link Operator#EXISTS} ignores them
 * @param value value compared by {@link Operator#EQUAL}; must be empty for {@link Operator#EXISTS}
 * @param effect effect to match, or null to match every effect
 */
public record Toleration(String key, Operator operator, String value, TaintEffect effect) {

    /** How the value is matched. */
    public enum Operator {
        EQUAL,
        EXISTS
    }

    public Toleration {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        if (operator == Operator.EXISTS && !value.isEmpty()) {
            throw new IllegalArgumentException("toleration with operator Exists must have an empty value, not \"" + value + "\"");
        }
        if (key.isEmpty() && operator != Operator.EXISTS) {
            throw new IllegalArgumentException("toleration with an empty key must use operator Exists");
        }
    }

    /** Tolerates {@code key=value:effect}. */
    public static Toleration equal(String key, String value, TaintEffect effect) {
        return new Toleration(key, Operator.EQUAL, value, effect);
    }

    /** Tolerates every taint with {@code key}, any value, any effect. */
    public static Toleration exists(String key) {
        return new Toleration(key, Operator.EXISTS, "", null);
    }

    /** True if this toleration matches the taint. */
    public boolean tolerates(Taint taint) {
        if (effect != null && effect != taint.effect()) {
            return false;
        }
        if (!key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        return operator == Operator.EXISTS || value.equals(taint.value());
    }

    /** True if one of {@code tolerations} tolerates {@code taint} (what kube-scheduler's TaintToleration checks per taint). */
    public static boolean anyTolerates(java.util.List<Toleration> tolerations, Taint taint) {
        for (Toleration t : tolerations) {
            if (t.tolerates(taint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first of {@code taints} that repels a pod with {@code tolerations} (a NoSchedule or
     * NoExecute taint none tolerates, as kube-scheduler's TaintToleration filter finds it), or null.
     */
    public static Taint firstUntolerated(java.util.List<Taint> taints, java.util.List<Toleration> tolerations) {
        for (Taint t : taints) {
            if (t.effect() != TaintEffect.PREFER_NO_SCHEDULE && !anyTolerates(tolerations, t)) {
                return t;
            }
        }
        return null;
    }
}
