package io.capsim.engine.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * Pools the results of independent replications of one model into one result, read as if the
 * replications had been one run of R times the length (they have equal simulated and measured
 * lengths):
 *
 * <ul>
 *   <li>histograms are merged exactly ({@link Histogram#add}), so pooled percentiles are those of
 *       every recorded value together;
 *   <li>counters (requests, instances, binds, events, ...) and accumulated amounts (simulated and
 *       measured seconds, node-hours, cost, lost pod-seconds, partial gang seconds) are summed;
 *   <li>time averages (ready replicas, utilization, queue length, pending pods, allocated and used
 *       shares, fragmentation) are averaged with equal weights;
 *   <li>exact means of a histogram's values (response, wait, queueing delay, completion,
 *       creation-to-bind) are weighted by that histogram's count (NaN when every count is 0);
 *   <li>maxima are maxima; values "at the end" are the last replication's; configuration (names,
 *       desired replicas, concurrency, pools, capacity, profiles) is the first replication's;
 *   <li>unschedulable owners are merged by (owner, kind) in order of first appearance: pods summed,
 *       the earliest time and its reason kept;
 *   <li>time series are the first replication's (charts show one replication).
 * </ul>
 *
 * <p>Deterministic: values are combined in list order, so the same list gives the same result.
 */
public final class RunResultPool {

    private RunResultPool() {}

