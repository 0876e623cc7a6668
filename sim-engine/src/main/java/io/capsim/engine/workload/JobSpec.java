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
 */
public record JobSpec(String name, PodSpec template, int parallelism, int gangMinMember, long gangTimeoutTicks,
        DistributionSpec runtime, int backoffLimit) {

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
    }

    /** True for gang-scheduled instances. */
    public boolean gang() {
        return gangMinMember > 0;
    }
}
