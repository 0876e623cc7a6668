package io.capsim.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link SchedulingCycleBenchmark}'s call measured in the calling thread's CPU time as well as
 * wall time: on a machine shared with other work, wall time per call grows with the other
 * processes' load (the thread waits for a core), CPU time much less. Same setting as the JMH
 * benchmark (openb node types repeated, half the GPUs allocated, one openb pod per call).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.SchedulingCycleCpuTime \
 *     [nodes=10000] [profile=kubernetes-default|fgd] [percentage=100] [callsPerRound=1000] [rounds=6]
 * </pre>
 *
 * Prints, per round, CPU and wall microseconds per call; the first rounds include JIT warm-up.
 */
public final class SchedulingCycleCpuTime {

    private SchedulingCycleCpuTime() {}

    public static void main(String[] args) {
        SchedulingCycleBenchmark b = new SchedulingCycleBenchmark();
        b.nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        b.profile = args.length > 1 ? args[1] : "kubernetes-default";
        b.percentage = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 6;
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%d nodes, %s, percentageOfNodesToScore %d, %d calls per round%n", b.nodes,
                b.profile, b.percentage, calls);
        for (int round = 1; round <= rounds; round++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                b.scheduleOnePod();
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / calls;
            double wall = (System.nanoTime() - wall0) / 1e3 / calls;
            System.out.printf(Locale.ROOT, "round %d: %.1f us CPU, %.1f us wall per call%n", round, cpu, wall);
        }
    }
}
