package io.capsim.engine.sched.api;

/**
 * A scheduling plugin, as in the Kubernetes scheduling framework ({@code framework/interface.go}):
 * it implements one or more of the extension-point interfaces ({@link QueueSortPlugin}, {@link
 * FilterPlugin}, {@link ScorePlugin}, ...) and only those it needs. One instance serves one
 * scheduler; calls come from one thread.
 */
public interface Plugin {

    /** Registered name, for example {@code NodeResourcesFit}. */
    String name();
}
