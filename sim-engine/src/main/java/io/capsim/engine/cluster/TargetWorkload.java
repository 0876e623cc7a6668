package io.capsim.engine.cluster;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pod mix a cluster is expected to run: pod shapes with their popularity. FGD measures
 * fragmentation against it (Weng et al., "Beware of Fragmentation", USENIX ATC'23, Sec. 3).
 *
 * @param shapes distinct shapes, most popular first; probabilities sum to 1 (or the list is empty)
 */
public record TargetWorkload(List<Shape> shapes) {

    /** No workload: fragmentation is 0 everywhere. */
    public static final TargetWorkload EMPTY = new TargetWorkload(List.of());

    /**
     * One pod shape. Memory is not part of it, as in the paper's fragmentation measure.
     *
     * @param cpuMillis CPU request, millicores
     * @param gpus GPU devices requested
     * @param gpuMilliPerGpu share of each device, milli-GPU (0 when {@code gpus == 0})
     * @param gpuModels accepted GPU models; empty accepts all
     * @param probability popularity in (0, 1]
     */
    public record Shape(long cpuMillis, int gpus, int gpuMilliPerGpu, Set<String> gpuModels, double probability) {
        public Shape {
            gpuModels = java.util.Collections.unmodifiableSet(new TreeSet<>(gpuModels));
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability " + probability + " is not in (0, 1]");
            }
            if (cpuMillis < 0 || gpus < 0 || gpuMilliPerGpu < 0 || gpuMilliPerGpu > 1000) {
                throw new IllegalArgumentException("bad shape " + cpuMillis + "m, " + gpus + " x " + gpuMilliPerGpu);
            }
        }
    }

    public TargetWorkload {
        shapes = List.copyOf(shapes);
        double sum = 0;
        for (Shape s : shapes) {
            sum += s.probability();
        }
        if (!shapes.isEmpty() && Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("shape probabilities sum to " + sum + ", not 1");
        }
    }

    /**
     * The typical pods of a pod list, as the paper's simulator builds them: shapes (CPU, GPU count,
     * GPU share, models) counted, sorted by count (most popular first; ties by CPU, share, count
     * and models), the most popular kept until they cover {@code popularityThreshold} of the pods,
     * then renormalised. The paper's experiments keep 95% and include CPU-only pods.
     *
     * @param popularityThreshold share of pods to cover, in (0, 1]
     * @param includeCpuOnly whether pods without GPUs count
     */
    public static TargetWorkload fromPods(List<PodSpec> pods, double popularityThreshold, boolean includeCpuOnly) {
        if (!(popularityThreshold > 0 && popularityThreshold <= 1)) {
            throw new IllegalArgumentException("popularityThreshold " + popularityThreshold + " is not in (0, 1]");
        }
        record Key(long cpu, int gpus, int milli, String models) {}
        Map<Key, long[]> counts = new LinkedHashMap<>();
        Map<Key, Set<String>> modelSets = new LinkedHashMap<>();
        long total = 0;
        PodSpec last = null; // a run of the same template (a service's replicas) is counted without hashing
        long[] lastCount = null;
        for (PodSpec p : pods) {
            var r = p.requests();
            if (!includeCpuOnly && r.gpus() == 0) {
                continue;
            }
            if (p != last) {
                Key k = new Key(r.cpuMillis(), r.gpus(), r.gpuMilliPerGpu(), String.join("|", p.gpuModels()));
                lastCount = counts.computeIfAbsent(k, x -> new long[1]);
                modelSets.putIfAbsent(k, p.gpuModels());
                last = p;
            }
            lastCount[0]++;
            total++;
        }
        if (total == 0) {
            return EMPTY;
        }
        List<Key> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.<Key>comparingLong(k -> -counts.get(k)[0])
                .thenComparingLong(Key::cpu).thenComparingInt(Key::milli).thenComparingInt(Key::gpus)
                .thenComparing(Key::models));
        List<Key> kept = new ArrayList<>();
        long covered = 0;
        for (Key k : keys) {
            if (covered >= popularityThreshold * total) {
                break;
            }
            kept.add(k);
            covered += counts.get(k)[0];
        }
        List<Shape> shapes = new ArrayList<>();
        double acc = 0;
        for (int i = 0; i < kept.size(); i++) {
            Key k = kept.get(i);
            double p = i == kept.size() - 1 ? 1 - acc : counts.get(k)[0] / (double) covered;
            acc += p;
            shapes.add(new Shape(k.cpu(), k.gpus(), k.milli(), modelSets.get(k), Math.min(1, Math.max(p, Double.MIN_NORMAL))));
        }
        return new TargetWorkload(shapes);
    }

    /** Shapes and probabilities as given. */
    public static TargetWorkload of(List<Shape> shapes) {
        return new TargetWorkload(Objects.requireNonNull(shapes));
    }
}
