package io.capsim.benchmarks;

import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.RunResult;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The scale run as a benchmark command: {@code scale.yaml} (10,000 nodes, 1,000,000 pod arrivals
 * over a simulated day, default profile), run once, timed in thread CPU time and wall time, with the
 * peak heap used. Run it on one core with a 2 GiB heap:
 *
 * <pre>java -Xmx2g -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.ScaleRun</pre>
 */
public final class ScaleRun {

    private ScaleRun() {}

    public static void main(String[] args) throws Exception {
        Path scenario = Files.createTempFile("scale", ".yaml");
        try (InputStream in = ScaleRun.class.getResourceAsStream("/scale.yaml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        var mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        RunResult r = ScenarioRunner.run(ScenarioReader.read(scenario, List.of(args)));
        long c1 = mx.getCurrentThreadCpuTime();
        long w1 = System.nanoTime();
        Files.deleteIfExists(scenario);
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        long submitted = 0;
        long completed = 0;
        for (JobResult j : r.jobs()) {
            submitted += j.submitted();
            completed += j.completed();
        }
        System.out.printf(Locale.ROOT, "scale-10k: %d job pods submitted, %d completed, %d binds, %d cycles, %d events%n",
                submitted, completed, r.scheduler().binds(), r.scheduler().cycles(), r.eventsExecuted());
        System.out.printf(Locale.ROOT, "creation->bind ms: p50 %.3f p99 %.3f max %.3f; pending mean %.2f max %d%n",
                r.scheduler().creationToBindMicros().getValueAtPercentile(50) / 1000.0,
                r.scheduler().creationToBindMicros().getValueAtPercentile(99) / 1000.0,
                r.scheduler().creationToBindMicros().getMaxValue() / 1000.0, r.scheduler().pendingPodsMean(),
                r.scheduler().pendingPodsMax());
        System.out.printf(Locale.ROOT, "cpu allocated %.1f%%; thread CPU %.1f s, wall %.1f s, peak heap %.0f MiB (max %.0f MiB)%n",
                100 * r.cluster().cpuAllocated(), (c1 - c0) / 1e9, (w1 - w0) / 1e9, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
