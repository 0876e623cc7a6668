package io.capsim.workloads.usage;

import io.capsim.engine.spi.Registry;
import java.util.List;

/** The built-in usage trace formats: {@value BitbrainsFormat#NAME} and {@value GenAiPodsFormat#NAME}. */
public final class UsageFormats {

    /** Every built-in usage format. */
    public static final Registry<UsageFormat> REGISTRY = Registry.of("usage trace format",
            List.of(new BitbrainsFormat(), new GenAiPodsFormat()), UsageFormat::name);

    private UsageFormats() {}
}
