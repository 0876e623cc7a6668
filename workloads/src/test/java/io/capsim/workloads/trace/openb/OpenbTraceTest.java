package io.capsim.workloads.trace.openb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.workload.PodArrival;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenbTraceTest {

    @Test
    void shippedNodeListMatchesTheReadme() {
        List<NodeSpec> nodes = OpenbTrace.gpuNodes();
        assertEquals(1213, nodes.size());
        assertEquals(6212, nodes.stream().mapToInt(NodeSpec::gpus).sum());
        assertEquals(549, nodes.stream().filter(n -> n.gpuModel().equals("G2")).count());
        NodeSpec first = nodes.get(0);
        assertEquals("openb-node-0000", first.name());
        assertEquals(64000, first.cpuMillis());
        assertEquals(262144, first.memoryMiB());
        assertEquals("P100", first.gpuModel());
    }

    @Test
    void shippedPodListMatchesTheReadme() {
        List<PodArrival> pods = OpenbTrace.defaultPods();
        assertEquals(8152, pods.size());
        List<PodSpec> specs = OpenbTrace.specs(pods);
        assertEquals(1088, specs.stream().filter(p -> p.requests().gpus() == 0).count());
        assertEquals(6989, specs.stream().filter(p -> p.requests().gpus() == 1).count());
        assertEquals(44, specs.stream().filter(p -> p.requests().gpus() == 8).count());
        assertEquals(3078, specs.stream().filter(p -> p.requests().isGpuShare()).count());
        // openb-pod-0001,6000,12288,1,460,,LS,Running,427061,12902960,427061
        PodArrival p1 = pods.get(1);
        assertEquals("openb-pod-0001", p1.spec().name());
        assertEquals(460, p1.spec().requests().gpuMilliPerGpu());
        assertEquals(SimTime.ofSeconds(427061), p1.creationTicks());
        assertEquals(SimTime.ofSeconds(12902960 - 427061), p1.spec().durationTicks());
        assertEquals("LS", p1.spec().labels().get("alibaba.com/qos"));
    }

    @Test
    void pendingPodDurationCountsFromCreationAndGpuSpecIsASet() {
        String csv = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n"
                + "p,11908,47104,1,1000,V100M16|V100M32|V100M32,BE,Pending,10001278,10001403,\n";
        PodArrival p = OpenbTrace.readPods(new StringReader(csv), "t.csv").get(0);
        assertEquals(SimTime.ofSeconds(125), p.spec().durationTicks());
        assertEquals(Set.of("V100M16", "V100M32"), p.spec().gpuModels());
    }

    @Test
    void multiGpuFilesWithoutTimesAreRead() {
        String csv = "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np,8000,1024,2,1000\n";
        PodArrival p = OpenbTrace.readPods(new StringReader(csv), "m.csv").get(0);
        assertEquals(0, p.creationTicks());
        assertEquals(-1, p.spec().durationTicks());
        assertEquals(2000, p.spec().requests().gpuMilliTotal());
    }

    @Test
    void badRowsNameFileAndLine() {
        String header = "name,cpu_milli,memory_mib,num_gpu,gpu_milli\n";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OpenbTrace.readPods(new StringReader(header + "a,1,1,0,0\nb,x,1,0,0\n"), "bad.csv"));
        assertEquals("bad.csv:3: column 2: \"x\" is not an integer", e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> OpenbTrace.readPods(new StringReader(header + "a,1,1,2,500\n"), "bad.csv"));
        assertEquals("bad.csv:2: a request of 2 GPUs takes whole devices: gpuMilliPerGpu must be 1000, not 500", e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> OpenbTrace.readPods(new StringReader(header + "a,1,1\n"), "bad.csv"));
        assertEquals("bad.csv:2: 3 fields, header has 5", e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> OpenbTrace.readNodes(new StringReader("sn,cpu_milli,gpu,model\n"), "n.csv"));
        assertEquals("n.csv:1: missing column \"memory_mib\" (found [sn, cpu_milli, gpu, model])", e.getMessage());
    }
}
