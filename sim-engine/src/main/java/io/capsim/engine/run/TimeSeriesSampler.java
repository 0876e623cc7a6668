package io.capsim.engine.run;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.Fragmentation;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.controllers.VerticalPodAutoscaler;
import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.results.ClusterRecorder;
import io.capsim.engine.results.TimeSeries;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.serving.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A run's time series, sampled every interval from the start to the end (warm-up included): pending
 * pods, allocated CPU, memory and GPU, GPU fragmentation (when the cluster has GPUs and the target
 * workload shapes), nodes per pool (with a cluster autoscaler), ready replicas per service, CPU
 * allocated, used and recommended per sized service, batch size and KV-cache use per LLM service,
 * and the per-bin columns of {@link BinSampler}. Also keeps the mean and maximum fragmentation
 * after the warm-up for the cluster result. One event per interval; nothing here runs per request.
 */
final class TimeSeriesSampler implements EventHandler {
    private final Simulator sim;
    private final ClusterState cluster;
    private final Scheduler scheduler;
    private final Service[] services;
    private final VerticalPodAutoscaler verticalAutoscalers; // null without a sized service
    private final long warmupTicks;
    private final long endTicks;
    private final long interval;
    private final Fragmentation.Tracker frag; // null without GPUs or target workload shapes
    private final BinSampler bins;
    private final int points; // samples a run takes: each series allocates them once
    private final TimeSeries pending;
    private final TimeSeries cpu;
    private final TimeSeries mem;
    private final TimeSeries gpu;
    private final TimeSeries fragmentation;
    private final List<TimeSeries> ready = new ArrayList<>();
    private final List<TimeSeries> llm = new ArrayList<>(); // batch, KV use per LLM service
    private final List<TimeSeries> poolNodes = new ArrayList<>(); // nodes per pool, with a cluster autoscaler
    private final List<String> poolNames = new ArrayList<>();
    private final List<TimeSeries> sizing = new ArrayList<>(); // allocated, used, recommended CPU per sized service
    private double fragSum;
    private double fragMax = Double.NaN;
    private long fragSamples;

    /**
     * @param services the run's services, in the order of their columns
     * @param verticalAutoscalers the run's VPA, or null if no service is sized
     */
    TimeSeriesSampler(RunSpec spec, Simulator sim, ClusterState cluster, ClusterRecorder recorder, Scheduler scheduler,
            Collection<Service> services, VerticalPodAutoscaler verticalAutoscalers) {
        this.sim = sim;
        this.cluster = cluster;
        this.scheduler = scheduler;
        this.services = services.toArray(new Service[0]);
        this.verticalAutoscalers = verticalAutoscalers;
        warmupTicks = spec.warmupTicks();
        endTicks = spec.durationTicks();
        interval = Math.max(spec.sampleIntervalTicks(),
                (spec.durationTicks() + ClusterSimulation.MAX_SAMPLES - 1) / ClusterSimulation.MAX_SAMPLES);
        points = (int) Math.min(ClusterSimulation.MAX_SAMPLES, endTicks / interval) + 2; // the first, every interval, the end
        pending = newSeries("pending-pods", "pods");
        cpu = newSeries("allocated-cpu", "fraction");
        mem = newSeries("allocated-memory", "fraction");
        boolean gpus = cluster.gpuMilliCapacityTotal() > 0;
        frag = gpus && !spec.targetWorkload().shapes().isEmpty()
                ? new Fragmentation(spec.targetWorkload(), cluster).tracker() : null;
        // Without GPUs at the start these record nothing unless an autoscaler adds GPU nodes: no
        // room reserved for them (a series grows when it must).
        gpu = gpus ? newSeries("allocated-gpu", "fraction") : new TimeSeries("allocated-gpu", "fraction");
        fragmentation = frag != null ? newSeries("gpu-fragmentation", "GPUs") : new TimeSeries("gpu-fragmentation", "GPUs");
        bins = new BinSampler(services, cluster, recorder, scheduler.metrics(), points);
        if (spec.clusterAutoscaler() != null) {
            for (NodePoolSpec p : spec.pools()) {
                poolNames.add(p.name());
                poolNodes.add(newSeries("nodes/" + p.name(), "nodes"));
            }
        }
        for (Service s : this.services) {
            ready.add(newSeries("ready-replicas/" + s.name(), "replicas"));
        }
        for (Service s : this.services) {
            if (s.spec().sizing() != null) {
                sizing.add(newSeries("cpu-allocated/" + s.name(), "cores"));
                sizing.add(newSeries("cpu-used/" + s.name(), "cores"));
                sizing.add(newSeries("cpu-recommended/" + s.name(), "cores"));
            }
            if (s.llm() != null) {
                llm.add(newSeries("llm-batch/" + s.name(), "requests"));
                llm.add(newSeries("llm-kv-cache/" + s.name(), "fraction"));
            }
        }
    }

