package io.capsim.benchmarks;

import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Simulated requests per CPU-second of the CPU serving model, end to end through the scenario
 * runner (scenario read, cluster built, replicas scheduled, every request simulated, results
 * collected): {@code cpu-100.yaml}, 100 {@code processor-sharing} replicas at 80% load, 20 million
 * requests a round. Each round is timed in the thread's CPU time; the first is the JVM's warm-up.
 *
 * <pre>taskset -c 1 java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.CpuServingRun [rounds]</pre>
 */
public final class CpuServingRun {

    private CpuServingRun() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path scenario = Files.createTempFile("cpu-100", ".yaml");
        try (InputStream in = CpuServingRun.class.getResourceAsStream("/cpu-100.yaml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] perSecond = new double[rounds];
        try {
            for (int i = 0; i < rounds; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                RunResult r = ScenarioRunner.run(ScenarioReader.read(scenario, List.of()));
                double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                double wall = (System.nanoTime() - w0) / 1e9;
                ServiceResult s = r.services().get(0);
                perSecond[i] = s.completed() / cpu;
                System.out.printf(Locale.ROOT, "round %d: %d requests completed, %d events, CPU %.2f s, wall %.2f s: "
                        + "%.2f million requests per CPU-second (p99 %.1f ms)%n", i + 1, s.completed(), r.eventsExecuted(),
                        cpu, wall, perSecond[i] / 1e6, s.responseMicros().getValueAtPercentile(99) / 1e3);
            }
        } finally {
            Files.deleteIfExists(scenario);
        }
        double[] warm = Arrays.copyOfRange(perSecond, Math.min(1, rounds - 1), rounds);
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "median of rounds 2-%d: %.2f million requests per CPU-second (best %.2f)%n", rounds,
                warm[warm.length / 2] / 1e6, warm[warm.length - 1] / 1e6);
    }
}
