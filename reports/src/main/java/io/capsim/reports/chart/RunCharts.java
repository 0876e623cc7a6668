package io.capsim.reports.chart;

import io.capsim.reports.saved.SavedRun;
import io.capsim.reports.model.TimeTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The charts of a run's report, drawn from its saved results alone ({@code .hgrm} spectra and
 * {@code timeseries.csv}); a chart whose data the run lacks is left out.
 */
public final class RunCharts {

    /** Width of every chart, pixels. */
    public static final int WIDTH = 900;

    /**
     * One chart.
     *
     * @param file its file name
     * @param caption what it shows
     * @param png the image
     */
    public record Chart(String file, String caption, byte[] png) {
        public Chart {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(png, "png");
        }
    }

    /** Draws one chart into bytes. */
    @FunctionalInterface
    public interface Drawing {
        void draw(java.io.OutputStream out) throws IOException;
    }

    private RunCharts() {}

    /** The charts, in display order. */
    public static List<Chart> of(SavedRun run) throws IOException {
        String name = run.summary().path("scenario").asText(run.label());
        List<Pending> out = new ArrayList<>();
        if (!run.spectra().isEmpty()) {
            out.add(new Pending("latency-percentiles.png", "Response time by percentile, per service (warm-up excluded)",
                    o -> PercentileChart.writePng(name + ": response time by percentile", run.spectra(), WIDTH, 500, o)));
        }
        TimeTable t = run.series();
        if (t == null || t.rows() == 0) {
            return drawInOrder(out);
        }
        List<String> services = t.suffixes("latency-p99-ms/");
        if (!services.isEmpty()) {
            List<TimelineChart.Line> lines = new ArrayList<>();
            List<TimelineChart.Line> rates = new ArrayList<>();
            double[] width = binWidths(t.seconds());
            for (int i = 0; i < services.size(); i++) {
                String s = services.get(i);
                lines.add(new TimelineChart.Line(s + " p99", t.column("latency-p99-ms/" + s), i, false));
                lines.add(new TimelineChart.Line(s + " p50", t.column("latency-p50-ms/" + s), i, true));
                rates.add(new TimelineChart.Line(s + " arrived", perSecond(t.column("arrivals/" + s), width), i, false));
                rates.add(new TimelineChart.Line(s + " served", perSecond(t.column("completions/" + s), width), i, true));
            }
            out.add(new Pending("latency-over-time.png", "p99 (solid) and p50 (dashed) response time of the requests "
                    + "completed in each time bin; the scenario format has no SLO field, so no SLO line is drawn",
                    o -> TimelineChart.writePng(name + ": response time over time", t.seconds(),
                            List.of(new TimelineChart.Panel("Response time (ms)", lines, true, false)), 1, WIDTH, 450, o)));
            out.add(new Pending("arrivals-vs-served.png", "Requests arrived (solid) and served (dashed) per second, per time bin",
                    o -> TimelineChart.writePng(name + ": arrival rate vs served rate", t.seconds(),
                            List.of(new TimelineChart.Panel("Requests per second", rates, false, true)), 1, WIDTH, 450, o)));
        }
        List<TimelineChart.Line> alloc = new ArrayList<>();
        int c = 0;
        for (String r : List.of("cpu", "memory", "gpu")) {
            if (t.column("allocated-" + r) != null) {
                alloc.add(new TimelineChart.Line(r + " allocated", t.column("allocated-" + r), c, false));
                if (t.column("used-" + r) != null) {
                    alloc.add(new TimelineChart.Line(r + " used", t.column("used-" + r), c, true));
                }
            }
            c++;
        }
        if (!alloc.isEmpty()) {
            out.add(new Pending("allocation.png", "Allocated (requested, solid) and used (dashed) share of the cluster's "
                    + "capacity over time, per resource",
                    o -> TimelineChart.writePng(name + ": allocated vs used", t.seconds(),
                            List.of(new TimelineChart.Panel("Share of capacity (%)", alloc, false, true)), 100, WIDTH,
                            450, o)));
        }
        if (t.column("pending-pods") != null) {
            List<TimelineChart.Panel> panels = new ArrayList<>();
            panels.add(new TimelineChart.Panel("Pending pods",
                    List.of(new TimelineChart.Line("pending pods", t.column("pending-pods"), 0, false)), false, true, true));
            if (t.column("scheduling-delay-ms") != null) {
                panels.add(new TimelineChart.Panel("Creation to bind (ms)", List.of(new TimelineChart.Line(
                        "mean creation-to-bind time of the pods bound in the bin", t.column("scheduling-delay-ms"), 1,
                        false)), true, false));
            }
            out.add(new Pending("pending-pods.png", "Pods waiting for the scheduler, and the scheduling delay of the pods "
                    + "bound in each bin", o -> TimelineChart.writePng(name + ": pending pods and scheduling delay",
                            t.seconds(), panels, 1, WIDTH, 500, o)));
        }
        List<String> ready = t.suffixes("ready-replicas/");
        if (!ready.isEmpty() || t.column("nodes") != null) {
            List<TimelineChart.Panel> panels = new ArrayList<>();
            if (!ready.isEmpty()) {
                List<TimelineChart.Line> lines = new ArrayList<>();
                for (int i = 0; i < ready.size(); i++) {
                    lines.add(new TimelineChart.Line(ready.get(i) + " ready replicas",
                            t.column("ready-replicas/" + ready.get(i)), i, false));
                }
                panels.add(new TimelineChart.Panel("Ready replicas", lines, false, true, true));
            }
            if (t.column("nodes") != null) {
                List<TimelineChart.Line> nodeLines = new ArrayList<>();
                nodeLines.add(new TimelineChart.Line("nodes", t.column("nodes"), 7, false));
                List<String> pools = t.suffixes("nodes/");
                for (int i = 0; i < pools.size(); i++) {
                    nodeLines.add(new TimelineChart.Line("pool " + pools.get(i), t.column("nodes/" + pools.get(i)), i,
                            true));
                }
                panels.add(new TimelineChart.Panel(pools.isEmpty() ? "Nodes" : "Nodes (all, and per pool dashed)",
                        nodeLines, false, true, true));
            }
            out.add(new Pending("ready-replicas.png", "Ready replicas per service and nodes in the cluster over time"
                    + (t.suffixes("nodes/").isEmpty() ? "" : ", per node pool as the cluster autoscaler adds and removes them"),
                    o -> TimelineChart.writePng(name + ": replicas and nodes", t.seconds(), panels, 1, WIDTH, 500, o)));
        }
        if (t.column("gpu-fragmentation") != null) {
            out.add(new Pending("gpu-fragmentation.png", "Fragmented GPUs (FGD's measure against the expected pod mix) over time",
                    o -> TimelineChart.writePng(name + ": GPU fragmentation", t.seconds(), List.of(
                            new TimelineChart.Panel("Fragmented GPUs", List.of(new TimelineChart.Line("fragmented GPUs",
                                    t.column("gpu-fragmentation"), 0, false)), false, true)), 1, WIDTH, 450, o)));
        }
        List<String> llm = t.suffixes("llm-batch/");
        if (!llm.isEmpty()) {
            List<TimelineChart.Line> batch = new ArrayList<>();
            List<TimelineChart.Line> kv = new ArrayList<>();
            for (int i = 0; i < llm.size(); i++) {
                String s = llm.get(i);
                batch.add(new TimelineChart.Line(s + " running requests", t.column("llm-batch/" + s), i, false));
                double[] use = t.column("llm-kv-cache/" + s).clone();
                for (int k = 0; k < use.length; k++) {
                    use[k] *= 100;
                }
                kv.add(new TimelineChart.Line(s + " KV cache in use", use, i, true));
            }
            out.add(new Pending("llm-batch.png", "LLM services: requests in the running batch (all replicas) and the share "
                    + "of their KV cache in use over time", o -> TimelineChart.writePng(name + ": LLM batch and KV cache",
                            t.seconds(), List.of(new TimelineChart.Panel("Running requests", batch, false, true),
                                    new TimelineChart.Panel("KV cache in use (%)", kv, false, true)), 1, WIDTH, 500, o)));
        }
        List<String> sized = t.suffixes("cpu-allocated/");
        if (!sized.isEmpty()) {
            List<TimelineChart.Line> lines = new ArrayList<>();
            for (int i = 0; i < sized.size(); i++) {
                String s = sized.get(i);
                lines.add(new TimelineChart.Line(s + " allocated", t.column("cpu-allocated/" + s), i, false));
                lines.add(new TimelineChart.Line(s + " used", t.column("cpu-used/" + s), i, true));
            }
            out.add(new Pending("cpu-sizing.png", "Services with sizing: CPU allocated to their pods (solid) against the "
                    + "CPU their replicas use (dashed) over time", o -> TimelineChart.writePng(name
                            + ": CPU allocated and used", t.seconds(), List.of(new TimelineChart.Panel("CPU (cores)",
                                    lines, false, true)), 1, WIDTH, 500, o)));
        }
        return drawInOrder(out);
    }

