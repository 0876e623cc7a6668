package io.capsim.reports.io;

/**
 * Writing was stopped by {@link OutputFolder#abort()} or {@link OutputFile#abort()} (a signal):
 * the staged output has been deleted and the old output is untouched.
 */
public final class OutputInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutputInterruptedException(String message) {
        super(message);
    }
}
