package io.capsim.workloads.usage;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.DoubleHistogram;

/**
 * Summary of a usage trace for {@code capsim trace inspect}: rows, pods, time span, and per field
 * the distribution of its values (HdrHistogram, 3 significant digits), plus usage over request
 * for CPU and memory when both are given. One pass; memory follows the pods and the histograms'
 * ranges, not the trace's length.
 */
public final class UsageStats {

    private long rows;
    private long skipped;
    private long filtered;
    private double first = Double.POSITIVE_INFINITY;
    private double last = Double.NEGATIVE_INFINITY;
    private final Set<String> pods = new HashSet<>();
    private final Map<UsageField, DoubleHistogram> values = new EnumMap<>(UsageField.class);
    private final DoubleHistogram cpuRatio = new DoubleHistogram(3);
    private final DoubleHistogram memRatio = new DoubleHistogram(3);

    private UsageStats() {}

    private static final UsageField[] FIELDS = UsageField.values();

    /** Reads the cursor to its end (it is not closed). */
    public static UsageStats of(UsageCursor c) {
        UsageStats s = new UsageStats();
        while (c.advance()) {
            s.rows++;
            s.pods.add(c.pod());
            s.first = Math.min(s.first, c.timeSeconds());
            s.last = Math.max(s.last, c.timeSeconds());
            for (UsageField f : FIELDS) {
                double v = c.value(f);
                if (!Double.isNaN(v)) {
                    s.values.computeIfAbsent(f, k -> new DoubleHistogram(3)).recordValue(v);
                }
            }
            ratio(s.cpuRatio, c.value(UsageField.CPU_USED_MILLIS), c.value(UsageField.CPU_REQUEST_MILLIS));
            ratio(s.memRatio, c.value(UsageField.MEMORY_USED_MIB), c.value(UsageField.MEMORY_REQUEST_MIB));
        }
        s.skipped = c.skippedRows();
        s.filtered = c.filteredRows();
        return s;
    }

    private static void ratio(DoubleHistogram h, double used, double request) {
        if (!Double.isNaN(used) && !Double.isNaN(request) && request > 0) {
            h.recordValue(used / request);
        }
    }

    /** Rows delivered. */
    public long rows() {
        return rows;
    }

    /** Distinct pods. */
    public int pods() {
        return pods.size();
    }

    /** Time span from the first to the last row, seconds (0 without rows). */
    public double spanSeconds() {
        return rows == 0 ? 0 : last - first;
    }

    /** The fields seen. */
    public Set<UsageField> fields() {
        return values.keySet();
    }

    /** The p-th percentile of a field's values (NaN if it has none). */
    public double percentile(UsageField f, double p) {
        DoubleHistogram h = values.get(f);
        return h == null ? Double.NaN : h.getValueAtPercentile(p);
    }

    /** The text of {@code stats.txt}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "rows              %d%n", rows));
        if (skipped > 0 || filtered > 0) {
            sb.append(String.format(Locale.ROOT, "skipped (bad)     %d%nleft out (rule)   %d%n", skipped, filtered));
        }
        sb.append(String.format(Locale.ROOT, "pods              %d%n", pods.size()));
        sb.append(String.format(Locale.ROOT, "span              %.0f s (%.2f days)%n", spanSeconds(),
                spanSeconds() / 86400));
        for (Map.Entry<UsageField, DoubleHistogram> e : values.entrySet()) {
            line(sb, e.getKey().key() + " (" + e.getKey().unit() + ")", e.getValue());
        }
        if (cpuRatio.getTotalCount() > 0) {
            line(sb, "CPU used / requested", cpuRatio);
        }
        if (memRatio.getTotalCount() > 0) {
            line(sb, "memory used / requested", memRatio);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, DoubleHistogram h) {
        sb.append(String.format(Locale.ROOT, "%-24s n %d, mean %.4g, p50 %.4g, p90 %.4g, p99 %.4g, max %.4g%n", name,
                h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue()));
    }
}
