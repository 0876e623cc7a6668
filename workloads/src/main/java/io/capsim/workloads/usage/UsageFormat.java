package io.capsim.workloads.usage;

import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceLimits;
import java.nio.file.Path;
import java.util.Set;

/** A recorded per-pod usage trace format, registered by {@link #name()} in {@link UsageFormats#REGISTRY}. */
public interface UsageFormat {

    /** Registered name, for example {@code bitbrains-gwa-t12}. */
    String name();

    /** One line for listings: what the format reads and how it maps columns. */
    String description();

    /** The fields its rows carry (the others read NaN). */
    Set<UsageField> fields();

    /**
     * Opens a cursor before the first row.
     *
     * @throws UsageRowException if the file cannot be opened or its header is not this format's
     */
    UsageCursor open(Path file, BadRowPolicy policy, TraceLimits limits);
}
