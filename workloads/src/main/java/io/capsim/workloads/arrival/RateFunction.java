package io.capsim.workloads.arrival;

/**
 * An arrival rate that varies with time, for thinning. Implementations may keep state that
 * assumes non-decreasing query times (the thinning cursor only moves forward).
 */
interface RateFunction {

    /** Rate at {@code seconds} from the start, in arrivals per second, in [0, {@link #maxRate()}]. */
    double rate(double seconds);

    /** An upper bound of {@link #rate} over all times, in arrivals per second, greater than 0. */
    double maxRate();

    /** Time from which the rate is 0 for ever, in seconds; the stream ends there. */
    default double endSeconds() {
        return Double.POSITIVE_INFINITY;
    }
}
