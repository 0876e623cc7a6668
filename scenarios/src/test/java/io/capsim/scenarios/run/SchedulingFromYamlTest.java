package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.SchedulerResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scheduling feature a scenario can switch on, each from a YAML file read and run as the CLI
 * does (ScenarioReader, ScenarioRunner), with the placements read off the cluster at the end.
 */
class SchedulingFromYamlTest {

    @TempDir
    Path tmp;

    /** A finished run and its cluster. */
    record Run(RunResult result, ClusterState cluster) {
        /** Node names of the live pods of an owner ("chat", "train"...), sorted. */
        List<String> nodesOf(String owner) {
            List<String> out = new ArrayList<>();
            for (Pod p : cluster.pods()) {
                if (p.spec().owner().name().equals(owner) && p.node() >= 0) {
                    out.add(cluster.node(p.node()).name());
                }
            }
            out.sort(null);
            return out;
        }

        /** Live pods of an owner per label value of their node. */
        Map<String, Integer> byNodeLabel(String owner, String label) {
            Map<String, Integer> out = new TreeMap<>();
            for (Pod p : cluster.pods()) {
                if (p.spec().owner().name().equals(owner) && p.node() >= 0) {
                    out.merge(cluster.node(p.node()).labels().get(label), 1, Integer::sum);
                }
            }
            return out;
        }

        ServiceResult service(String name) {
            return result.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        }

        JobResult job(String name) {
            return result.jobs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private Run run(String yaml, String... overrides) throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, yaml);
        Scenario s = ScenarioReader.read(f, List.of(overrides));
        ScenarioRunner.Prepared p = ScenarioRunner.prepare(s);
        RunResult r = ScenarioRunner.finish(s, p, null).result();
        return new Run(r, p.simulation().cluster());
    }

    private static final String HEAD = String.join("\n",
            "name: t",
            "seed: 3",
            "duration: 10m",
            "warmup: 1m",
            "");

    private static final String SERVICE_TAIL = String.join("\n",
            "    concurrency: 2",
            "    serviceTime: {type: exponential, mean: 50ms}",
            "arrivals:",
            "  load: {service: chat, process: poisson, rate: 10}",
            "");

    @Test
    void requiredNodeAffinityAndNodeSelectorConfinePodsAndAnImpossibleOneIsReported() throws IOException {
        String yaml = HEAD + String.join("\n",
                "nodePools:",
                "  big: {count: 2, cpu: 16, memory: 64Gi, labels: {disk: ssd}}",
                "  small: {count: 4, cpu: 16, memory: 64Gi, labels: {disk: hdd}}",
                "services:",
                "  mars:",
                "    replicas: 1",
                "    resources: {cpu: 1, memory: 1Gi}",
                "    nodeSelector: {zone: mars}",
                "    serviceTime: {type: constant, value: 1ms}",
                "  chat:",
                "    replicas: 4",
                "    resources: {cpu: 2, memory: 4Gi}",
                "    affinity:",
                "      nodeAffinity:",
                "        requiredDuringSchedulingIgnoredDuringExecution:",
                "          nodeSelectorTerms: [{matchExpressions: [{key: disk, operator: In, values: [ssd]}]}]",
                SERVICE_TAIL);
        Run r = run(yaml);
        assertEquals(Map.of("big", 4), r.byNodeLabel("chat", NodeSpec.POOL_LABEL));
        SchedulerResult.Unschedulable u = r.result().scheduler().unschedulable().get(0);
        assertEquals("service mars", u.owner());
        assertTrue(u.neverSchedulable());
        assertTrue(u.reason().startsWith("0/6 nodes are available: 6 node(s) didn't match Pod's node affinity/selector"),
                u.reason());
    }

    @Test
    void preferredNodeAffinityWinsWhileThereIsRoom() throws IOException {
        String yaml = HEAD + String.join("\n",
                "nodePools:",
                "  fast: {count: 1, cpu: 8, memory: 64Gi, labels: {tier: fast}}",
                "  slow: {count: 2, cpu: 8, memory: 64Gi, labels: {tier: slow}}",
                "services:",
                "  chat:",
                "    replicas: 6",
                "    resources: {cpu: 2, memory: 4Gi}",
                "    affinity:",
                "      nodeAffinity:",
                "        preferredDuringSchedulingIgnoredDuringExecution:",
                "          - {weight: 80, preference: {matchExpressions: [{key: tier, operator: In, values: [fast]}]}}",
                SERVICE_TAIL);
        Run r = run(yaml);
        // 4 replicas of 2 CPU fill the preferred 8-CPU node; the other 2 go to the slow pool.
        assertEquals(Map.of("fast", 4, "slow", 2), r.byNodeLabel("chat", NodeSpec.POOL_LABEL));
    }

