package io.capsim.engine.results;

import java.util.Arrays;
import java.util.Objects;

/**
 * The course of one inflation experiment: after each arrival, how much GPU had arrived, how much
 * was allocated and how much was fragmented.
 *
 * @param profile profile name
 * @param seed master seed
 * @param targetShare arrivals stopped once their GPU requests reached this share of capacity
 * @param gpuCapacity cluster GPUs
 * @param arrivedShare per arrival: GPU requested by arrived pods / cluster GPU capacity
 * @param unallocatedGpus per arrival: GPUs not allocated to any pod
 * @param fragmentedGpus per arrival: FGD fragmentation of the cluster, GPUs
 * @param cpuAllocation per arrival: allocated / allocatable CPU
 * @param memoryAllocation per arrival: allocated / allocatable memory
 * @param failedPods per arrival: pods that found no node so far
 */
public record InflationResult(
        String profile,
        long seed,
        double targetShare,
        double gpuCapacity,
        double[] arrivedShare,
        double[] unallocatedGpus,
        double[] fragmentedGpus,
        double[] cpuAllocation,
        double[] memoryAllocation,
        int[] failedPods) {

    public InflationResult {
        Objects.requireNonNull(profile, "profile");
        int n = arrivedShare.length;
        if (unallocatedGpus.length != n || fragmentedGpus.length != n || cpuAllocation.length != n
                || memoryAllocation.length != n || failedPods.length != n) {
            throw new IllegalArgumentException("series lengths differ");
        }
        arrivedShare = arrivedShare.clone();
        unallocatedGpus = unallocatedGpus.clone();
        fragmentedGpus = fragmentedGpus.clone();
        cpuAllocation = cpuAllocation.clone();
        memoryAllocation = memoryAllocation.clone();
        failedPods = failedPods.clone();
    }

    /** Number of arrivals. */
    public int arrivals() {
        return arrivedShare.length;
    }

    /** Index of the first arrival at which the arrived share reached {@code share}, or the last. */
    public int indexAt(double share) {
        int lo = 0;
        int hi = arrivedShare.length - 1;
        if (hi < 0) {
            throw new IllegalStateException("no arrivals");
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (arrivedShare[mid] >= share) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Unallocated GPUs when the arrived share first reached {@code share}. */
    public double unallocatedGpusAt(double share) {
        return unallocatedGpus[indexAt(share)];
    }

    /** Fragmented GPUs when the arrived share first reached {@code share}. */
    public double fragmentedGpusAt(double share) {
        return fragmentedGpus[indexAt(share)];
    }

    /** GPU allocation ratio when the arrived share first reached {@code share}. */
    public double gpuAllocationAt(double share) {
        return 1 - unallocatedGpus[indexAt(share)] / gpuCapacity;
    }

    /** Failed pods when the arrived share first reached {@code share}. */
    public int failedPodsAt(double share) {
        return failedPods[indexAt(share)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InflationResult r && profile.equals(r.profile) && seed == r.seed
                && targetShare == r.targetShare && gpuCapacity == r.gpuCapacity
                && Arrays.equals(arrivedShare, r.arrivedShare) && Arrays.equals(unallocatedGpus, r.unallocatedGpus)
                && Arrays.equals(fragmentedGpus, r.fragmentedGpus) && Arrays.equals(cpuAllocation, r.cpuAllocation)
                && Arrays.equals(memoryAllocation, r.memoryAllocation) && Arrays.equals(failedPods, r.failedPods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, seed, Arrays.hashCode(unallocatedGpus));
    }

    @Override
    public String toString() {
        return "InflationResult[" + profile + ", seed " + seed + ", " + arrivals() + " arrivals]";
    }
}
