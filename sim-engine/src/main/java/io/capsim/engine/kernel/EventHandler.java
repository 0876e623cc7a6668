package io.capsim.engine.kernel;

/**
 * Receives the events it scheduled. The simulator sets {@link Simulator#now()} to the event's
 * time before calling {@link #handle}.
 *
 * <p>An event carries two primitive words chosen by the handler ({@code kind} and {@code arg}),
 * so scheduling one allocates nothing: a handler that needs more state keeps it in its own
 * arrays, indexed by what it put in the event.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * Runs one event.
     *
     * @param kind the first word given when the event was scheduled, meaning chosen by the handler
     * @param arg the second word given when the event was scheduled, meaning chosen by the handler
     */
    void handle(int kind, long arg);
}
