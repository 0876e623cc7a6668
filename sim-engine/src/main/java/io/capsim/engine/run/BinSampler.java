package io.capsim.engine.run;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.results.ClusterRecorder;
import io.capsim.engine.results.ServiceBins;
import io.capsim.engine.results.TimeSeries;
import io.capsim.engine.sched.SchedulerMetrics;
import io.capsim.engine.serving.Service;
import io.capsim.engine.serving.ServiceMeters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The per-bin columns of {@code timeseries.csv}, taken at each sample time for the bin that ends
 * there: per service, arrivals and completions in the bin, requests in flight at its end, p50 and
 * p99 of the response times completed in it (from each service's recycled {@link ServiceBins});
 * for the cluster, what is used of CPU, memory and GPU at the bin's end (serving replicas by their
 * usage model, other pods by their requests), the nodes, and the mean creation-to-bind time of the
 * pods bound in the bin. Warm-up included. Nothing here runs per request: the serving path only
 * records into {@link ServiceBins}.
 */
final class BinSampler {

    private final ClusterView cluster;
    private final ClusterRecorder recorder;
    private final SchedulerMetrics scheduler;
    private final Service[] services;
    private final long[] arrivalsBefore;
    private final TimeSeries[] arrivals;
    private final TimeSeries[] completions;
    private final TimeSeries[] inFlight;
    private final TimeSeries[] p50;
    private final TimeSeries[] p99;
    private final TimeSeries usedCpu;
    private final TimeSeries usedMem;
    private final TimeSeries usedGpu;
    private final TimeSeries nodes;
    private final TimeSeries bindDelay;
    private final int points; // samples a run takes
    private long bindsBefore;
    private double bindTicksBefore;

    BinSampler(Collection<Service> services, ClusterView cluster, ClusterRecorder recorder, SchedulerMetrics scheduler,
            int points) {
        this.points = points;
        usedCpu = newSeries("used-cpu", "fraction");
        usedMem = newSeries("used-memory", "fraction");
        usedGpu = cluster.gpuMilliCapacityTotal() > 0 ? newSeries("used-gpu", "fraction") // else as allocated-gpu
                : new TimeSeries("used-gpu", "fraction");
        nodes = newSeries("nodes", "nodes");
        bindDelay = newSeries("scheduling-delay-ms", "ms");
        this.cluster = cluster;
        this.recorder = recorder;
        this.scheduler = scheduler;
        this.services = services.toArray(new Service[0]);
        int n = this.services.length;
        arrivalsBefore = new long[n];
        arrivals = new TimeSeries[n];
        completions = new TimeSeries[n];
        inFlight = new TimeSeries[n];
        p50 = new TimeSeries[n];
        p99 = new TimeSeries[n];
        for (int i = 0; i < n; i++) {
            String s = this.services[i].name();
            arrivals[i] = newSeries("arrivals/" + s, "requests");
            completions[i] = newSeries("completions/" + s, "requests");
            inFlight[i] = newSeries("in-flight/" + s, "requests");
            p50[i] = newSeries("latency-p50-ms/" + s, "ms");
            p99[i] = newSeries("latency-p99-ms/" + s, "ms");
        }
    }

    private TimeSeries newSeries(String name, String unit) {
        return new TimeSeries(name, unit, points);
    }

    /** Closes the bin ending at {@code t} and starts the next. */
    void sample(long t) {
        double cpu = recorder.jobCpuMillisNow();
        double mem = recorder.jobMemoryMiBNow();
        double gpu = recorder.jobGpuMilliNow() / 1000.0;
        for (int i = 0; i < services.length; i++) {
            ServiceMeters s = services[i].meters();
            long a = s.arrivalsSinceStart();
            arrivals[i].record(t, a - arrivalsBefore[i]);
            arrivalsBefore[i] = a;
            ServiceBins b = s.bins();
            completions[i].record(t, b.completions());
            p50[i].record(t, b.percentileMillis(50));
            p99[i].record(t, b.percentileMillis(99));
            b.reset();
            inFlight[i].record(t, s.inService() + s.waiting());
            cpu += s.cpuUsedMillisNow();
            mem += s.memoryUsedMiBNow();
            gpu += s.gpusUsedNow();
        }
        usedCpu.record(t, ratio(cpu, cluster.cpuCapacityTotal()));
        usedMem.record(t, ratio(mem, cluster.memoryCapacityTotal()));
        if (cluster.gpuMilliCapacityTotal() > 0) {
            usedGpu.record(t, ratio(gpu, cluster.gpuMilliCapacityTotal() / 1000.0));
        }
        nodes.record(t, cluster.liveNodeCount());
        long binds = scheduler.bindsSinceStart();
        double ticks = scheduler.bindTicksSinceStart();
        bindDelay.record(t, binds > bindsBefore ? (ticks - bindTicksBefore) / (binds - bindsBefore) / 1e6 : Double.NaN);
        bindsBefore = binds;
        bindTicksBefore = ticks;
    }

    /** The cluster's columns: used per resource (GPU only with GPUs), nodes, scheduling delay. */
    List<TimeSeries> clusterSeries() {
        List<TimeSeries> out = new ArrayList<>(List.of(usedCpu, usedMem));
        if (usedGpu.size() > 0) {
            out.add(usedGpu);
        }
        out.add(nodes);
        out.add(bindDelay);
        return out;
    }

    /** The columns of service {@code i}: arrivals, completions, in flight, p50, p99. */
    List<TimeSeries> serviceSeries(int i) {
        return List.of(arrivals[i], completions[i], inFlight[i], p50[i], p99[i]);
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
