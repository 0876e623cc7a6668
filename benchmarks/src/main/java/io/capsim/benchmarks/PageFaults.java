package io.capsim.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Minor page faults of the calling thread (Linux: {@code /proc/thread-self/stat}, field 10), and,
 * as a benchmark command, what one costs here: memory a run allocates lands on pages never touched
 * while no collection runs, and each such page faults when first written.
 *
 * <pre>taskset -c 1 java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.PageFaults</pre>
 *
 * Allocates 60 arrays of 288 KiB (the size of a latency histogram over a year) five times, keeping
 * them, and prints the faults and the thread CPU time per fault (zeroing the arrays included).
 */
public final class PageFaults {

    private PageFaults() {}

    /** The calling thread's minor page faults so far, or -1 where the kernel does not say. */
    static long minor() {
        try {
            String s = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]); // minflt: field 10 of stat, the 8th after the command name
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Object[] keep = new Object[300];
        if (minor() < 0) {
            System.out.println("no /proc/thread-self/stat here: page faults cannot be counted");
            return;
        }
        for (int r = 0; r < 5; r++) {
            long f0 = minor();
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < 60; i++) {
                keep[r * 60 + i] = new long[36_864];
            }
            long t1 = mx.getCurrentThreadCpuTime();
            long faults = minor() - f0;
            System.out.printf(Locale.ROOT, "%d faults, %.1f ms, %.1f us per fault%n", faults, (t1 - t0) / 1e6,
                    (t1 - t0) / 1e3 / Math.max(1, faults));
        }
        if (keep[0] == null) {
            throw new AssertionError();
        }
    }
}
