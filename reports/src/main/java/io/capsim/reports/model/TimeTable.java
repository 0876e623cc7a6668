package io.capsim.reports.model;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.results.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run's time series as one table, one row per time bin ({@code timeseries.csv}): the bin's end
 * in simulated seconds, then one column per series, NaN where a value is absent (no completion in
 * the bin, say).
 *
 * @param seconds end of each bin, simulated seconds, ascending
 * @param columns values by column name, each as long as {@code seconds}, in column order
 */
public record TimeTable(double[] seconds, Map<String, double[]> columns) {

    public TimeTable {
        Objects.requireNonNull(seconds, "seconds");
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (e.getValue().length != seconds.length) {
                throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().length
                        + " rows, not " + seconds.length);
            }
            copy.put(e.getKey(), e.getValue());
        }
        columns = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The table of a run's series, rows at the union of their sample times; a series without a
     * point at a row's time holds its last value there (NaN before its first point).
     */
    public static TimeTable of(List<TimeSeries> series) {
        long[] times = series.stream().flatMapToLong(t -> Arrays.stream(t.times())).distinct().sorted().toArray();
        double[] seconds = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            seconds[i] = SimTime.toSeconds(times[i]);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (TimeSeries t : series) {
            double[] v = new double[times.length];
            int k = 0;
            double last = Double.NaN;
            for (int i = 0; i < times.length; i++) {
                while (k < t.size() && t.time(k) <= times[i]) {
                    last = t.value(k++);
                }
                v[i] = last;
            }
            cols.put(t.name(), v);
        }
        return new TimeTable(seconds, cols);
    }

    /** The column named {@code name}, or null. */
    public double[] column(String name) {
        return columns.get(name);
    }

    /** Names of the columns whose name starts with {@code prefix}, with the prefix removed, in order. */
    public List<String> suffixes(String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : columns.keySet()) {
            if (k.startsWith(prefix)) {
                out.add(k.substring(prefix.length()));
            }
        }
        return out;
    }

    /** Number of rows. */
    public int rows() {
        return seconds.length;
    }
}
