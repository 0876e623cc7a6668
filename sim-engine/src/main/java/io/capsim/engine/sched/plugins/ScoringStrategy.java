package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ArgsReader;

import io.capsim.engine.sched.api.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How NodeResourcesFit scores (KubeSchedulerConfiguration {@code ScoringStrategy}).
 *
 * @param type the strategy
 * @param resources resources looked at, with weights; at least one
 * @param shape for {@link Type#REQUESTED_TO_CAPACITY_RATIO}: points (utilization % -> score 0..10)
 *     with strictly increasing utilization; empty for the other types
 */
public record ScoringStrategy(Type type, List<ResourceWeight> resources, List<ShapePoint> shape) {

    /** Strategy types, named as in Kubernetes. */
    public enum Type {
        LEAST_ALLOCATED("LeastAllocated"),
        MOST_ALLOCATED("MostAllocated"),
        REQUESTED_TO_CAPACITY_RATIO("RequestedToCapacityRatio");

        private final String configName;

        Type(String configName) {
            this.configName = configName;
        }

        /** Name as written in KubeSchedulerConfiguration. */
        public String configName() {
            return configName;
        }

        /** The type with this configuration name (exact match), or null. */
        public static Type byConfigName(String name) {
            for (Type t : values()) {
                if (t.configName.equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * A point of the requested-to-capacity shape.
     *
     * @param utilization in [0, 100]
     * @param score in [0, 10]
     */
    public record ShapePoint(int utilization, int score) {}

    public ScoringStrategy {
        Objects.requireNonNull(type, "type");
        resources = List.copyOf(resources);
        shape = List.copyOf(shape);
    }

    /** kube-scheduler's default: LeastAllocated on cpu and memory, weight 1 each. */
    public static ScoringStrategy defaults() {
        return of(Type.LEAST_ALLOCATED);
    }

    /** The type over cpu and memory, weight 1 each. */
    public static ScoringStrategy of(Type type) {
        return new ScoringStrategy(type, List.of(new ResourceWeight("cpu", 1), new ResourceWeight("memory", 1)), List.of());
    }

    /**
     * Reads a {@code scoringStrategy} map as KubeSchedulerConfiguration writes it: {@code type},
     * {@code resources[] {name, weight}} and {@code requestedToCapacityRatio.shape[] {utilization,
     * score}}. Problems of form are added to the reader's list with their paths; the strategy's own
     * checks are {@link #validate()}'s, run by the framework. Null if a field could not be read.
     */
    static ScoringStrategy read(ArgsReader f) {
        int before = f.problemCount();
        List<String> types = new ArrayList<>();
        for (Type t : Type.values()) {
            types.add(t.configName());
        }
        Type type = Type.byConfigName(f.choice("type", false, Type.LEAST_ALLOCATED.configName(), types));
        List<ResourceWeight> resources = f.has("resources") ? ResourceWeight.readList(f, "resources")
                : of(type).resources();
        List<ShapePoint> shape = new ArrayList<>();
        ArgsReader ratio = f.map("requestedToCapacityRatio");
        if (ratio != null) {
            for (ArgsReader pf : ratio.maps("shape")) {
                int u = (int) pf.integer("utilization", true, 0, 0, 100);
                int sc = (int) pf.integer("score", true, 0, 0, 10);
                pf.finish();
                shape.add(new ShapePoint(u, sc));
            }
            ratio.finish();
        }
        f.finish();
        return f.problemCount() > before ? null : new ScoringStrategy(type, resources, shape);
    }

    /**
     * Problems, with paths under {@code scoringStrategy}; empty when valid (Kubernetes {@code
     * validation_pluginargs.go}).
     */
    public List<ConfigProblem> validate() {
        List<ConfigProblem> out = new ArrayList<>();
        if (resources.isEmpty()) {
            out.add(ConfigProblem.at("scoringStrategy.resources", "at least one resource is required"));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < resources.size(); k++) {
            ResourceWeight r = resources.get(k);
            if (r.weight() < 1 || r.weight() > 100) {
                out.add(ConfigProblem.at("scoringStrategy.resources[" + k + "].weight", r.weight(),
                        r.weight() + " is not in [1, 100]"));
            }
            if (!seen.add(r.name())) {
                out.add(ConfigProblem.at("scoringStrategy.resources[" + k + "].name", r.name(),
                        "duplicate resource \"" + r.name() + "\""));
            }
        }
        if (type == Type.REQUESTED_TO_CAPACITY_RATIO) {
            if (shape.isEmpty()) {
                out.add(ConfigProblem.at("scoringStrategy.requestedToCapacityRatio.shape",
                        "at least one point is required"));
            }
            for (int k = 0; k < shape.size(); k++) {
                ShapePoint p = shape.get(k);
                if (p.utilization() < 0 || p.utilization() > 100) {
                    out.add(ConfigProblem.at("scoringStrategy.requestedToCapacityRatio.shape[" + k + "].utilization",
                            p.utilization(), p.utilization() + " is not in [0, 100]"));
                }
                if (p.score() < 0 || p.score() > 10) {
                    out.add(ConfigProblem.at("scoringStrategy.requestedToCapacityRatio.shape[" + k + "].score",
                            p.score(), p.score() + " is not in [0, 10]"));
                }
                if (k > 0 && p.utilization() <= shape.get(k - 1).utilization()) {
                    out.add(ConfigProblem.at("scoringStrategy.requestedToCapacityRatio.shape[" + k + "].utilization",
                            p.utilization(), p.utilization() + " must be greater than the previous point's "
                            + shape.get(k - 1).utilization()));
                }
            }
        } else if (!shape.isEmpty()) {
            out.add(ConfigProblem.at("scoringStrategy.requestedToCapacityRatio",
                    "only allowed with type RequestedToCapacityRatio"));
        }
        return out;
    }
}
