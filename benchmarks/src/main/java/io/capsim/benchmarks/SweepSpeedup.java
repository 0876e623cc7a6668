package io.capsim.benchmarks;

import io.capsim.scenarios.cli.CapsimCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code capsim sweep} on one thread against N threads, in one JVM (so start-up and JIT are out of
 * the comparison): the quickstart scenario at 8 points ({@code services.web.replicas=6,7} ×
 * {@code arrivals.web-traffic.rate=120,130,140,150}, 2 simulated hours each (about 2.5 s of one core
 * on an idle machine), every point writing
 * its whole result folder: summary, charts, HTML, histograms), into a fresh temporary folder each
 * time. One warm-up pair, then {@code rounds} pairs alternating 1 and N threads; prints each time,
 * the process CPU time over wall time (how many cores the run really got), the medians and their
 * ratio, each round's own ratio (paired: the host's speed drifts between rounds, which moves both
 * runs of a round alike) and checks that every sweep.csv is byte-identical. The speedup needs two idle cores: a
 * cpu/wall ratio well under the thread count means the machine did not give them (contention), and
 * equal CPU seconds at 1 and N threads mean the threads did the same work, none of it waiting.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.SweepSpeedup [rounds] [threads] [duration]</pre>
 */
public final class SweepSpeedup {

    private SweepSpeedup() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String duration = args.length > 2 ? args[2] : "2h";
        Path scenario = Path.of("scenarios/examples/quickstart.yaml");
        Path root = Files.createTempDirectory("capsim-sweep-speedup");
        System.out.printf(Locale.ROOT, "cores: %d; load average at start: %.2f%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        byte[] table = null;
        List<Double> one = new ArrayList<>();
        List<Double> many = new ArrayList<>();
        List<Double> paired = new ArrayList<>(); // each round's 1-thread time over its N-thread time
        for (int r = 0; r <= rounds; r++) {
            for (int t : new int[] {1, threads}) {
                Path out = root.resolve("r" + r + "-t" + t);
                double[] wallCpu = sweep(scenario, out, t, duration);
                byte[] csv = Files.readAllBytes(out.resolve("sweep.csv"));
                if (table == null) {
                    table = csv;
                } else if (!Arrays.equals(table, csv)) {
                    throw new IllegalStateException("sweep.csv differs at round " + r + ", " + t + " threads");
                }
                deleteTree(out);
                System.out.printf(Locale.ROOT, "%s %d thread%s: %.2f s wall, %.2f s CPU, cpu/wall %.2f%n",
                        r == 0 ? "warm-up" : "round " + r, t, t == 1 ? " " : "s", wallCpu[0], wallCpu[1],
                        wallCpu[1] / wallCpu[0]);
                if (r > 0) {
                    (t == 1 ? one : many).add(wallCpu[0]);
                    if (t != 1) {
                        paired.add(one.get(one.size() - 1) / wallCpu[0]);
                    }
                }
            }
        }
        deleteTree(root);
        double m1 = median(one);
        double mn = median(many);
        System.out.printf(Locale.ROOT, "median: 1 thread %.2f s, %d threads %.2f s: speedup %.2fx; sweep.csv identical"
                + " in all %d runs; load average at end: %.2f%n", m1, threads, mn, m1 / mn, 2 * (rounds + 1),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // The host's speed drifts between rounds (the same one-thread sweep took 6.2 to 9.5 s within
        // an hour): each round's own ratio is robust to that, as the pair ran back to back.
        List<Double> sorted = new ArrayList<>(paired);
        sorted.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "paired (each round's 1-thread time over its %d-thread time): median %.2fx, "
                + "quartiles %.2f-%.2f%n", threads, median(paired), sorted.get(sorted.size() / 4),
                sorted.get(3 * sorted.size() / 4));
    }

    /** Runs the sweep; returns {wall seconds, process CPU seconds}. */
    private static double[] sweep(Path scenario, Path out, int threads, String duration) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StringWriter err = new StringWriter();
        long c0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        int code = CapsimCommand.execute(new String[] {"sweep", scenario.toString(), "--set", "duration=" + duration,
            "--param", "services.web.replicas=6,7", "--param", "arrivals.web-traffic.rate=120,130,140,150",
            "--out", out.toString(), "--threads", Integer.toString(threads), "-q"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        long w1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        if (code != 0) {
            throw new IllegalStateException("capsim sweep failed (" + code + "): " + err);
        }
        return new double[] {(w1 - w0) / 1e9, (c1 - c0) / 1e9};
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
