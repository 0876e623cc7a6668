package io.capsim.workloads.trace;

/**
 * Arguments of one trace format, such as the generic CSV format's column layout. A format reads
 * its own type from {@link TraceOptions#args()}; formats with a fixed layout take none.
 */
public interface TraceFormatArgs {}
