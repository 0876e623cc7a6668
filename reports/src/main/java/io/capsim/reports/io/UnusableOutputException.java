package io.capsim.reports.io;

import java.nio.file.Path;

/**
 * An output place that capsim refuses or cannot use: the root or a system folder, a device, a
 * file where a folder is wanted, a folder capsim did not create (without {@code --force}), one
 * that holds the run's own inputs, one another run is writing to, or one that cannot be created.
 * The run has not started writing; nothing was changed. The CLI exits with code 2.
 */
public final class UnusableOutputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path place;
    private final String reason;

    /**
     * @param place the output folder or file as given (made absolute)
     * @param reason why it cannot be used and what to do instead
     */
    public UnusableOutputException(Path place, String reason) {
        super("cannot write the output to " + place + ": " + reason);
        this.place = place;
        this.reason = reason;
    }

    /** The output place. */
    public Path place() {
        return place;
    }

    /** Why it cannot be used. */
    public String reason() {
        return reason;
    }
}