    @Test
    void taintsKeepOutPodsThatDoNotTolerateThem() throws IOException {
        String yaml = HEAD + String.join("\n",
                "nodePools:",
                "  gpu: {count: 2, cpu: 16, memory: 64Gi, taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}",
                "  soft: {count: 2, cpu: 16, memory: 64Gi, taints: [{key: spot, effect: PreferNoSchedule}]}",
                "  plain: {count: 1, cpu: 4, memory: 64Gi}",
                "services:",
                "  tolerant:",
                "    replicas: 2",
                "    resources: {cpu: 2, memory: 4Gi}",
                "    tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]",
                "    nodeSelector: {capsim.io/pool: gpu}",
                "    serviceTime: {type: constant, value: 1ms}",
                "  chat:",
                "    replicas: 4",
                "    resources: {cpu: 2, memory: 4Gi}",
                SERVICE_TAIL);
        Run r = run(yaml);
        // chat: never on the NoSchedule pool; PreferNoSchedule is avoided while the plain node has
        // room (2 replicas of 2 CPU fill its 4), the rest go to the soft-tainted pool.
        assertEquals(Map.of("plain", 2, "soft", 2), r.byNodeLabel("chat", NodeSpec.POOL_LABEL));
        assertEquals(Map.of("gpu", 2), r.byNodeLabel("tolerant", NodeSpec.POOL_LABEL));
    }

    private static final String PREEMPTION = HEAD + String.join("\n",
            "priorityClasses:",
            "  high: {value: 1000}",
            "  low: {value: 10}",
            "nodePools:",
            "  pool: {count: 2, cpu: 8, memory: 32Gi}",
            "jobs:",
            "  batch:",
            "    parallelism: 4",
            "    priorityClassName: low",
            "    resources: {cpu: 4, memory: 4Gi}",
            "    runtime: {type: constant, value: 1h}",
            "    submitAt: [0]",
            "services:",
            "  chat:",
            "    replicas: 2",
            "    startAt: 2m",
            "    priorityClassName: high",
            "    resources: {cpu: 2, memory: 2Gi}",
            SERVICE_TAIL);

    @Test
    void aHigherPriorityServicePreemptsBatchPodsWhoseJobRecreatesThem() throws IOException {
        Run r = run(PREEMPTION);
        // batch fills both nodes (4 x 4 CPU). The first chat replica (2 CPU) finds no room: one
        // batch pod is preempted (DefaultPreemption: the fewest, lowest-priority victims), freeing
        // 4 CPU on its node, where the second replica fits too. The Job recreates the victim.
        assertEquals(2, r.service("chat").replicasReadyAtEnd());
        SchedulerResult s = r.result().scheduler();
        assertEquals(1, s.preemptions());
        assertEquals(1, s.victims());
        assertEquals(1, r.nodesOf("chat").stream().distinct().count(), r.nodesOf("chat").toString());
        // The preempted batch pod was recreated and waits for room, reported at the end.
        assertTrue(s.unschedulable().stream().anyMatch(u -> u.owner().equals("job batch") && !u.neverSchedulable()
                && u.pods() == 1), s.unschedulable().toString());
        // Why it waits, from the filters on the final state: both nodes are full.
        assertTrue(s.unschedulable().stream().anyMatch(u -> u.owner().equals("job batch")
                && u.reason().startsWith("0/2 nodes are available: 2 Insufficient cpu.")), s.unschedulable().toString());
        assertEquals(3, r.nodesOf("batch").size());
    }

    @Test
    void preemptionPolicyNeverWaitsInstead() throws IOException {
        Run r = run(PREEMPTION.replace("  high: {value: 1000}", "  high: {value: 1000, preemptionPolicy: Never}"));
        assertEquals(0, r.service("chat").replicasReadyAtEnd());
        assertEquals(0, r.result().scheduler().victims());
        assertTrue(r.result().scheduler().unschedulable().stream().anyMatch(u -> u.owner().equals("service chat")));
    }

    private static final String GANG = HEAD + String.join("\n",
            "scheduler:",
            "  configuration:",
            "    apiVersion: kubescheduler.config.k8s.io/v1",
            "    kind: KubeSchedulerConfiguration",
            "    profiles:",
            "      - plugins:",
            "          multiPoint: {enabled: [{name: Coscheduling}]}",
            "          queueSort: {disabled: [{name: PrioritySort}]}",
            "nodePools:",
            "  gpu: {count: 2, cpu: 32, memory: 128Gi, gpus: 2, gpuModel: T4}",
            "jobs:",
            "  train:",
            "    parallelism: 3",
            "    gang: true",
            "    resources: {cpu: 4, memory: 8Gi, gpu: 1}",
            "    runtime: {type: constant, value: 5m}",
            "    submitAt: [2m, 2m]",
            "");

