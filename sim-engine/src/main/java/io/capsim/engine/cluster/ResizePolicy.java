package io.capsim.engine.cluster;

/**
 * A container's {@code resizePolicy}: whether a change of a resource restarts the container
 * ({@code RestartContainer}) or not ({@code NotRequired}, Kubernetes' default). When a resize
 * changes both resources and either needs a restart, the container restarts.
 *
 * @param restartOnCpu CPU's policy is {@code RestartContainer}
 * @param restartOnMemory memory's policy is {@code RestartContainer}
 */
public record ResizePolicy(boolean restartOnCpu, boolean restartOnMemory) {

    /** {@code NotRequired} for both resources. */
    public static final ResizePolicy NOT_REQUIRED = new ResizePolicy(false, false);
}
