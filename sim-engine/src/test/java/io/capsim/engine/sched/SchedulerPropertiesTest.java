package io.capsim.engine.sched;

import io.capsim.engine.cluster.*;
import io.capsim.engine.sched.api.*;
import io.capsim.engine.sched.config.*;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.SimTime;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SchedulerPropertiesTest {

    /**
     * Any mix of pods (whole GPUs, shares, CPU-only, various priorities and durations) on any small
     * cluster, under any of the policies: no node ever has more allocated than its capacity, per
     * resource and per GPU device, the cluster totals equal the sum over placed pods, and each
     * node's lowest pod priority (which preemption consults) is the lowest of its pods', and the
     * count of devices with room (kept per node for the filters) is what the devices say.
     */
    @Property(tries = 60)
    void allocationNeverExceedsCapacity(@ForAll @IntRange(min = 1, max = 6) int nodeCount,
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 9999) Integer> podSeeds,
            @ForAll @IntRange(min = 0, max = 4) int policy, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            int gpus = new int[] {0, 1, 2, 4, 8}[i % 5];
            nodes.add(NodeSpec.of("n" + i, 8000 + 4000L * (i % 3), 16384, gpus, gpus > 0 ? "T4" : ""));
        }
        SchedulerProfile profile = policy == 4 ? BuiltInProfiles.kubernetesDefault()
                : BuiltInProfiles.byName(BuiltInProfiles.NAMES.get(policy));
        List<PodSpec> specs = new ArrayList<>();
        for (int k = 0; k < podSeeds.size(); k++) {
            int v = podSeeds.get(k);
            int gpus = new int[] {0, 1, 1, 2, 4}[v % 5];
            int milli = gpus == 1 && v % 2 == 0 ? 100 + (v % 9) * 100 : gpus == 0 ? 0 : 1000;
            specs.add(PodSpec.builder("p" + k).requests(Resources.of(500 + (v % 7) * 1000, 512 + (v % 5) * 2048, gpus, milli))
                    .priority(v % 3).durationTicks((1 + v % 4) * SimTime.SECOND).build());
        }
        Kit k = new Kit(nodes, profile.withPercentageOfNodesToScore(100), SchedulerConfig.defaults(),
                TargetWorkload.fromPods(specs, 1.0, true));
        for (int i = 0; i < specs.size(); i++) {
            k.submit(specs.get(i), (i % 10) * SimTime.MILLISECOND * 300);
        }
        for (long t = 0; t < 20 * SimTime.SECOND; t += 100 * SimTime.MILLISECOND) {
            k.sim.runUntil(t);
            check(k.cluster, k.scheduler);
        }
    }

    private static void check(ClusterState c, Scheduler s) {
        long cpu = 0;
        long gpu = 0;
        for (int i = 0; i < c.size(); i++) {
            assertTrue(c.cpuUsed(i) <= c.cpuCapacity(i));
            assertTrue(c.memoryUsed(i) <= c.memoryCapacity(i));
            for (int d = 0; d < c.gpuCount(i); d++) {
                assertTrue(c.gpuFree(i, d) >= 0 && c.gpuFree(i, d) <= 1000);
            }
        }
        for (Pod p : c.pods()) {
            if (p.node() >= 0) {
                cpu += p.requests().cpuMillis();
                gpu += p.requests().gpuMilliTotal();
                assertEquals(p.requests().gpus(), Long.bitCount(p.deviceMask()));
            }
        }
        assertEquals(cpu, c.cpuUsedTotal());
        assertEquals(gpu, c.gpuMilliUsedTotal());
        for (int i = 0; i < c.size(); i++) {
            int low = Integer.MAX_VALUE;
            for (Pod p : c.pods()) {
                if (p.node() == i) {
                    low = Math.min(low, p.priority());
                }
            }
            assertEquals(low, c.lowestPriorityOn(i), "lowest priority on node " + i);
            for (int milli : new int[] {1, 100, 500, 999, 1000}) {
                int with = 0;
                for (int d = 0; d < c.gpuCount(i); d++) {
                    if (c.gpuFree(i, d) >= milli) {
                        with++;
                    }
                }
                assertEquals(with, c.devicesWithFree(i, milli), "devices with " + milli + " free on node " + i);
            }
        }
    }

    /** The pod heap pops in QueueSort order for any mix of adds and removals. */
    @Property(tries = 200)
    void podHeapPopsInOrder(@ForAll @Size(max = 200) List<@IntRange(min = -3, max = 3) Integer> ops) {
        ClusterState c = new ClusterState(List.of(NodeSpec.of("n", 1, 1, 0, "")));
        PodHeap heap = new PodHeap((a, b) -> a.pod.priority() > b.pod.priority()
                || (a.pod.priority() == b.pod.priority() && a.pod.id() < b.pod.id()));
        PriorityQueue<QueuedPod> model = new PriorityQueue<>((a, b) -> a.pod.priority() != b.pod.priority()
                ? Integer.compare(b.pod.priority(), a.pod.priority()) : Long.compare(a.pod.id(), b.pod.id()));
        List<QueuedPod> live = new ArrayList<>();
        int id = 0;
        for (int op : ops) {
            if (op >= 0 || live.isEmpty()) {
                QueuedPod p = new QueuedPod(c.createPod(PodSpec.builder("p" + id).priority(Math.abs(op)).build(), 0, 0),
                        null, 0);
                id++;
                heap.add(p);
                model.add(p);
                live.add(p);
            } else if (op == -1) {
                QueuedPod p = live.remove((id * 7) % live.size());
                assertTrue(heap.remove(p));
                model.remove(p);
            } else {
                QueuedPod a = heap.poll();
                assertEquals(model.poll(), a);
                live.remove(a);
            }
        }
        while (!model.isEmpty()) {
            assertEquals(model.poll(), heap.poll());
        }
        assertTrue(heap.isEmpty());
    }
}
