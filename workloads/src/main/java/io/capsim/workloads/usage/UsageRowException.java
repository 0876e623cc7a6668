package io.capsim.workloads.usage;

import io.capsim.workloads.trace.TraceFormatException;

/**
 * A usage-trace row that cannot be used, located to the column: the message is {@code
 * file:line:column: reason} (column 0 when the whole line or file is at fault: {@code file:line:
 * reason}).
 */
public final class UsageRowException extends TraceFormatException {

    private static final long serialVersionUID = 1L;

    private final int column;

    /**
     * @param file file name as given, for messages
     * @param line 1-based physical line, or 0 when none applies
     * @param column 1-based character column of the bad field, or 0
     * @param reason what is wrong
     */
    public UsageRowException(String file, long line, int column, String reason) {
        super(file, line, reason);
        this.column = column;
    }

    /** The 1-based column of the bad field (0 if none). */
    public int column() {
        return column;
    }

    @Override
    public String getMessage() {
        return file() + ":" + line() + (column > 0 ? ":" + column : "") + ": " + reason();
    }
}
