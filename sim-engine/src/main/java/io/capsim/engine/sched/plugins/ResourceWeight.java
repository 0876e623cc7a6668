package io.capsim.engine.sched.plugins;

import java.util.List;

import java.util.ArrayList;

import io.capsim.engine.sched.api.ArgsReader;

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

    /** The {@code {name, weight}} items of the list under {@code key} (weight defaults to 1). */
    static List<ResourceWeight> readList(ArgsReader r, String key) {
        List<ResourceWeight> out = new ArrayList<>();
        for (ArgsReader item : r.maps(key)) {
            String name = item.string("name", true, null);
            int weight = (int) item.integer("weight", false, 1, 1, 100);
            item.finish();
            if (name != null && !name.isEmpty()) {
                out.add(new ResourceWeight(name, weight));
            }
        }
        return out;
    }
}
