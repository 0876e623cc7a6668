package io.capsim.workloads.trace.csv;

/**
 * Writing stopped because the output would pass its size limit ({@code synth-size} for
 * {@code capsim trace synth}); the message says how far it got.
 */
public final class OutputLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String limit;

    /**
     * @param limit the limit's name, such as {@code synth-size}
     */
    public OutputLimitException(String message, String limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit's name. */
    public String limit() {
        return limit;
    }
}
