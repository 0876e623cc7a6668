package io.capsim.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetWorkloadTest {

    private static final PodSpec A = PodSpec.builder("a").requests(Resources.of(1000, 1024, 1, 1000)).build();
    private static final PodSpec A_COPY = PodSpec.builder("a2").requests(Resources.of(1000, 1024, 1, 1000)).build();
    private static final PodSpec B = PodSpec.builder("b").requests(Resources.of(2000, 1024, 1, 500))
            .gpuModels(Set.of("T4")).build();
    private static final PodSpec CPU_ONLY = PodSpec.builder("c").requests(Resources.of(500, 512)).build();

    @Test
    void runsOfOneTemplateCountAsMuchAsEqualCopies() {
        // A three times (one object, as a service's replicas), B once, an equal copy of A once: A 4/5, B 1/5.
        TargetWorkload w = TargetWorkload.fromPods(List.of(A, A, B, A, A_COPY), 1.0, false);
        assertEquals(2, w.shapes().size());
        assertShape(w.shapes().get(0), 1000, 1, 1000, Set.of(), 0.8);
        assertShape(w.shapes().get(1), 2000, 1, 500, Set.of("T4"), 0.2);
    }

    @Test
    void thePopularityThresholdKeepsTheCommonestShapesOnly() {
        // 4 of 5 pods are A: A alone covers 0.75 of them, so B is dropped and A takes probability 1.
        TargetWorkload w = TargetWorkload.fromPods(List.of(A, A, B, A_COPY, A), 0.75, false);
        assertEquals(1, w.shapes().size());
        assertShape(w.shapes().get(0), 1000, 1, 1000, Set.of(), 1.0);
    }

    @Test
    void cpuOnlyPodsCountOnlyWhenAsked() {
        assertSame(TargetWorkload.EMPTY, TargetWorkload.fromPods(List.of(CPU_ONLY, CPU_ONLY), 1.0, false));
        TargetWorkload w = TargetWorkload.fromPods(List.of(CPU_ONLY, A, CPU_ONLY, CPU_ONLY), 1.0, true);
        assertShape(w.shapes().get(0), 500, 0, 0, Set.of(), 0.75);
        assertShape(w.shapes().get(1), 1000, 1, 1000, Set.of(), 0.25);
    }

    private static void assertShape(TargetWorkload.Shape s, long cpu, int gpus, int milli, Set<String> models, double p) {
        assertEquals(cpu, s.cpuMillis());
        assertEquals(gpus, s.gpus());
        assertEquals(milli, s.gpuMilliPerGpu());
        assertEquals(models, s.gpuModels());
        assertEquals(p, s.probability(), 1e-12);
    }
}
