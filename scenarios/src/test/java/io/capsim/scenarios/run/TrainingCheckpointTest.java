package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.RunResult;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A training job preempted by a higher-priority job, with and without checkpoints, from a scenario
 * file, against figures worked out by hand.
 *
 * <p>Two GPUs. {@code train} (priority 0) needs both for 60 minutes of work; {@code urgent} (priority
 * 1000) arrives at 50 min, needs both GPUs for 10 min, and preempts it. With a checkpoint every 20
 * min of work costing 2 min, the run is work 0-20, checkpoint 20-22, work 22-42, checkpoint 42-44,
 * work 44-50 (preempted): 40 min of work saved, the 6 min since the last checkpoint lost on 2 GPUs
 * (0.2 GPU-hours). The replacement waits for {@code urgent} to end at 60 min and does the last 20
 * min (no checkpoint before the end): done at 80 min, a slowdown of 80/60. Without checkpoints all
 * 50 min are lost (1.667 GPU-hours) and the 60 min start over at 60: done at 120 min.
 * Allocated: 2 GPUs from bind to end, 50 min then 20 (or 60) min. The same with a gang of two 1-GPU
 * pods on two nodes, of which {@code urgent} preempts one: the gang is torn down and loses the same.
 * Scheduling cycles of 1 ms shift each time by a few ms (tolerance 0.1%).
 */
class TrainingCheckpointTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gang {0}, checkpoint {1}")
    @CsvSource({
        // gang, checkpoint, completion s, slowdown, GPU-h allocated, useful, lost
        "false, true,  4800, 1.333, 2.3333, 2.0, 0.2",
        "false, false, 7200, 2.0,   3.6667, 2.0, 1.6667",
        "true,  true,  4800, 1.333, 2.3333, 2.0, 0.2",
        "true,  false, 7200, 2.0,   3.6667, 2.0, 1.6667",
    })
    void preemptedTrainingLosesTheWorkSinceItsLastCheckpoint(boolean gang, boolean checkpoint, double completion,
            double slowdown, double allocated, double useful, double lost) throws IOException {
        String pools = gang ? "pool: {count: 2, cpu: 16, memory: 64Gi, gpus: 1, gpuModel: H100}" : "pool: {count: 1, cpu: 16, memory: 64Gi, gpus: 2, gpuModel: H100}";
        String trainShape = gang ? "parallelism: 2\n    gang: true\n    resources: {requests: {cpu: 1, memory: 1Gi, nvidia.com/gpu: 1}}"
                : "resources: {requests: {cpu: 1, memory: 1Gi, nvidia.com/gpu: 2}}";
        String urgentGpus = gang ? "1" : "2";
        Files.writeString(dir.resolve("train.yaml"), """
                name: checkpoints
                duration: 3h
                priorityClasses:
                  low: {value: 0}
                  high: {value: 1000}
                scheduler:
                  configuration:
                    apiVersion: kubescheduler.config.k8s.io/v1
                    kind: KubeSchedulerConfiguration
                    profiles:
                      - schedulerName: default-scheduler
                        plugins:
                          multiPoint: {enabled: [{name: Coscheduling}]}
                          queueSort: {disabled: [{name: PrioritySort}]}
                nodePools:
                  %s
                jobs:
                  train:
                    priorityClassName: low
                    %s
                    runtime: {type: constant, value: 60m}
                    %s
                    submitAt: [0]
                  urgent:
                    priorityClassName: high
                    resources: {requests: {cpu: 1, memory: 1Gi, nvidia.com/gpu: %s}}
                    runtime: {type: constant, value: 10m}
                    submitAt: [50m]
                """.formatted(pools, trainShape, checkpoint ? "checkpoint: {interval: 20m, cost: 2m}" : "", urgentGpus));
        RunResult r = ScenarioRunner.run(ScenarioReader.read(dir.resolve("train.yaml"), List.of()));
        JobResult train = r.jobs().get(0);
        assertEquals(1, train.completed());
        assertEquals(1, train.podFailures(), "one pod preempted (in a gang, the first; the rest are torn down)");
        assertEquals(completion * 1000, train.meanCompletionMs(), 0.001 * completion * 1000, "completion time");
        assertEquals(slowdown, train.slowdownMilli().getValueAtPercentile(50) / 1000.0, 0.002, "slowdown");
        assertEquals(allocated, train.gpuHoursAllocated(), 0.001 * allocated, "GPU-hours allocated");
        assertEquals(useful, train.gpuHoursUseful(), 0.001 * useful, "GPU-hours useful");
        assertEquals(lost, train.gpuHoursLost(), 0.001 * lost, "GPU-hours lost");
        JobResult urgent = r.jobs().get(1);
        assertEquals(1, urgent.completed());
        assertEquals(0, urgent.gpuHoursLost(), 0);
    }
}
