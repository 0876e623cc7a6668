package io.capsim.engine.sched;

import io.capsim.engine.cluster.*;
import io.capsim.engine.sched.api.*;
import io.capsim.engine.sched.config.*;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.QosClass;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.ScoringStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTypesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // name, req cpu, req mem, lim cpu, lim mem, expected
        "nothing set,          0,    0,    0,    0, BEST_EFFORT",
        "requests equal limits, 500, 1024, 500, 1024, GUARANTEED",
        "limits only (requests default to them), 0, 0, 500, 1024, GUARANTEED",
        "requests only,        500, 1024,  0,    0, BURSTABLE",
        "limit above request,  500, 1024, 1000, 1024, BURSTABLE",
        "memory limit missing, 500, 1024, 500,  0, BURSTABLE"})
    void qosClassAsKubernetesDerivesIt(String name, long rc, long rm, long lc, long lm, QosClass expected) {
        PodSpec p = PodSpec.builder("p").requests(Resources.of(rc, rm)).limits(Resources.of(lc, lm)).build();
        assertEquals(expected, p.qosClass());
    }

    @Test
    void resourceInvariants() {
        assertThrows(IllegalArgumentException.class, () -> Resources.of(1, 1, 2, 500));
        assertThrows(IllegalArgumentException.class, () -> Resources.of(1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Resources.of(1, 1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> Resources.of(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> Resources.of(1, 1, 1, 1001));
        assertEquals(4000, Resources.of(1, 1, 4, 1000).gpuMilliTotal());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PodSpec.builder("p")
                .requests(Resources.of(1000, 1)).limits(Resources.of(500, 0)).build());
        assertEquals("pod p: CPU limit 500m is below the request 1000m", e.getMessage());
    }

    @Test
    void poolsExpandIntoLabelledNodes() {
        NodePoolSpec pool = new NodePoolSpec("a100", 3, 96000, 786432, 8, "A100", 81920, Map.of("tier", "gpu"), List.of(),
                Map.of(), List.of("z1", "z2"), 32.5, 1.5);
        List<NodeSpec> nodes = pool.nodes();
        assertEquals(3, nodes.size());
        assertEquals("a100-2", nodes.get(2).name());
        assertEquals(Map.of("tier", "gpu", NodeSpec.POOL_LABEL, "a100", NodeSpec.GPU_MODEL_LABEL, "A100",
                NodeSpec.HOSTNAME_LABEL, "a100-0", NodeSpec.ZONE_LABEL, "z1", NodeSpec.GPU_PRODUCT_LABEL, "A100",
                NodeSpec.GPU_COUNT_LABEL, "8", NodeSpec.GPU_MEMORY_LABEL, "81920"), nodes.get(0).labels());
        assertEquals("z2", nodes.get(1).labels().get(NodeSpec.ZONE_LABEL), "nodes spread over the zones in turn");
        assertEquals("z1", nodes.get(2).labels().get(NodeSpec.ZONE_LABEL));
        assertEquals(32.5, nodes.get(1).costPerNodeHour());
        assertEquals(1.5, nodes.get(1).speed());
        assertEquals(81920, nodes.get(1).gpuMemoryMiB());
    }

    @Test
    void everyBuiltInIsFoundByItsExactName() {
        var r = BuiltInPlugins.registry();
        for (var f : BuiltInPlugins.factories()) {
            assertEquals(f, r.find(f.name()).orElseThrow());
        }
        // 13 Kubernetes-style and capsim plugins, GpuSelection and the FGD paper's five baselines.
        assertEquals(19, r.names().size());
        assertEquals(true, r.find("fgd").isEmpty());
        for (String paper : List.of("FgdPaperBestFit", "FgdPaperGpuPacking", "FgdPaperGpuClustering",
                "FgdPaperDotProduct", "FgdPaperRandom", "GpuSelection")) {
            assertEquals(paper, r.find(paper).orElseThrow().name());
        }
        for (ScoringStrategy.Type t : ScoringStrategy.Type.values()) {
            assertEquals(t, ScoringStrategy.Type.byConfigName(t.configName()));
        }
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        SchedulerConfig c = SchedulerConfig.defaults();
        long s = io.capsim.engine.kernel.SimTime.SECOND;
        assertEquals(1 * s, c.backoff(1));
        assertEquals(2 * s, c.backoff(2));
        assertEquals(8 * s, c.backoff(4));
        assertEquals(10 * s, c.backoff(5));
        assertEquals(10 * s, c.backoff(100));
    }
}
