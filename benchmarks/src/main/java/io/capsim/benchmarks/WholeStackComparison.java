package io.capsim.benchmarks;

import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.RunResult;
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
 * The whole-stack M/M/8 comparison of {@link WholeStackBenchmark} as a benchmark command for a
 * shared machine: capsim and the hand-written reference run alternately in one JVM, so both see
 * the same background load, and each run is timed in thread CPU time (which preemption by other
 * processes does not inflate) as well as wall time.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.WholeStackComparison [rounds]</pre>
 *
 * Prints the memory each allocates per run, for each the median and best of the rounds after the
 * first three (warm-up), and the ratio of events per second, capsim / reference (target: at least
 * 0.6): of the medians, of the best runs, and the median of each round's own ratio (paired: a load
 * change between rounds moves both runs of a round alike).
 */
public final class WholeStackComparison {

    private WholeStackComparison() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 13;
        Path scenario = Files.createTempFile("mm8", ".yaml");
        try (InputStream in = WholeStackComparison.class.getResourceAsStream("/mm8.yaml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        long capsimBytes = 0;
        long refBytes = 0;
        long capsimFaults = 0;
        long refFaults = 0;
        int warm = 3;
        double[] capsimCpu = new double[rounds - warm];
        double[] refCpu = new double[rounds - warm];
        double[] capsimWall = new double[rounds - warm];
        double[] refWall = new double[rounds - warm];
        double[] pairedCpuRatio = new double[rounds - warm];
        long capsimEvents = 0;
        long refEvents = 0;
        for (int i = 0; i < rounds; i++) {
            long b0 = alloc.getCurrentThreadAllocatedBytes();
            long p0 = PageFaults.minor();
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            RunResult r = ScenarioRunner.run(ScenarioReader.read(scenario, List.of()));
            long c1 = mx.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            long b1 = alloc.getCurrentThreadAllocatedBytes();
            long p1 = PageFaults.minor();
            RandomStreams streams = new RandomStreams(1);
            MM8Reference.Result ref = MM8Reference.run(8, 7.2, 1.0, WholeStackBenchmark.REQUESTS,
                    streams.stream("arrivals/load"), streams.stream("service-time/svc"));
            long c2 = mx.getCurrentThreadCpuTime();
            long w2 = System.nanoTime();
            long b2 = alloc.getCurrentThreadAllocatedBytes();
            long p2 = PageFaults.minor();
            if (i >= warm) {
                capsimCpu[i - warm] = (c1 - c0) / 1e6;
                refCpu[i - warm] = (c2 - c1) / 1e6;
                capsimWall[i - warm] = (w1 - w0) / 1e6;
                refWall[i - warm] = (w2 - w1) / 1e6;
                pairedCpuRatio[i - warm] = ((double) r.eventsExecuted() / (c1 - c0)) / ((double) ref.events() / (c2 - c1));
            }
            capsimEvents = r.eventsExecuted();
            capsimBytes = b1 - b0; // the last round's: the same in every round after the first
            refBytes = b2 - b1;
            capsimFaults = p0 < 0 ? -1 : p1 - p0;
            refFaults = p0 < 0 ? -1 : p2 - p1;
            refEvents = ref.events();
        }
        Files.deleteIfExists(scenario);
        Arrays.sort(capsimCpu);
        Arrays.sort(refCpu);
        Arrays.sort(capsimWall);
        Arrays.sort(refWall);
        Arrays.sort(pairedCpuRatio);
        int m = capsimCpu.length / 2;
        System.out.printf(Locale.ROOT, "events per run: capsim %d, reference %d%n", capsimEvents, refEvents);
        // Memory a run allocates: each new page of it faults when first touched (no collection runs
        // in these rounds), which on a virtual machine costs tens of microseconds a page.
        System.out.printf(Locale.ROOT, "allocated per run: capsim %d KiB, reference %d KiB; minor page faults: capsim %d,"
                + " reference %d (-1: not counted here)%n", capsimBytes / 1024, refBytes / 1024, capsimFaults, refFaults);
        System.out.printf(Locale.ROOT, "capsim     cpu median %.1f ms best %.1f ms | wall median %.1f ms best %.1f ms%n",
                capsimCpu[m], capsimCpu[0], capsimWall[m], capsimWall[0]);
        System.out.printf(Locale.ROOT, "reference  cpu median %.1f ms best %.1f ms | wall median %.1f ms best %.1f ms%n",
                refCpu[m], refCpu[0], refWall[m], refWall[0]);
        System.out.printf(Locale.ROOT, "events/s ratio capsim/reference: cpu median %.3f, cpu best %.3f, wall median %.3f%n",
                (capsimEvents / capsimCpu[m]) / (refEvents / refCpu[m]),
                (capsimEvents / capsimCpu[0]) / (refEvents / refCpu[0]),
                (capsimEvents / capsimWall[m]) / (refEvents / refWall[m]));
        System.out.printf(Locale.ROOT, "paired (each round's capsim run against the reference run right after it), cpu: "
                + "median %.3f, quartiles %.3f-%.3f%n", pairedCpuRatio[m], pairedCpuRatio[pairedCpuRatio.length / 4],
                pairedCpuRatio[pairedCpuRatio.length * 3 / 4]);
    }
}
