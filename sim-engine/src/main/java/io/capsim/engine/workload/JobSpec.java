package io.capsim.engine.workload;

import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.random.DistributionSpec;
import java.util.Objects;

/**
 * A kind of batch or training job (a Kubernetes Job, or a JobSet of one replicated job): each
 * instance runs {@code parallelism} pods from {@code template} for its runtime, all together when
 * it is a gang.
 *
 * @param name job name (a DNS-1123 label); instances are {@code <name>-<n>}
 * @param template the pod template (its name is ignored; its duration is replaced by the runtime)
 * @param parallelism pods per instance, at least 1
 * @param gangMinMember with a gang, pods that must be placed together before any binds (the pod
 *     group's {@code minMember}), in [1, parallelism]; 0 for no gang
 * @param gangTimeoutTicks longest wait of a gang member at Permit, ticks (ignored without a gang)
 * @param runtime how long each instance's pods run once started, seconds; null when every
 *     instance comes from a trace row that carries its duration
 * @param backoffLimit pod failures (preempted or evicted pods) an instance survives; one more fails
 *     it, as Kubernetes' {@code backoffLimit}
 * @param checkpointIntervalTicks work between checkpoints, ticks; 0 for none (a failed pod or gang
 *     starts its work over)
 * @param checkpointCostTicks time a checkpoint takes, ticks, during which the work does not advance
 */
public record JobSpec(String name, PodSpec template, int parallelism, int gangMinMember, long gangTimeoutTicks,
        DistributionSpec runtime, int backoffLimit, long checkpointIntervalTicks, long checkpointCostTicks) {

    public JobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        if (parallelism < 1) {
            throw new IllegalArgumentException("job " + name + ": parallelism " + parallelism + " < 1");
        }
        if (gangMinMember < 0 || gangMinMember > parallelism) {
            throw new IllegalArgumentException("job " + name + ": gang minMember " + gangMinMember
                    + " is not in [0, " + parallelism + "]");
        }
        if (gangMinMember > 0 && gangTimeoutTicks < 1) {
            throw new IllegalArgumentException("job " + name + ": gang timeout must be positive");
        }
        if (backoffLimit < 0) {
            throw new IllegalArgumentException("job " + name + ": backoffLimit " + backoffLimit + " < 0");
        }
        if (checkpointIntervalTicks < 0 || checkpointCostTicks < 0) {
            throw new IllegalArgumentException("job " + name + ": negative checkpoint interval or cost");
        }
    }

    /** A job without checkpoints. */
    public JobSpec(String name, PodSpec template, int parallelism, int gangMinMember, long gangTimeoutTicks,
            DistributionSpec runtime, int backoffLimit) {
        this(name, template, parallelism, gangMinMember, gangTimeoutTicks, runtime, backoffLimit, 0, 0);
    }

    /**
     * Wall time a run takes to do {@code work} ticks of work from a checkpoint: the work, plus a
     * checkpoint after every {@code checkpointInterval} of it except at the end.
     */
    public long runTicks(long work) {
        if (checkpointIntervalTicks == 0 || work <= 0) {
            return Math.max(0, work);
        }
        return work + (checkpoints(work)) * checkpointCostTicks;
    }

    /** Checkpoints a run of {@code work} ticks of work writes (none at the very end). */
    private long checkpoints(long work) {
        return (work - 1) / checkpointIntervalTicks; // ceil(work / interval) - 1
    }

    /**
     * Work saved by the checkpoints a run completed before it stopped {@code elapsed} ticks after it
     * started, when it set out to do {@code work}.
     */
    public long savedBy(long elapsed, long work) {
        if (checkpointIntervalTicks == 0 || elapsed <= 0 || work <= 0) {
            return 0;
        }
        long done = Math.min(elapsed / (checkpointIntervalTicks + checkpointCostTicks), checkpoints(work));
        return done * checkpointIntervalTicks;
    }

    /**
     * Wall time of a run stopped {@code elapsed} ticks after it started whose result is thrown away:
     * the time since its last completed checkpoint (work not yet saved, a checkpoint being written).
     */
    public long lostBy(long elapsed, long work) {
        if (elapsed <= 0) {
            return 0;
        }
        long saved = savedBy(elapsed, work);
        long spent = checkpointIntervalTicks == 0 ? 0 : saved / checkpointIntervalTicks * (checkpointIntervalTicks + checkpointCostTicks);
        return elapsed - spent;
    }

    /** True for gang-scheduled instances. */
    public boolean gang() {
        return gangMinMember > 0;
    }
}
