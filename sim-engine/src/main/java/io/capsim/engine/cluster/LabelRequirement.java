package io.capsim.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node-selector requirement on a label, as in Kubernetes' {@code NodeSelectorRequirement}.
 *
 * @param key label key, non-empty
 * @param operator how {@code values} are used
 * @param values for IN and NOT_IN at least one value; for EXISTS and DOES_NOT_EXIST none; for GT
 *     and LT exactly one integer
 */
public record LabelRequirement(String key, Operator operator, List<String> values) {

    /** Kubernetes node-selector operators. */
    public enum Operator {
        IN,
        NOT_IN,
        EXISTS,
        DOES_NOT_EXIST,
        GT,
        LT
    }

    public LabelRequirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("label requirement key must not be empty");
        }
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(operator + " on " + key + " needs at least one value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException(operator + " on " + key + " takes no values");
                }
            }
            case GT, LT -> {
                if (values.size() != 1) {
                    throw new IllegalArgumentException(operator + " on " + key + " takes exactly one value");
                }
                try {
                    Long.parseLong(values.get(0));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(operator + " on " + key + ": \"" + values.get(0) + "\" is not an integer", e);
                }
            }
        }
    }

    /** {@code key In (values)}. */
    public static LabelRequirement in(String key, String... values) {
        return new LabelRequirement(key, Operator.IN, List.of(values));
    }

    /** True if the labels satisfy this requirement. */
    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case IN -> v != null && values.contains(v);
            case NOT_IN -> v == null || !values.contains(v);
            case EXISTS -> v != null;
            case DOES_NOT_EXIST -> v == null;
            case GT -> v != null && parse(v) != null && parse(v) > Long.parseLong(values.get(0));
            case LT -> v != null && parse(v) != null && parse(v) < Long.parseLong(values.get(0));
        };
    }

    private static Long parse(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