    /**
     * The pooled result of {@code runs}, which must be replications of one model (same services,
     * jobs and pools in the same order).
     *
     * @throws IllegalArgumentException if {@code runs} is empty or the runs do not match
     */
    public static RunResult pool(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to pool");
        }
        if (runs.size() == 1) {
            return runs.get(0);
        }
        RunResult first = runs.get(0);
        for (RunResult r : runs) {
            if (r.services().size() != first.services().size() || r.jobs().size() != first.jobs().size()
                    || r.sessions().size() != first.sessions().size()) {
                throw new IllegalArgumentException("runs of different models cannot be pooled");
            }
        }
        List<ServiceResult> services = new ArrayList<>();
        for (int k = 0; k < first.services().size(); k++) {
            int i = k;
            services.add(service(runs.stream().map(r -> r.services().get(i)).toList()));
        }
        List<JobResult> jobs = new ArrayList<>();
        for (int k = 0; k < first.jobs().size(); k++) {
            int i = k;
            jobs.add(job(runs.stream().map(r -> r.jobs().get(i)).toList()));
        }
        return new RunResult(sum(runs, RunResult::simulatedSeconds), sum(runs, RunResult::measuredSeconds),
                sumLong(runs, RunResult::eventsExecuted), services, jobs,
                scheduler(runs.stream().map(RunResult::scheduler).toList()),
                cluster(runs.stream().map(RunResult::cluster).toList()), first.timeSeries(), sessions(runs));
    }

    /** Agent sessions pooled per stream: counts summed, histograms merged, means weighted by count. */
    private static List<SessionResult> sessions(List<RunResult> runs) {
        List<SessionResult> out = new ArrayList<>();
        for (int k = 0; k < runs.get(0).sessions().size(); k++) {
            int i = k;
            List<SessionResult> s = runs.stream().map(r -> r.sessions().get(i)).toList();
            SessionResult f = s.get(0);
            out.add(new SessionResult(f.name(), f.service(), f.agentService(), sumLong(s, SessionResult::started),
                    sumLong(s, SessionResult::completed), sumLong(s, SessionResult::failed),
                    sumLong(s, SessionResult::unfinished), merge(s, SessionResult::completionMicros),
                    weighted(s, SessionResult::meanCompletionMs, SessionResult::completionMicros),
                    merge(s, SessionResult::callsPerSession),
                    weighted(s, SessionResult::meanCalls, SessionResult::callsPerSession),
                    sumLong(s, SessionResult::calls), sumLong(s, SessionResult::agentCalls),
                    sumLong(s, SessionResult::fanOuts)));
        }
        return out;
    }

    private static ServiceResult service(List<ServiceResult> s) {
        ServiceResult f = s.get(0);
        ServiceResult last = s.get(s.size() - 1);
        for (ServiceResult x : s) {
            if (!x.name().equals(f.name())) {
                throw new IllegalArgumentException("service " + x.name() + " where " + f.name() + " was expected");
            }
        }
        Map<String, Double> byPool = new TreeMap<>();
        for (ServiceResult x : s) {
            x.readyByPool().forEach((k, v) -> byPool.merge(k, v, Double::sum));
        }
        byPool.replaceAll((k, v) -> v / s.size());
        return new ServiceResult(f.name(), f.engine(), f.routing(), f.replicasDesired(),
                mean(s, ServiceResult::replicasReadyMean), last.replicasReadyAtEnd(), byPool,
                sumLong(s, ServiceResult::podsCreated), sumLong(s, ServiceResult::replicasPreempted),
                sumLong(s, ServiceResult::replicasEvicted), f.concurrency(), sumLong(s, ServiceResult::arrived),
                sumLong(s, ServiceResult::completed), sumLong(s, ServiceResult::rejected),
                sumLong(s, ServiceResult::failed), sumLong(s, ServiceResult::retried),
                sumLong(s, ServiceResult::unfinished), merge(s, ServiceResult::responseMicros),
                merge(s, ServiceResult::waitMicros), weighted(s, ServiceResult::meanResponseMs,
                        ServiceResult::responseMicros), weighted(s, ServiceResult::meanWaitMs, ServiceResult::waitMicros),
                mean(s, ServiceResult::slotUtilization), mean(s, ServiceResult::meanQueueLength),
                mean(s, ServiceResult::meanInService), mean(s, ServiceResult::cpuUsedMillis),
                mean(s, ServiceResult::memoryUsedMiB), mean(s, ServiceResult::gpuUsed), autoscaling(s),
                llm(s.stream().map(ServiceResult::llm).toList()), resize(s.stream().map(ServiceResult::resize).toList()),
                client(s.stream().map(ServiceResult::client).toList()));
    }

    /** Resize figures pooled: counts and core-hours summed, deferral waits of every replication together. */
    private static ResizeResult resize(List<ResizeResult> r) {
        if (r.get(0) == null) {
            return null;
        }
        List<Double> waits = new ArrayList<>();
        for (ResizeResult x : r) {
            for (double w : x.deferredWaitSeconds()) {
                waits.add(w);
            }
        }
        return new ResizeResult(sumLong(r, ResizeResult::requested), sumLong(r, ResizeResult::completed),
                sumLong(r, ResizeResult::deferred), sumLong(r, ResizeResult::infeasible),
                sumLong(r, ResizeResult::errored), sumLong(r, ResizeResult::refused), sumLong(r, ResizeResult::restarts),
                sumLong(r, ResizeResult::evictions), waits.stream().mapToDouble(Double::doubleValue).toArray(),
                sum(r, ResizeResult::allocatedCoreHours), sum(r, ResizeResult::usedCoreHours));
    }

    /** LLM figures pooled as the service's: histograms merged, counts summed, time averages and rates averaged. */
    private static LlmResult llm(List<LlmResult> l) {
        LlmResult f = l.get(0);
        if (f == null) {
            return null;
        }
        return new LlmResult(f.profile(), f.kvCacheTokens(), merge(l, LlmResult::ttftMicros),
                merge(l, LlmResult::tpotMicros), merge(l, LlmResult::itlMicros),
                weighted(l, LlmResult::meanTtftMs, LlmResult::ttftMicros),
                weighted(l, LlmResult::meanTpotMs, LlmResult::tpotMicros),
                weighted(l, LlmResult::meanItlMs, LlmResult::itlMicros), sumLong(l, LlmResult::outputTokens),
                mean(l, LlmResult::outputTokensPerSecond), sumLong(l, LlmResult::prefillTokens),
                sumLong(l, LlmResult::recomputedTokens), sumLong(l, LlmResult::steps),
                sumLong(l, LlmResult::preemptions), sumLong(l, LlmResult::refused), mean(l, LlmResult::meanBatch),
                mean(l, LlmResult::meanKvCacheUse), prefixCache(l.stream().map(LlmResult::prefixCache).toList()));
    }

    /** Client counts summed. */
    private static ClientResult client(List<ClientResult> c) {
        if (c.get(0) == null) {
            return null;
        }
        return new ClientResult(sumLong(c, ClientResult::timeouts), sumLong(c, ClientResult::retries),
                sumLong(c, ClientResult::abandoned), sumLong(c, ClientResult::wasted),
                sumLong(c, ClientResult::cancelled));
    }

    /** Prefix-cache counts summed. */
    private static LlmResult.PrefixCache prefixCache(List<LlmResult.PrefixCache> p) {
        if (p.get(0) == null) {
            return null;
        }
        return new LlmResult.PrefixCache(sumLong(p, LlmResult.PrefixCache::lookups),
                sumLong(p, LlmResult.PrefixCache::hits), sumLong(p, LlmResult.PrefixCache::promptTokens),
                sumLong(p, LlmResult.PrefixCache::hitTokens), sumLong(p, LlmResult.PrefixCache::evictedBlocks));
    }

    /**
     * An HPA's record: replication 1's scale events (as the charts show replication 1's time
     * series), the fewest and most replicas asked for in any replication, replication 1's last.
     */
    private static AutoscalingResult autoscaling(List<ServiceResult> s) {
        AutoscalingResult f = s.get(0).autoscaling();
        if (f == null) {
            return null;
        }
        int min = f.desiredMin();
        int max = f.desiredMax();
        for (ServiceResult x : s) {
            min = Math.min(min, x.autoscaling().desiredMin());
            max = Math.max(max, x.autoscaling().desiredMax());
        }
        return new AutoscalingResult(f.events(), min, max, f.desiredAtEnd());
    }

    private static JobResult job(List<JobResult> j) {
        JobResult f = j.get(0);
        return new JobResult(f.name(), f.parallelism(), f.gang(), sumLong(j, JobResult::submitted),
                sumLong(j, JobResult::completed), sumLong(j, JobResult::failed), sumLong(j, JobResult::running),
                sumLong(j, JobResult::waiting), merge(j, JobResult::queueingDelayMicros),
                weighted(j, JobResult::meanQueueingDelayMs, JobResult::queueingDelayMicros),
                merge(j, JobResult::completionMicros), weighted(j, JobResult::meanCompletionMs,
                        JobResult::completionMicros), sumLong(j, JobResult::podFailures),
                sumLong(j, JobResult::gangRestarts), sum(j, JobResult::partialGangSeconds),
                merge(j, JobResult::slowdownMilli), sum(j, JobResult::gpuHoursAllocated),
                sum(j, JobResult::gpuHoursUseful), sum(j, JobResult::gpuHoursLost));
    }

    private static SchedulerResult scheduler(List<SchedulerResult> s) {
        SchedulerResult f = s.get(0);
        Map<String, Long> byPlugin = new TreeMap<>();
        for (SchedulerResult x : s) {
            x.unschedulableByPlugin().forEach((k, v) -> byPlugin.merge(k, v, Long::sum));
        }
        Map<String, SchedulerResult.Unschedulable> owners = new LinkedHashMap<>();
        for (SchedulerResult x : s) {
            for (SchedulerResult.Unschedulable u : x.unschedulable()) {
                owners.merge(u.owner() + '\u0000' + u.neverSchedulable(), u, (a, b) -> {
                    SchedulerResult.Unschedulable early = b.firstSeconds() < a.firstSeconds() ? b : a;
                    return new SchedulerResult.Unschedulable(a.owner(), a.neverSchedulable(), a.pods() + b.pods(),
                            early.firstSeconds(), early.reason());
                });
            }
        }
        long pendingMax = 0;
        for (SchedulerResult x : s) {
            pendingMax = Math.max(pendingMax, x.pendingPodsMax());
        }
        return new SchedulerResult(f.profiles(), merge(s, SchedulerResult::creationToBindMicros),
                weighted(s, SchedulerResult::meanCreationToBindMs, SchedulerResult::creationToBindMicros),
                mean(s, SchedulerResult::pendingPodsMean), pendingMax, sumLong(s, SchedulerResult::cycles),
                sumLong(s, SchedulerResult::attempts), sumLong(s, SchedulerResult::unschedulableAttempts), byPlugin,
                sumLong(s, SchedulerResult::binds), sumLong(s, SchedulerResult::preemptions),
                sumLong(s, SchedulerResult::victims), sum(s, SchedulerResult::lostPodSeconds),
                sumLong(s, SchedulerResult::gangRejections), new ArrayList<>(owners.values()));
    }

    private static ClusterResult cluster(List<ClusterResult> c) {
        ClusterResult f = c.get(0);
        double fragMax = f.gpuFragmentationMax();
        for (ClusterResult x : c) {
            fragMax = Math.max(fragMax, x.gpuFragmentationMax());
        }
        return new ClusterResult(f.nodes(), f.pools(), f.cpuCapacityMillis(), f.memoryCapacityMiB(), f.gpus(),
                mean(c, ClusterResult::cpuAllocated), mean(c, ClusterResult::cpuUsed),
                mean(c, ClusterResult::memoryAllocated), mean(c, ClusterResult::memoryUsed),
                mean(c, ClusterResult::gpuAllocated), mean(c, ClusterResult::gpuUsed),
                mean(c, ClusterResult::gpuFragmentationMean), fragMax, sum(c, ClusterResult::nodeHours),
                sum(c, ClusterResult::cost), autoscaler(c), sum(c, ClusterResult::coreHoursAllocated),
                sum(c, ClusterResult::coreHoursUsed), sum(c, ClusterResult::gpuHoursAllocated),
                sum(c, ClusterResult::gpuHoursUsed));
    }

    /**
     * The cluster autoscalers pooled like the cluster's node-hours: counts, node-hours and cost
     * summed, mean nodes averaged, fewest and most over all replications; the events are the first
     * replication's (as the HorizontalPodAutoscaler's are, beside its time series).
     */
    private static ClusterAutoscalerResult autoscaler(List<ClusterResult> c) {
        ClusterAutoscalerResult f = c.get(0).autoscaler();
        if (f == null) {
            return null;
        }
        List<ClusterAutoscalerResult.Pool> pools = new ArrayList<>();
        for (int k = 0; k < f.pools().size(); k++) {
            int at = k;
            List<ClusterAutoscalerResult.Pool> ps = c.stream().map(x -> x.autoscaler().pools().get(at)).toList();
            ClusterAutoscalerResult.Pool p = ps.get(0);
            pools.add(new ClusterAutoscalerResult.Pool(p.name(), p.minCount(), p.maxCount(), p.nodesAtStart(),
                    p.nodesAtEnd(), ps.stream().mapToInt(ClusterAutoscalerResult.Pool::nodesLeast).min().orElse(0),
                    ps.stream().mapToInt(ClusterAutoscalerResult.Pool::nodesMost).max().orElse(0),
                    mean(ps, ClusterAutoscalerResult.Pool::nodesMean),
                    sumLong(ps, ClusterAutoscalerResult.Pool::scaleUps), sumLong(ps, ClusterAutoscalerResult.Pool::nodesAdded),
                    sumLong(ps, ClusterAutoscalerResult.Pool::scaleDowns),
                    sumLong(ps, ClusterAutoscalerResult.Pool::failedScaleUps),
                    sum(ps, ClusterAutoscalerResult.Pool::nodeHours), p.costPerNodeHour(),
                    sum(ps, ClusterAutoscalerResult.Pool::cost)));
        }
        return new ClusterAutoscalerResult(f.expander(), pools, f.events());
    }

    private static <T> Histogram merge(List<T> xs, Function<T, Histogram> h) {
        Histogram out = h.apply(xs.get(0)).copy();
        for (int k = 1; k < xs.size(); k++) {
            out.add(h.apply(xs.get(k)));
        }
        return out;
    }

    /** The mean of per-run means weighted by their histograms' counts; NaN if every count is 0. */
    private static <T> double weighted(List<T> xs, ToDoubleFunction<T> mean, Function<T, Histogram> h) {
        double total = 0;
        long n = 0;
        for (T x : xs) {
            long c = h.apply(x).getTotalCount();
            if (c > 0) {
                total += mean.applyAsDouble(x) * c;
                n += c;
            }
        }
        return n == 0 ? Double.NaN : total / n;
    }

    private static <T> double sum(List<T> xs, ToDoubleFunction<T> f) {
        double total = 0;
        for (T x : xs) {
            total += f.applyAsDouble(x);
        }
        return total;
    }

    private static <T> double mean(List<T> xs, ToDoubleFunction<T> f) {
        return sum(xs, f) / xs.size();
    }

    private static <T> long sumLong(List<T> xs, ToLongFunction<T> f) {
        long total = 0;
        for (T x : xs) {
            total += f.applyAsLong(x);
        }
        return total;
    }
}