    @Test
    void gangsRunAllTogetherOrWaitHoldingNothing() throws IOException {
        Run r = run(GANG);
        // 4 GPUs, gangs of 3: the second gang waits for the first to end (5 min later), never partly.
        JobResult j = r.job("train");
        assertEquals(2, j.submitted());
        assertEquals(1, j.completed());
        assertEquals(1, j.running());
        assertEquals(0.0, j.partialGangSeconds());
        assertEquals(300.0, j.queueingDelayMicros().getMaxValue() / 1e6, 0.5);
        assertEquals(3, r.nodesOf("train").size(), "the second gang runs whole");
    }

    @Test
    void aGangWhoseProfileLacksCoschedulingIsRefused() throws IOException {
        String yaml = GANG.replace("          multiPoint: {enabled: [{name: Coscheduling}]}\n", "")
                .replace("          queueSort: {disabled: [{name: PrioritySort}]}\n", "          score: {}\n");
        Path f = tmp.resolve("g.yaml");
        Files.writeString(f, yaml);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.read(f, List.of()));
        assertTrue(e.problems().get(0).toString().contains("jobs.train.gang: the pods are scheduled by profile "
                + "\"default-scheduler\", which does not enable Coscheduling"), e.problems().toString());
    }

    private static final String TWO_PROFILES = HEAD + String.join("\n",
            "scheduler:",
            "  configuration:",
            "    apiVersion: kubescheduler.config.k8s.io/v1",
            "    kind: KubeSchedulerConfiguration",
            "    percentageOfNodesToScore: 100",
            "    profiles:",
            "      - schedulerName: spread",
            "        pluginConfig:",
            "          - {name: NodeResourcesFit, args: {scoringStrategy: {type: LeastAllocated}}}",
            "      - schedulerName: pack",
            "        pluginConfig:",
            "          - {name: NodeResourcesFit, args: {scoringStrategy: {type: MostAllocated}}}",
            "        plugins:",
            "          score:",
            "            disabled: [{name: NodeResourcesBalancedAllocation}, {name: PodTopologySpread}]",
            "            enabled: [{name: NodeResourcesFit, weight: 5}]",
            "nodePools:",
            "  pool: {count: 4, cpu: 16, memory: 64Gi}",
            "services:",
            "  chat:",
            "    replicas: 4",
            "    schedulerName: spread",
            "    resources: {cpu: 2, memory: 4Gi}",
            SERVICE_TAIL);

    @Test
    void podsPickTheirProfileBySchedulerName() throws IOException {
        assertEquals(List.of("pool-0", "pool-1", "pool-2", "pool-3"), run(TWO_PROFILES).nodesOf("chat"));
        List<String> packed = run(TWO_PROFILES, "services.chat.schedulerName=pack").nodesOf("chat");
        assertEquals(4, packed.size());
        assertEquals(1, packed.stream().distinct().count(), "MostAllocated puts all four on one node: " + packed);
    }

    @Test
    void anUnknownSchedulerNameIsALocatedError() throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, TWO_PROFILES.replace("schedulerName: spread\n    resources", "schedulerName: sprad\n    resources"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.read(f, List.of()));
        assertTrue(e.problems().get(0).toString().matches(".*s\\.yaml:\\d+:\\d+: services\\.chat\\.schedulerName: unknown "
                + "scheduler profile \"sprad\"; did you mean \"spread\"\\?.*"), e.problems().toString());
    }

    @Test
    void topologySpreadAndPodAntiAffinitySpreadReplicasAsKubeSchedulerDoes() throws IOException {
        String yaml = HEAD + String.join("\n",
                "nodePools:",
                "  pool: {count: 6, cpu: 16, memory: 64Gi, zones: [a, b, c]}",
                "services:",
                "  solo:",
                "    replicas: 3",
                "    resources: {cpu: 1, memory: 1Gi}",
                "    serviceTime: {type: constant, value: 1ms}",
                "    affinity:",
                "      podAntiAffinity:",
                "        requiredDuringSchedulingIgnoredDuringExecution:",
                "          - {labelSelector: {matchLabels: {app: solo}}, topologyKey: kubernetes.io/hostname}",
                "  chat:",
                "    replicas: 6",
                "    resources: {cpu: 1, memory: 1Gi}",
                "    topologySpreadConstraints:",
                "      - maxSkew: 1",
                "        topologyKey: topology.kubernetes.io/zone",
                "        whenUnsatisfiable: DoNotSchedule",
                "        labelSelector: {matchLabels: {app: chat}}",
                SERVICE_TAIL);
        Run r = run(yaml);
        assertEquals(Map.of("a", 2, "b", 2, "c", 2), r.byNodeLabel("chat", NodeSpec.ZONE_LABEL));
        assertEquals(3, r.nodesOf("solo").stream().distinct().count(), "one per node: " + r.nodesOf("solo"));
        // Without constraints, kube-scheduler's system default spreading (zone maxSkew 5, hostname
        // maxSkew 3, soft) still spreads a Deployment's replicas over the empty nodes.
        Run d = run(yaml.replace("    topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: "
                + "topology.kubernetes.io/zone\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector: "
                + "{matchLabels: {app: chat}}\n", ""));
        assertEquals(6, d.nodesOf("chat").stream().distinct().count(), "spread over all six nodes: " + d.nodesOf("chat"));
    }

    @Test
    void tracePodsBringTheirOwnRequests() throws IOException {
        // Two SWF jobs (18 fields): job 1 on 4 processors with 2048 KB each for 600 s, job 2 on 8
        // processors for 600 s; each becomes a pod of 4000m / 8000m CPU.
        Path swf = tmp.resolve("jobs.swf");
        Files.writeString(swf, String.join("\n",
                "; a tiny log",
                "1 0 -1 600 4 -1 2048 -1 -1 -1 1 1 1 -1 -1 -1 -1 -1",
                "2 10 -1 600 8 -1 -1 -1 -1 -1 1 1 1 -1 -1 -1 -1 -1",
                ""));
        String yaml = HEAD + String.join("\n",
                "nodePools:",
                "  pool: {count: 1, cpu: 16, memory: 64Gi}",
                "jobs:",
                "  hpc:",
                "    resources: {cpu: 1, memory: 1Gi}",
                "arrivals:",
                "  log:",
                "    job: hpc",
                "    trace: {file: jobs.swf, format: swf}",
                "");
        Run r = run(yaml.replace("duration: 10m", "duration: 5m"));
        long cpu = 0;
        long mem = 0;
        for (Pod p : r.cluster().pods()) {
            cpu += p.requests().cpuMillis();
            mem += p.requests().memoryMiB();
        }
        // SWF memory is KB per processor: 4 x 2048 KB = 8 MiB; job 2 gives none, so the template's 1 GiB.
        assertEquals(12000, cpu);
        assertEquals(8 + 1024, mem);
        assertNotNull(r.job("hpc"));
    }

    /**
     * A {@code usage} map that leaves {@code cpuPerRequest} out keeps its exact default (the request
     * divided by concurrency: 1000m / 3), as no map does; it once truncated it to whole millicores.
     */
    @Test
    void aUsageMapWithoutCpuPerRequestKeepsItsExactDefault() throws IOException {
        String yaml = HEAD + String.join("\n",
                "nodePools:",
                "  pool: {count: 1, cpu: 4, memory: 8Gi}",
                "services:",
                "  chat:",
                "    replicas: 1",
                "    concurrency: 3",
                "    resources: {cpu: 1, memory: 1Gi}",
                "    serviceTime: {type: exponential, mean: 200ms}",
                "arrivals:",
                "  load: {service: chat, process: poisson, rate: 10}",
                "");
        double without = run(yaml).result().cluster().cpuUsed();
        double with = run(yaml.replace("    concurrency: 3", "    concurrency: 3\n    usage: {idleCpu: 0}"))
                .result().cluster().cpuUsed();
        assertEquals(without, with, 0.0);
        assertTrue(without > 0);
    }

    /**
     * Free slots cost memory by replica, not by slot: 2,000 replicas of concurrency 1,000,000 (2e9
     * slots, 8 GB as one stack entry per slot) run in the test JVM's heap.
     */
    @Test
    void manyConcurrencySlotsCostNoMemoryEach() throws IOException {
        String yaml = HEAD + String.join("\n",
                "nodePools:",
                "  pool: {count: 40, cpu: 64, memory: 256Gi}",
                "services:",
                "  chat:",
                "    replicas: 2000",
                "    concurrency: 1000000",
                "    resources: {cpu: 1, memory: 1Gi}",
                "    serviceTime: {type: exponential, mean: 100ms}",
                "arrivals:",
                "  load: {service: chat, process: poisson, rate: 50}",
                "");
        Run r = run(yaml.replace("duration: 10m", "duration: 2m"));
        assertEquals(2000, r.service("chat").replicasReadyAtEnd());
        assertTrue(r.service("chat").completed() > 2000);
    }
}
