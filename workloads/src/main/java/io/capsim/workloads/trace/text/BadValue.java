package io.capsim.workloads.trace.text;

/**
 * Thrown by the parsers in this package when a field is malformed; readers turn it into a
 * {@link io.capsim.workloads.trace.TraceFormatException} with file and line, or count the row as
 * skipped. Carries no stack trace: it is an expected outcome of bad input, not a bug.
 */
public final class BadValue extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong with the value, for example {@code "12x" is not an integer} */
    public BadValue(String reason) {
        super(reason, null, false, false);
    }
}