    /** A chart still to draw. */
    public record Pending(String file, String caption, Drawing drawing) {}

    /**
     * Draws the charts, several at once on the common pool (PNG encoding is most of a report's
     * time; a chart's bytes do not depend on the thread that draws it), in the order given: for a
     * comparison, drawn when nothing else runs (at the end of a sweep).
     */
    public static List<Chart> drawAll(List<Pending> pending) throws IOException {
        try {
            return pending.parallelStream().map(p -> {
                try {
                    return chart(p.file(), p.caption(), p.drawing());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Draws the charts one after the other, on the calling thread: a run's report is drawn on the
     * thread that ran it, and a sweep runs several at once.
     */
    static List<Chart> drawInOrder(List<Pending> pending) throws IOException {
        List<Chart> out = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            out.add(chart(p.file(), p.caption(), p.drawing()));
        }
        return out;
    }

    /** Draws a chart into memory. */
    public static Chart chart(String file, String caption, Drawing d) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64 * 1024);
        d.draw(b);
        return new Chart(file, caption, b.toByteArray());
    }

    /** Width of the bin ending at each row, seconds; NaN for the first row. */
    static double[] binWidths(double[] seconds) {
        double[] w = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            w[i] = i == 0 ? Double.NaN : seconds[i] - seconds[i - 1];
        }
        return w;
    }

    /** Counts per bin as rates per second. */
    static double[] perSecond(double[] counts, double[] widths) {
        double[] r = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            r[i] = widths[i] > 0 ? counts[i] / widths[i] : Double.NaN;
        }
        return r;
    }
}
