package io.capsim.workloads.trace;


import io.capsim.workloads.ArrivalField;
import java.nio.file.Path;
import java.util.Set;

/**
 * A recorded-trace file format, registered by {@link #name()} in {@code io.capsim.workloads.trace.builtin.TraceFormats.REGISTRY}.
 * Files may be gzip-compressed; readers detect it from the magic bytes, whatever the file name.
 */
public interface TraceFormat {

    /** Registered name, for example {@code azure-llm-2023}. */
    String name();

    /** One line for {@code capsim plugins} and messages: what the format reads and how it maps fields. */
    String description();

    /**
     * Opens a cursor positioned before the first row.
     *
     * @throws TraceFormatException if the file cannot be opened or its header is not this
     *     format's (line 0 or 1)
     * @throws IllegalArgumentException if {@code options} lack what the format needs (a CSV layout)
     */
    TraceCursor open(Path file, TraceOptions options);

    /**
     * The fields besides time that this format's rows carry (for a configurable format, under
     * {@code options}); the other getters of its cursors return {@code NO_VALUE}/{@code NO_WORK}.
     */
    Set<ArrivalField> fields(TraceOptions options);
}
