package io.capsim.scenarios.model;

/**
 * A validated scenario file of either kind: a serving {@link Scenario} or a {@link
 * SchedulingScenario} (a file with a top-level {@code schedulingExperiment}).
 */
public sealed interface ScenarioDocument permits Scenario, SchedulingScenario {

    /** Scenario name, safe as a folder name. */
    String name();

    /** Master random seed. */
    long seed();
}
