package io.capsim.benchmarks;

import io.capsim.engine.results.LlmResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.ScenarioReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Completed LLM requests per CPU-second of the {@code continuous-batching} engine: the Azure LLM
 * conversation trace's token mix (looped and sped up), 8 Llama-3-8B H200 replicas at about 80% of
 * saturation, batches up to 64, no prefix caching. First a probe (not timed) measures one replica's
 * saturation throughput, always backlogged; then the timed run replays the trace at 0.8 × 8 × that
 * rate for 3 simulated hours. Run from the repository root on one core:
 *
 * <pre>java -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.LlmServingRun [trace.csv]</pre>
 */
public final class LlmServingRun {

    private static final String TRACE = "scenarios/examples/data/azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv";
    /** The trace's requests per second as recorded: 19,366 requests in its hour. */
    private static final double TRACE_RATE = 19_366 / 3600.0;

    private LlmServingRun() {}

    public static void main(String[] args) throws Exception {
        Path trace = Path.of(args.length > 0 ? args[0] : TRACE).toAbsolutePath();
        if (!Files.isRegularFile(trace)) {
            throw new IllegalArgumentException("no trace at " + trace + "; run from the repository root or name it");
        }
        // 1. Saturation of one replica: the trace 50 times faster than recorded keeps it backlogged.
        // Completions count requests that arrived in the measured window: measure from the start (FIFO
        // completes the earliest arrivals first; the first step's ramp-up is a few ms of 300 s).
        ServiceResult probe = run(trace, 1, 0.02, "300s", "0s").services().get(0);
        double saturation = probe.completed() / 300.0;
        double target = 0.8 * 8 * saturation;
        double timeScale = TRACE_RATE / target;
        System.out.printf(Locale.ROOT, "saturation of one replica: %.2f requests/s (mean batch %.1f); "
                + "8 replicas at 80%%: %.1f requests/s (timeScale %.5f)%n", saturation, probe.llm().meanBatch(), target,
                timeScale);
        // 2. The timed run.
        // Process CPU time: every thread (a trace is read ahead on its own thread; JIT and GC count too).
        var mx = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = mx.getProcessCpuTime();
        long w0 = System.nanoTime();
        RunResult r = run(trace, 8, timeScale, "3h", "10m");
        long c1 = mx.getProcessCpuTime();
        long w1 = System.nanoTime();
        ServiceResult s = r.services().get(0);
        LlmResult l = s.llm();
        double cpu = (c1 - c0) / 1e9;
        System.out.printf(Locale.ROOT, "%d requests completed (%d arrived), %d steps, %d events; mean batch %.1f per "
                        + "replica, KV use %.3f, TTFT p50 %.1f ms p99 %.1f ms, TPOT p50 %.2f ms%n",
                s.completed(), s.arrived(), l.steps(), r.eventsExecuted(), l.meanBatch() / 8, l.meanKvCacheUse(),
                l.ttftMicros().getValueAtPercentile(50) / 1e3, l.ttftMicros().getValueAtPercentile(99) / 1e3,
                l.tpotMicros().getValueAtPercentile(50) / 1e3);
        System.out.printf(Locale.ROOT, "process CPU %.2f s, wall %.2f s: %.0f completed requests per CPU-second%n", cpu,
                (w1 - w0) / 1e9, s.completed() / cpu);
    }

    private static RunResult run(Path trace, int replicas, double timeScale, String duration, String warmup)
            throws Exception {
        Path dir = Files.createTempDirectory("llm-bench");
        Path scenario = dir.resolve("llm-bench.yaml");
        Files.writeString(scenario, String.format(Locale.ROOT, """
                name: llm-bench
                seed: 1
                duration: %s
                warmup: %s
                nodePools:
                  h200: {count: %d, cpu: 96, memory: 1024Gi, gpus: 8, gpuModel: H200, gpuMemory: 141Gi}
                services:
                  chat:
                    replicas: %d
                    engine: continuous-batching
                    concurrency: 64
                    routing: least-outstanding
                    resources: {cpu: 8, memory: 64Gi, gpu: 1}
                    llm: {profile: llama-3-8b-h200}
                arrivals:
                  azure:
                    service: chat
                    trace: {file: "%s", format: azure-llm-2023, loop: true, timeScale: %.6f}
                """, duration, warmup, (replicas + 7) / 8, replicas, trace.toString().replace("\\", "/"), timeScale));
        try {
            return ScenarioRunner.run(ScenarioReader.read(scenario, List.of()));
        } finally {
            Files.deleteIfExists(scenario);
            Files.deleteIfExists(dir);
        }
    }
}