    private TimeSeries newSeries(String name, String unit) {
        return new TimeSeries(name, unit, points);
    }

    /** Takes the first sample now and schedules the next. */
    void start() {
        sample();
        sim.scheduleAfter(interval, this, 0, 0);
    }

    /** Forgets the fragmentation seen during the warm-up. */
    void startMeasuring() {
        fragSum = 0;
        fragSamples = 0;
        fragMax = Double.NaN;
    }

    @Override
    public void handle(int kind, long arg) {
        sample();
        long next = sim.now() + interval;
        if (next < endTicks) {
            sim.scheduleAt(next, this, 0, 0);
        }
    }

    /** Records one sample of every series at the current time. */
    void sample() {
        long t = sim.now();
        pending.record(t, scheduler.pendingCount());
        cpu.record(t, ratio(cluster.cpuUsedTotal(), cluster.cpuCapacityTotal()));
        mem.record(t, ratio(cluster.memoryUsedTotal(), cluster.memoryCapacityTotal()));
        if (cluster.gpuMilliCapacityTotal() > 0) {
            gpu.record(t, ratio(cluster.gpuMilliUsedTotal(), cluster.gpuMilliCapacityTotal()));
        }
        if (frag != null) {
            double f = frag.totalMilli() / 1000.0;
            fragmentation.record(t, f);
            if (t >= warmupTicks) {
                fragSum += f;
                fragSamples++;
                fragMax = Double.isNaN(fragMax) ? f : Math.max(fragMax, f);
            }
        }
        int k = 0;
        for (Service s : services) {
            ready.get(k++).record(t, s.meters().readyReplicas());
        }
        bins.sample(t);
        if (!poolNodes.isEmpty()) {
            int[] live = new int[poolNodes.size()];
            for (int i = 0; i < cluster.size(); i++) {
                int p = cluster.nodeRemoved(i) ? -1 : poolNames.indexOf(cluster.node(i).pool());
                if (p >= 0) {
                    live[p]++;
                }
            }
            for (int p = 0; p < live.length; p++) {
                poolNodes.get(p).record(t, live[p]);
            }
        }
        k = 0;
        for (Service s : services) {
            if (s.spec().sizing() != null) {
                sizing.get(k++).record(t, s.meters().allocatedCpuMillisNow() / 1000);
                sizing.get(k++).record(t, s.meters().cpuUsedMillisNow() / 1000);
                var rec = verticalAutoscalers.recommendation(s.name());
                sizing.get(k++).record(t, rec == null ? Double.NaN : rec.targetMillis() / 1000.0);
            }
        }
        k = 0;
        for (Service s : services) {
            if (s.llm() != null) {
                llm.get(k++).record(t, s.llm().batchNow());
                llm.get(k++).record(t, s.llm().kvUseNow());
            }
        }
    }

    /** Mean GPU fragmentation after the warm-up, GPUs; NaN if not tracked. */
    double fragmentationMean() {
        return fragSamples == 0 ? Double.NaN : fragSum / fragSamples;
    }

    /** Largest GPU fragmentation after the warm-up, GPUs; NaN if not tracked. */
    double fragmentationMax() {
        return fragMax;
    }

    /** Every series, in the order of the {@code timeseries.csv} columns. */
    List<TimeSeries> series() {
        List<TimeSeries> out = new ArrayList<>(List.of(pending, cpu, mem));
        if (gpu.size() > 0) {
            out.add(gpu);
        }
        if (fragmentation.size() > 0) {
            out.add(fragmentation);
        }
        out.addAll(bins.clusterSeries());
        out.addAll(poolNodes);
        for (int i = 0; i < ready.size(); i++) {
            out.addAll(bins.serviceSeries(i));
            out.add(ready.get(i));
        }
        out.addAll(llm);
        out.addAll(sizing);
        return out;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : a / (double) b;
    }
}
