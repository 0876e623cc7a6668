package io.capsim.benchmarks;

import io.capsim.engine.random.RandomStreams;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Where a whole-stack M/M/8 run of {@link WholeStackComparison} spends its time outside the
 * events, in the same regime (13 rounds in one JVM, each followed by the reference, the first
 * three not counted): reading the scenario, preparing the run, and the run itself
 * ({@link ScenarioRunner#finish}: startup, events, results). After each round the same scenario
 * runs again for one simulated second, read and prepared anew: its finish is the run's fixed cost
 * (starting the cluster, scheduling the eight replicas, building the results) plus a few events.
 * That second run adds one more call of the cold code per round, so its figures lean low.
 *
 * <pre>taskset -c 1 java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.WholeStackPhases</pre>
 *
 * Prints the mean of each phase over the counted rounds, thread CPU milliseconds, and the memory
 * each allocates (each new page of it faults when first touched: no collection runs in these rounds).
 */
public final class WholeStackPhases {

    private WholeStackPhases() {}

    public static void main(String[] args) throws Exception {
        int rounds = 13;
        int warm = 3;
        Path scenario = Files.createTempFile("mm8", ".yaml");
        try (InputStream in = WholeStackPhases.class.getResourceAsStream("/mm8.yaml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] names = {"read", "prepare", "finish", "short run: read", "prepare", "finish", "reference"};
        double[] cpu = new double[names.length];
        long[] bytes = new long[names.length];
        for (int i = 0; i < rounds; i++) {
            Stamps t = new Stamps(mx, names.length + 1);
            Scenario s = ScenarioReader.read(scenario, List.of());
            t.stamp();
            ScenarioRunner.Prepared p = ScenarioRunner.prepare(s);
            t.stamp();
            ScenarioRunner.finish(s, p, null);
            t.stamp();
            Scenario shortRun = ScenarioReader.read(scenario, List.of("duration=1s"));
            t.stamp();
            ScenarioRunner.Prepared sp = ScenarioRunner.prepare(shortRun);
            t.stamp();
            ScenarioRunner.finish(shortRun, sp, null);
            t.stamp();
            RandomStreams streams = new RandomStreams(1);
            MM8Reference.run(8, 7.2, 1.0, WholeStackBenchmark.REQUESTS, streams.stream("arrivals/load"),
                    streams.stream("service-time/svc"));
            t.stamp();
            long[] c = t.cpu;
            long[] b = t.bytes;
            if (i >= warm) {
                for (int j = 0; j < names.length; j++) {
                    cpu[j] += (c[j + 1] - c[j]) / 1e6 / (rounds - warm);
                    bytes[j] = b[j + 1] - b[j]; // the same in every round after the first
                }
            }
        }
        Files.deleteIfExists(scenario);
        StringBuilder out = new StringBuilder("mean of rounds " + (warm + 1) + "-" + rounds + ", thread CPU (allocated):\n");
        for (int j = 0; j < names.length; j++) {
            out.append(String.format(Locale.ROOT, "  %-16s %7.2f ms (%d KiB)%n", names[j], cpu[j], bytes[j] / 1024));
        }
        System.out.print(out);
    }

    /** Thread CPU time and allocated bytes at the start and after each phase. */
    private static final class Stamps {
        final com.sun.management.ThreadMXBean mx;
        final long[] cpu;
        final long[] bytes;
        int n;

        Stamps(com.sun.management.ThreadMXBean mx, int points) {
            this.mx = mx;
            cpu = new long[points];
            bytes = new long[points];
            stamp();
        }

        void stamp() {
            cpu[n] = mx.getCurrentThreadCpuTime();
            bytes[n++] = mx.getCurrentThreadAllocatedBytes();
        }
    }
}
