package io.capsim.workloads.trace;

/**
 * A trace that passes one of its {@link TraceLimits}: {@code file:line: reason}, plus the name of
 * the limit so that the caller can say how to raise it. Thrown whatever the bad-row policy.
 */
public final class TraceLimitException extends TraceFormatException {

    private static final long serialVersionUID = 1L;

    private final String limit;

    /**
     * @param limit the limit's name, such as {@link TraceLimits#LINE_LENGTH}
     */
    public TraceLimitException(String file, long line, String reason, String limit) {
        super(file, line, reason);
        this.limit = limit;
    }

    /** The limit's name, such as {@code trace-line}. */
    public String limit() {
        return limit;
    }
}
