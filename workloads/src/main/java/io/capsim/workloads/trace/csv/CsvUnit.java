package io.capsim.workloads.trace.csv;

import io.capsim.engine.spi.Names;
import io.capsim.workloads.ArrivalField;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The unit of a column in a generic CSV trace, by its scenario key, with the factor to the
 * canonical unit of the fields it may feed ({@link ArrivalField#unit()}).
 */
public enum CsvUnit {
    /** Seconds (decimal). */
    SECONDS("s", 1e9, EnumSet.of(ArrivalField.TIME, ArrivalField.WORK, ArrivalField.DURATION)),
    /** Milliseconds. */
    MILLISECONDS("ms", 1e6, EnumSet.of(ArrivalField.TIME, ArrivalField.WORK, ArrivalField.DURATION)),
    /** Microseconds. */
    MICROSECONDS("us", 1e3, EnumSet.of(ArrivalField.TIME, ArrivalField.WORK, ArrivalField.DURATION)),
    /** Nanoseconds. */
    NANOSECONDS("ns", 1, EnumSet.of(ArrivalField.TIME, ArrivalField.WORK, ArrivalField.DURATION)),
    /** Minutes. */
    MINUTES("min", 60e9, EnumSet.of(ArrivalField.TIME, ArrivalField.WORK, ArrivalField.DURATION)),
    /** Hours. */
    HOURS("h", 3600e9, EnumSet.of(ArrivalField.TIME, ArrivalField.WORK, ArrivalField.DURATION)),
    /**
     * ISO-8601 date-time ({@code 2023-11-16 18:15:46.68059} or {@code 2024-10-15T12:00:00Z}); no
     * offset means UTC. Times only.
     */
    ISO_8601("iso8601", 1, EnumSet.of(ArrivalField.TIME)),
    /** A plain count (tokens). */
    COUNT("count", 1, EnumSet.of(ArrivalField.INPUT_TOKENS, ArrivalField.OUTPUT_TOKENS)),
    /** CPU cores (or GPUs), x 1000. */
    CORES("cores", 1000, EnumSet.of(ArrivalField.CPU_MILLIS, ArrivalField.GPU_MILLIS)),
    /** Whole GPUs, x 1000. */
    GPUS("gpus", 1000, EnumSet.of(ArrivalField.GPU_MILLIS)),
    /** Thousandths of a core or GPU. */
    MILLI("milli", 1, EnumSet.of(ArrivalField.CPU_MILLIS, ArrivalField.GPU_MILLIS)),
    /** Percent of one core or GPU (PAI's {@code plan_cpu} 600 = 6 cores), x 10. */
    PERCENT("percent", 10, EnumSet.of(ArrivalField.CPU_MILLIS, ArrivalField.GPU_MILLIS)),
    /** Bytes. */
    BYTES("bytes", 1.0 / (1 << 20), EnumSet.of(ArrivalField.MEMORY_MIB)),
    /** KiB. */
    KIB("KiB", 1.0 / 1024, EnumSet.of(ArrivalField.MEMORY_MIB)),
    /** MiB. */
    MIB("MiB", 1, EnumSet.of(ArrivalField.MEMORY_MIB)),
    /** GiB. */
    GIB("GiB", 1024, EnumSet.of(ArrivalField.MEMORY_MIB)),
    /** Decimal megabytes (10^6 bytes). */
    MB("MB", 1e6 / (1 << 20), EnumSet.of(ArrivalField.MEMORY_MIB)),
    /** Decimal gigabytes (10^9 bytes). */
    GB("GB", 1e9 / (1 << 20), EnumSet.of(ArrivalField.MEMORY_MIB));

    private final String key;
    private final double factor;
    private final Set<ArrivalField> fields;

    CsvUnit(String key, double factor, Set<ArrivalField> fields) {
        this.key = key;
        this.factor = factor;
        this.fields = fields;
    }

    /** The scenario key, for example {@code ms}. */
    public String key() {
        return key;
    }

    /** Canonical units (ticks, tokens, millicores, MiB, milli-GPUs) per unit of this. */
    public double factor() {
        return factor;
    }

    /** Ticks per unit, for time units; exact for all of them. */
    public long ticksPerUnit() {
        return (long) factor;
    }

    /** True if a column in this unit may feed {@code field}. */
    public boolean fits(ArrivalField field) {
        return fields.contains(field);
    }

    /** The units that may feed {@code field}, by key. */
    public static List<String> keysFor(ArrivalField field) {
        List<String> out = new ArrayList<>();
        for (CsvUnit u : values()) {
            if (u.fits(field)) {
                out.add(u.key);
            }
        }
        return out;
    }

    /**
     * The unit with scenario key {@code key}, exactly.
     *
     * @throws IllegalArgumentException naming the allowed keys and the nearest one
     */
    public static CsvUnit ofKey(String key) {
        List<String> keys = new ArrayList<>();
        for (CsvUnit u : values()) {
            if (u.key.equals(key)) {
                return u;
            }
            keys.add(u.key);
        }
        throw new IllegalArgumentException(Names.unknown("unit", key, keys));
    }
}
