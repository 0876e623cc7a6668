package io.capsim.engine.run;

import io.capsim.engine.cluster.Resources;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns the requests a trace row carries (CPU, memory, total milli-GPU, accepted GPU models) into
 * a pod's requests over a job's template: what the row gives replaces the template's value, the
 * rest is kept. A total of up to 1000 milli-GPU is a share of one device; more takes whole devices
 * (rounded up).
 */
final class TraceRequests {

    private final Resources template;
    private final Map<String, Set<String>> models = new HashMap<>();

    TraceRequests(Resources template) {
        this.template = template;
    }

    /** The requests of the current row, or null when it carries none (the template applies). */
    Resources of(ArrivalCursor a) {
        long cpu = a.cpuMillis();
        long mem = a.memoryMiB();
        long gpu = a.gpuMillis();
        if (cpu < 0 && mem < 0 && gpu < 0) {
            return null;
        }
        int gpus = template.gpus();
        int per = template.gpuMilliPerGpu();
        if (gpu >= 0) {
            if (gpu == 0) {
                gpus = 0;
                per = 0;
            } else if (gpu <= Resources.GPU_MILLI) {
                gpus = 1;
                per = (int) gpu;
            } else {
                gpus = (int) ((gpu + Resources.GPU_MILLI - 1) / Resources.GPU_MILLI);
                per = Resources.GPU_MILLI;
            }
        }
        return new Resources(cpu >= 0 ? cpu : template.cpuMillis(), mem >= 0 ? mem : template.memoryMiB(), gpus, per,
                template.extended());
    }

    /** The accepted models of a {@code |}-separated list, or null for the template's. */
    Set<String> models(String spec) {
        if (spec == null) {
            return null;
        }
        return models.computeIfAbsent(spec, s -> {
            Set<String> out = new LinkedHashSet<>();
            for (String m : s.split("\\|")) {
                if (!m.isBlank()) {
                    out.add(m.trim());
                }
            }
            return Set.copyOf(out);
        });
    }
}
