package io.capsim.workloads.trace;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.EmpiricalDistribution;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.ArrivalField;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Loads one field of a trace into memory, for an empirical size distribution ("sizes from a
 * column of a file"). Unlike replay, this holds every value: 8 bytes per row.
 */
public final class TraceColumns {

    private TraceColumns() {}

    /**
     * The values of {@code field} of every arrival that carries it (value &ge; 0), read to the end
     * of {@code c}, which is then closed. Durations ({@link ArrivalField#TIME},
     * {@link ArrivalField#WORK}) are in seconds; the other fields in their canonical units (tokens,
     * millicores, MiB, milli-GPUs).
     *
     * @throws IllegalArgumentException if no arrival carries the field
     */
    public static double[] values(ArrivalCursor c, ArrivalField field) {
        Objects.requireNonNull(field, "field");
        double[] out = new double[1024];
        int n = 0;
        boolean seconds = field == ArrivalField.TIME || field == ArrivalField.WORK;
        try (c) {
            while (c.advance()) {
                long v = field.of(c);
                if (v < 0) {
                    continue;
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = seconds ? SimTime.toSeconds(v) : v;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no arrival carries " + field.key());
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * An empirical distribution of {@code field} over the trace (see {@link #values}); token counts
     * and resources come out of {@link EmpiricalDistribution#sample()} in their own units, work as
     * seconds (and {@link EmpiricalDistribution#sampleTicks()} in ticks).
     */
    public static EmpiricalDistribution empirical(ArrivalCursor c, ArrivalField field, boolean interpolate,
            UniformRandomProvider rng) {
        return EmpiricalDistribution.of(values(c, field), interpolate, rng);
    }
}
