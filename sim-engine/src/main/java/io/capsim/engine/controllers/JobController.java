package io.capsim.engine.controllers;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodGroup;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.DurationDistribution;
import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.LatencyRecorder;
import io.capsim.engine.workload.JobSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Kubernetes' Job controller for the jobs of a run: every submitted instance gets its pods (named
 * {@code <job>-<n>-<k>}, in one pod group when the job is a gang), which run for the instance's
 * runtime. A pod that is preempted or evicted counts as a failure: it is recreated (a gang is torn
 * down and recreated whole, so it never runs partially) until the instance has failed more than
 * {@code backoffLimit} times, when it fails. An instance completes when all its pods have
 * succeeded. Keyed by instance.
 *
 * <p>Checkpoints (a training job's): a pod's run writes a checkpoint after every
 * {@code checkpointInterval} of work, each taking {@code checkpointCost}, so a run of work W takes
 * {@link JobSpec#runTicks}. A failed pod's replacement (a gang's: every replacement) starts from the
 * last checkpoint its run completed, and the work since then is lost. Without checkpoints a failed
 * pod starts over. Work advances only once a pod is Ready (after its startup time), and a gang's
 * work only while all its pods run.
 */
public final class JobController implements Controller, ClusterListener {

    /** Registered name. */
    public static final String NAME = "job";

    private final List<JobSpec> jobs;
    private final Map<String, Integer> index = new HashMap<>();
    private final DurationDistribution[] runtimes;
    private final long measureFrom;
    private final Stats[] stats;
    private Instance[] table = new Instance[64];
    private int[] free = new int[64];
    private int freeTop;
    private int used;
    private long nextUid = 1;
    private ControllerContext ctx;

    /** One submitted instance. */
    private static final class Instance {
        int job;
        int slot;
        long uid;
        long number;
        long createdAt;
        long runtime;
        Resources requests;
        Set<String> gpuModels;
        final List<Pod> pods = new ArrayList<>();
        int running;
        int succeeded;
        int failures;
        int nextPod;
        long startedAt = -1;
        boolean everStarted;
        long partialSince = -1;
        long saved; // a gang's work saved by checkpoints
        final Map<Pod, Long> savedAtStart = new IdentityHashMap<>(); // work each live pod started from
        final ArrayDeque<Long> toResume = new ArrayDeque<>(); // saved work of failed pods to recreate (no gang)
        boolean teardown;
        boolean measured;

        long key() {
            return ((long) (int) uid << 32) | slot;
        }
    }

    private static final class Stats {
        long nextNumber;
        long submitted;
        long completed;
        long failed;
        LatencyRecorder queueing = new LatencyRecorder();
        LatencyRecorder completion = new LatencyRecorder();
        long podFailures;
        long gangRestarts;
        long partialTicks;
        final Histogram slowdown = new Histogram(3);
        double gpuTicksAllocated;
        double gpuTicksUseful;
        double gpuTicksLost;
    }

    /**
     * A controller for the given jobs.
     *
     * @param runtimes per job, the sampler of instance runtimes, or null where every instance
     *     brings its own
     * @param measureFromTicks start of the measured window: instances submitted before are not counted
     */
    public JobController(List<JobSpec> jobs, List<DurationDistribution> runtimes, long measureFromTicks) {
        this.jobs = List.copyOf(jobs);
        this.runtimes = runtimes.toArray(new DurationDistribution[0]);
        this.measureFrom = measureFromTicks;
        stats = new Stats[jobs.size()];
        for (int k = 0; k < jobs.size(); k++) {
            stats[k] = new Stats();
            if (index.put(jobs.get(k).name(), k) != null) {
                throw new IllegalArgumentException("two jobs are named " + jobs.get(k).name());
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ControllerContext context) {
        this.ctx = context;
        context.watch(this);
    }

    /** Index of job {@code name}, or -1. */
    public int jobIndex(String name) {
        Integer k = index.get(name);
        return k == null ? -1 : k;
    }

    /**
     * Submits one instance of job {@code job} now.
     *
     * @param runtimeTicks the instance's runtime, or -1 to draw it from the job's distribution
     * @param requests requests of each pod instead of the template's, or null
     * @param gpuModels accepted GPU models instead of the template's, or null
     */
    public void submit(int job, long runtimeTicks, Resources requests, Set<String> gpuModels) {
        Instance in = new Instance();
        in.job = job;
        in.uid = nextUid++;
        in.number = stats[job].nextNumber++;
        in.createdAt = ctx.now();
        in.measured = in.createdAt >= measureFrom;
        if (runtimeTicks >= 0) {
            in.runtime = runtimeTicks;
        } else if (runtimes[job] != null) {
            in.runtime = runtimes[job].sampleTicks();
        } else {
            throw new IllegalStateException("job " + jobs.get(job).name()
                    + " has no runtime, and the arrival that submitted it carried none");
        }
        in.requests = requests;
        in.gpuModels = gpuModels;
        if (freeTop > 0) {
            in.slot = free[--freeTop];
        } else {
            if (used == table.length) {
                table = Arrays.copyOf(table, used * 2);
                free = Arrays.copyOf(free, used * 2);
            }
            in.slot = used++;
        }
        table[in.slot] = in;
        if (in.measured) {
            stats[job].submitted++;
        }
        ctx.enqueue(in.key());
    }

    private Instance instance(long key) {
        int slot = (int) key;
        Instance in = slot >= 0 && slot < used ? table[slot] : null;
        return in != null && (int) in.uid == (int) (key >>> 32) ? in : null;
    }

    private Instance instanceOf(Pod pod) {
        if (pod.spec().owner().kind() != Owner.Kind.JOB) {
            return null;
        }
        Instance in = instance(pod.tag());
        return in != null && in.job == jobIndex(pod.spec().owner().name()) ? in : null;
    }

    private void retire(Instance in) {
        table[in.slot] = null;
        free[freeTop++] = in.slot;
    }

    @Override
    public void podBound(Pod pod) {
        Instance in = instanceOf(pod);
        if (in == null) {
            return;
        }
        runningChanged(in, +1);
        JobSpec j = jobs.get(in.job);
        if (in.startedAt < 0 && in.running == j.parallelism() - in.succeeded) {
            boolean first = !in.everStarted;
            in.startedAt = ctx.now();
            in.everStarted = true;
            if (in.measured && first) { // a restart after a failure is not queueing again: slowdown shows it
                stats[in.job].queueing.recordTicks(in.startedAt - in.createdAt);
            }
        }
    }

    @Override
    public void podEnded(Pod pod) {
        Instance in = instanceOf(pod);
        if (in == null) {
            return;
        }
        in.pods.remove(pod);
        JobSpec j = jobs.get(in.job);
        Stats st = stats[in.job];
        Long started = in.savedAtStart.remove(pod);
        long from = started == null ? 0 : started;
        double gpus = gpus(pod);
        if (pod.boundAt() >= 0) {
            runningChanged(in, -1);
            if (in.measured) {
                st.gpuTicksAllocated += gpus * (pod.endedAt() - pod.boundAt());
            }
        }
        if (pod.endReason() == PodEndReason.SUCCEEDED) {
            in.succeeded++;
            if (in.measured) {
                st.gpuTicksUseful += gpus * (in.runtime - from);
            }
        } else if (!in.teardown) { // preempted, evicted, or deleted by someone else
            in.failures++;
            if (in.measured) {
                st.podFailures++;
            }
            if (j.gang()) {
                in.teardown = true;
                gangFailed(in, j, st, pod);
            } else {
                long ran = pod.readyAt() >= 0 ? pod.endedAt() - pod.readyAt() : 0;
                long kept = j.savedBy(ran, in.runtime - from);
                in.toResume.add(from + kept);
                if (in.measured) {
                    st.gpuTicksUseful += gpus * kept;
                    st.gpuTicksLost += gpus * j.lostBy(ran, in.runtime - from);
                }
            }
        }
        ctx.enqueue(in.key());
    }

    /**
     * Member {@code failed} of a gang failed: the gang's work advanced while all its members ran
     * (from the last of them Ready until now); what its checkpoints saved is kept, the rest is lost
     * on every member.
     */
    private void gangFailed(Instance in, JobSpec j, Stats st, Pod failed) {
        long allReady = failed.readyAt();
        boolean allRan = allReady >= 0 && in.pods.size() + 1 + in.succeeded == j.parallelism();
        double gpus = gpus(failed);
        for (Pod p : in.pods) {
            allRan &= p.readyAt() >= 0 && p.endedAt() < 0;
            allReady = Math.max(allReady, p.readyAt());
            gpus += gpus(p);
        }
        long ran = allRan ? ctx.now() - allReady : 0;
        long remaining = in.runtime - in.saved;
        long kept = j.savedBy(ran, remaining);
        in.saved += kept;
        if (in.measured) {
            st.gpuTicksUseful += gpus * kept;
            st.gpuTicksLost += gpus * j.lostBy(ran, remaining);
        }
    }

    /** GPUs a pod requests (whole devices or shares). */
    private static double gpus(Pod pod) {
        return pod.requests().gpuMilliTotal() / 1000.0;
    }

    private void runningChanged(Instance in, int delta) {
        JobSpec j = jobs.get(in.job);
        long now = ctx.now();
        if (j.gang() && in.partialSince >= 0) {
            if (in.measured) {
                stats[in.job].partialTicks += now - in.partialSince;
            }
            in.partialSince = -1;
        }
        in.running += delta;
        if (j.gang() && in.running > 0 && in.running < j.gangMinMember()) {
            in.partialSince = now;
        }
    }

    @Override
    public long reconcile(long key) {
        Instance in = instance(key);
        if (in == null) {
            return NO_REQUEUE;
        }
        JobSpec j = jobs.get(in.job);
        Stats st = stats[in.job];
        if (in.succeeded >= j.parallelism()) {
            if (in.measured) {
                st.completed++;
                st.completion.recordTicks(ctx.now() - in.createdAt);
                if (in.runtime > 0) {
                    st.slowdown.recordValue(Math.round(1000.0 * (ctx.now() - in.createdAt) / in.runtime));
                }
            }
            retire(in);
            return NO_REQUEUE;
        }
        if (in.failures > j.backoffLimit()) {
            in.teardown = true;
            deleteAll(in);
            if (in.measured) {
                st.failed++;
            }
            retire(in);
            return NO_REQUEUE;
        }
        if (in.teardown) {
            deleteAll(in);
            in.teardown = false;
            in.succeeded = 0;
            in.startedAt = -1;
            in.toResume.clear();
            if (in.measured) {
                st.gangRestarts++;
            }
        }
        int missing = j.parallelism() - in.succeeded - in.pods.size();
        for (int k = 0; k < missing; k++) {
            long from = j.gang() ? in.saved : in.toResume.isEmpty() ? 0 : in.toResume.poll();
            Pod p = ctx.api().createPod(podSpec(in, j, in.nextPod++, from), in.key());
            in.pods.add(p);
            in.savedAtStart.put(p, from);
        }
        return NO_REQUEUE;
    }

    private void deleteAll(Instance in) {
        for (Pod p : new ArrayList<>(in.pods)) {
            if (!p.phase().isTerminal()) {
                ctx.api().deletePod(p, PodEndReason.DELETED);
            }
        }
        in.pods.clear();
    }

    /** Pod {@code k} of an instance, resuming from {@code saved} ticks of work done. */
    private PodSpec podSpec(Instance in, JobSpec j, int k, long saved) {
        String base = j.name() + "-" + in.number;
        PodSpec.Builder b = j.template().toBuilder().name(base + "-" + k).owner(Owner.job(j.name()))
                .durationTicks(j.runTicks(in.runtime - saved));
        if (j.gang()) {
            b.podGroup(new PodGroup(base, j.gangMinMember(), j.gangTimeoutTicks()));
        }
        if (in.requests != null) {
            b.requests(in.requests);
        }
        if (in.gpuModels != null) {
            b.gpuModels(in.gpuModels);
        }
        return b.build();
    }

    /** Forgets the counts so far; instances submitted from now on are measured. */
    public void startMeasuring() {
        // Instances are measured by their submission time; nothing to reset.
    }

    private static double hours(double gpuTicks) {
        return gpuTicks / (3600.0 * SimTime.SECOND);
    }

    /** What the instances of each job did, at time {@code now}. */
    public List<JobResult> results(long now) {
        long[] running = new long[jobs.size()];
        long[] waiting = new long[jobs.size()];
        double[] allocatedSoFar = new double[jobs.size()];
        for (int s = 0; s < used; s++) {
            Instance in = table[s];
            if (in == null || !in.measured) {
                continue;
            }
            if (in.partialSince >= 0) {
                stats[in.job].partialTicks += now - in.partialSince;
                in.partialSince = now;
            }
            if (in.startedAt >= 0) {
                running[in.job]++;
            } else {
                waiting[in.job]++;
            }
            for (Pod p : in.pods) {
                if (p.boundAt() >= 0) {
                    allocatedSoFar[in.job] += gpus(p) * (now - p.boundAt());
                }
            }
        }
        List<JobResult> out = new ArrayList<>();
        for (int k = 0; k < jobs.size(); k++) {
            JobSpec j = jobs.get(k);
            Stats st = stats[k];
            out.add(new JobResult(j.name(), j.parallelism(), j.gang(), st.submitted, st.completed, st.failed,
                    running[k], waiting[k], st.queueing.histogram(), st.queueing.meanMillis(),
                    st.completion.histogram(), st.completion.meanMillis(), st.podFailures, st.gangRestarts,
                    SimTime.toSeconds(st.partialTicks), st.slowdown.copy(),
                    hours(st.gpuTicksAllocated + allocatedSoFar[k]), hours(st.gpuTicksUseful), hours(st.gpuTicksLost)));
        }
        return out;
    }
}
