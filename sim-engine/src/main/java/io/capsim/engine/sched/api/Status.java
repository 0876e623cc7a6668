package io.capsim.engine.sched.api;

import java.util.Objects;

/**
 * Result of an extension point other than Filter and Score (those return primitives to keep the
 * per-node loop free of allocation).
 *
 * @param code outcome
 * @param plugin name of the plugin that decided, or empty
 * @param message reason for a failure; empty on success
 * @param waitTicks for {@link Code#WAIT}: longest wait, ticks; otherwise 0
 */
public record Status(Code code, String plugin, String message, long waitTicks) {

    /** Success, shared. */
    public static final Status SUCCESS = new Status(Code.SUCCESS, "", "", 0);

    /** Skip, shared. */
    public static final Status SKIP = new Status(Code.SKIP, "", "", 0);

    public Status {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(message, "message");
        if (waitTicks < 0 || (code != Code.WAIT && waitTicks != 0)) {
            throw new IllegalArgumentException("waitTicks " + waitTicks + " with code " + code);
        }
    }

    /** A failure with {@link Code#UNSCHEDULABLE}. */
    public static Status unschedulable(String plugin, String message) {
        return new Status(Code.UNSCHEDULABLE, plugin, message, 0);
    }

    /** A failure with {@link Code#UNSCHEDULABLE_AND_UNRESOLVABLE}. */
    public static Status unresolvable(String plugin, String message) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, plugin, message, 0);
    }

    /** Permit: wait at most {@code ticks}. */
    public static Status waitFor(String plugin, long ticks) {
        return new Status(Code.WAIT, plugin, "", ticks);
    }

    /** True for {@link Code#SUCCESS}. */
    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }
}
