package io.capsim.workloads.usage;

import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The per-pod usage series of Alibaba's cluster-trace-v2026-GenAI (GenTD26, a Stable Diffusion
 * serving system; SoCC '25, EuroSys '26 FlexPipe): three files side by side, {@code
 * pod_gpu_duty_cycle_anon*.csv[.gz]} (GPU duty cycle, percent), {@code
 * pod_gpu_memory_used_bytes_anon*.csv[.gz]} (GPU memory used, bytes) and {@code
 * pod_memory_util_anon*.csv[.gz]} (container memory used over its limit, a fraction), each with
 * the columns {@code value}, {@code timestamp_anon} (seconds, anonymised offset) and {@code
 * container_ip} (the pod, an MD5) in any order, each in time order. Open the folder or any one
 * of the three files.
 *
 * <p>The files are joined by (time, pod) as they are read: at each time, one row per pod that has
 * a value in any of them (by pod name), the others NaN; memory holds one instant's pods. Mapping:
 * {@link UsageField#GPU_BUSY} = duty cycle / 100, {@link UsageField#GPU_MEMORY_USED_MIB} = bytes /
 * 2^20, {@link UsageField#MEMORY_UTILIZATION} = the fraction (a value down to -0.001 reads as 0:
 * the trace has one such sample). The trace gives no requests, limits or GPU counts.
 */
public final class GenAiPodsFormat implements UsageFormat {

    /** Registered name. */
    public static final String NAME = "alibaba-genai-2026-pods";

    /** File name prefixes, in the order of {@link #FIELDS}. */
    static final List<String> PREFIXES = List.of("pod_gpu_duty_cycle_anon", "pod_gpu_memory_used_bytes_anon",
            "pod_memory_util_anon");

    private static final UsageField[] FIELDS = {UsageField.GPU_BUSY, UsageField.GPU_MEMORY_USED_MIB,
        UsageField.MEMORY_UTILIZATION};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Alibaba GenAI 2026 per-pod series (" + String.join(", ", PREFIXES) + " *.csv[.gz], one folder): "
                + "gpuBusy = duty cycle / 100, gpuMemoryUsedMiB = bytes / 2^20, memoryUtilization = used / limit";
    }

    @Override
    public Set<UsageField> fields() {
        return EnumSet.of(UsageField.GPU_BUSY, UsageField.GPU_MEMORY_USED_MIB, UsageField.MEMORY_UTILIZATION);
    }

    @Override
    public UsageCursor open(Path file, BadRowPolicy policy, TraceLimits limits) {
        return new Cursor(siblings(file), policy, limits);
    }

    /** The three files: in {@code file} if it is a folder, else beside it. */
    static List<Path> siblings(Path file) {
        Path dir = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
        if (!Files.exists(file)) {
            throw new UsageRowException(file.toString(), 0, 0, "no such file");
        }
        List<Path> out = new ArrayList<>();
        for (String prefix : PREFIXES) {
            List<Path> found;
            try (Stream<Path> s = Files.list(dir)) {
                found = s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix) && (n.endsWith(".csv") || n.endsWith(".csv.gz"));
                }).sorted().toList();
            } catch (IOException e) {
                throw new UsageRowException(dir.toString(), 0, 0, "cannot list the folder: " + e.getMessage());
            }
            if (found.size() != 1) {
                throw new UsageRowException(dir.toString(), 0, 0, (found.isEmpty() ? "no " : "more than one ") + prefix
                        + "*.csv[.gz] in the folder; " + NAME + " reads " + String.join(", ", PREFIXES)
                        + " side by side" + (found.isEmpty() ? "" : " (found " + found + ")"));
            }
            Path p = found.get(0);
            out.add(Files.isDirectory(file) ? p : file.resolveSibling(p.getFileName()));
        }
        return out;
    }

    /** One of the three files, one row ahead. */
    private static final class Source {
        final UsageCsv csv;
        final int value;
        final int time;
        final int pod;
        final UsageField field;
        boolean has;
        double t = Double.NEGATIVE_INFINITY;
        String podId;
        double v;
        long line;
        int podColumn;

        Source(Path file, TraceLimits limits, UsageField field) {
            csv = new UsageCsv(file, limits, List.of("value", "timestamp_anon", "container_ip"));
            value = csv.column("value");
            time = csv.column("timestamp_anon");
            pod = csv.column("container_ip");
            this.field = field;
        }

        /** Reads the next row into the head; false at the end. */
        boolean read() {
            if (!csv.next()) {
                has = false;
                return false;
            }
            double ts = csv.number(time, 0, UsageCsv.MAX_SECONDS);
            String id = csv.text(pod);
            double raw = switch (field) {
                case GPU_BUSY -> csv.number(value, 0, 100) / 100;
                case GPU_MEMORY_USED_MIB -> csv.number(value, 0, 1e15) / (1 << 20);
                default -> Math.max(0, csv.number(value, -0.001, 10));
            };
            if (ts < t) {
                throw new UsageCsv.Bad(csv.columnOf(time), "timestamp_anon " + ts + " is before the previous row's "
                        + t + " (rows must be in time order)");
            }
            t = ts;
            podId = id;
            v = raw;
            line = csv.line();
            podColumn = csv.columnOf(pod);
            has = true;
            return true;
        }
    }

    private static final class Cursor extends UsageRow {
        private final Source[] sources;
        private final BadRowPolicy policy;
        private final List<Map.Entry<String, double[]>> instant = new ArrayList<>();
        private int next;
        private boolean closed;

        Cursor(List<Path> files, BadRowPolicy policy, TraceLimits limits) {
            this.policy = policy;
            sources = new Source[FIELDS.length];
            try {
                for (int k = 0; k < FIELDS.length; k++) {
                    sources[k] = new Source(files.get(k), limits, FIELDS[k]);
                }
                for (Source s : sources) {
                    readHead(s);
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private void readHead(Source s) {
            while (true) {
                try {
                    s.read();
                    return;
                } catch (UsageCsv.Bad b) {
                    if (policy == BadRowPolicy.STOP) {
                        throw new UsageRowException(s.csv.file(), s.csv.line(), b.column, b.getMessage());
                    }
                    skipped++;
                }
            }
        }

        @Override
        public boolean advance() {
            if (next == instant.size()) {
                instant.clear();
                next = 0;
                double t = Double.POSITIVE_INFINITY;
                for (Source s : sources) {
                    if (s.has) {
                        t = Math.min(t, s.t);
                    }
                }
                if (t == Double.POSITIVE_INFINITY) {
                    return false;
                }
                TreeMap<String, double[]> byPod = new TreeMap<>();
                for (int k = 0; k < sources.length; k++) {
                    Source s = sources[k];
                    while (s.has && s.t == t) {
                        double[] row = byPod.computeIfAbsent(s.podId, x -> {
                            double[] r = new double[FIELDS.length];
                            java.util.Arrays.fill(r, Double.NaN);
                            return r;
                        });
                        if (!Double.isNaN(row[k])) {
                            if (policy == BadRowPolicy.STOP) {
                                throw new UsageRowException(s.csv.file(), s.line, s.podColumn, "container_ip " + s.podId
                                        + " has a second value at timestamp_anon " + t);
                            }
                            skipped++;
                        } else {
                            row[k] = s.v;
                        }
                        readHead(s);
                    }
                }
                timeSeconds = t;
                instant.addAll(byPod.entrySet());
            }
            Map.Entry<String, double[]> e = instant.get(next++);
            pod = e.getKey();
            for (int k = 0; k < FIELDS.length; k++) {
                values[FIELDS[k].ordinal()] = e.getValue()[k];
            }
            rows++;
            return true;
        }







        @Override
        public void close() {
            if (!closed) {
                closed = true;
                for (Source s : sources) {
                    if (s != null) {
                        s.csv.close();
                    }
                }
            }
        }
    }
}
