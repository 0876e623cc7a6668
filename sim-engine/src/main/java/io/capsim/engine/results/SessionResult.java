package io.capsim.engine.results;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What the agent sessions of one arrival stream did in the measured window (sessions that started
 * in it).
 *
 * @param name the arrival stream
 * @param service the supervisor's service
 * @param agentService the sub-agents' service, or null without fan-out
 * @param started sessions started
 * @param completed sessions whose every call was answered
 * @param failed sessions with a call rejected or failed (no further call was sent)
 * @param unfinished sessions still running at the end
 * @param completionMicros session completion time, start to the last answer, of the completed sessions, µs
 * @param meanCompletionMs exact mean completion time, ms (NaN if none)
 * @param callsPerSession calls each completed session sent, sub-agents' included
 * @param meanCalls exact mean of {@code callsPerSession} (NaN if none)
 * @param calls calls sent by the started sessions, supervisors' and sub-agents'
 * @param agentCalls of {@code calls}, the sub-agents'
 * @param fanOuts fan-outs that started at least one sub-agent
 */
public record SessionResult(
        String name,
        String service,
        String agentService,
        long started,
        long completed,
        long failed,
        long unfinished,
        Histogram completionMicros,
        double meanCompletionMs,
        Histogram callsPerSession,
        double meanCalls,
        long calls,
        long agentCalls,
        long fanOuts) {

    public SessionResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(completionMicros, "completionMicros");
        Objects.requireNonNull(callsPerSession, "callsPerSession");
    }
}
