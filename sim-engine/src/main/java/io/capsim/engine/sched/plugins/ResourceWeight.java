package io.capsim.engine.sched.plugins;

import java.util.Objects;

/**
 * A resource a scoring strategy looks at, with its weight (KubeSchedulerConfiguration {@code
 * ResourceSpec}). Names: {@code cpu}, {@code memory}, {@code nvidia.com/gpu} (counted in
 * milli-GPU) or an extended resource name.
 *
 * @param name resource name, non-empty
 * @param weight in [1, 100]
 */
public record ResourceWeight(String name, int weight) {

    /** Name of the GPU resource. */
    public static final String GPU = "nvidia.com/gpu";

    public ResourceWeight {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("resource name must not be empty");
        }
    }
}
