package io.capsim.workloads.trace;

/**
 * A trace row that cannot be used: the message is {@code file:line: reason}. An
 * {@link IllegalStateException}, as {@link io.capsim.engine.workload.ArrivalCursor#advance()}
 * documents for malformed sources; I/O failures are wrapped as this type with line 0.
 */
public class TraceFormatException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String reason;

    /**
     * @param file file name as given to the reader, for messages
     * @param line 1-based physical line number, or 0 when no line applies
     * @param reason what is wrong, for example {@code column "ContextTokens": "12x" is not an integer}
     */
    public TraceFormatException(String file, long line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** Wraps an I/O failure. */
    public TraceFormatException(String file, long line, String reason, Throwable cause) {
        super(file + ":" + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file, as given to the reader. */
    public String file() {
        return file;
    }

    /** The 1-based physical line number (0 if none). */
    public long line() {
        return line;
    }

    /** The reason, without file and line. */
    public String reason() {
        return reason;
    }
}
