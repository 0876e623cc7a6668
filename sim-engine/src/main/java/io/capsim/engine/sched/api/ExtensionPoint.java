package io.capsim.engine.sched.api;

/** The extension points, with the interface a plugin implements for each. */
public enum ExtensionPoint {
    QUEUE_SORT("queueSort", QueueSortPlugin.class),
    PRE_FILTER("preFilter", PreFilterPlugin.class),
    FILTER("filter", FilterPlugin.class),
    POST_FILTER("postFilter", PostFilterPlugin.class),
    PRE_SCORE("preScore", PreScorePlugin.class),
    SCORE("score", ScorePlugin.class),
    RESERVE("reserve", ReservePlugin.class),
    PERMIT("permit", PermitPlugin.class),
    BIND("bind", BindPlugin.class);

    private final String configName;
    private final Class<? extends Plugin> type;

    ExtensionPoint(String configName, Class<? extends Plugin> type) {
        this.configName = configName;
        this.type = type;
    }

    /** Field name in KubeSchedulerConfiguration's {@code plugins} (for example {@code preFilter}). */
    public String configName() {
        return configName;
    }

    /** Interface a plugin implements to run here. */
    public Class<? extends Plugin> type() {
        return type;
    }
}
