package io.capsim.workloads.trace.builtin;

import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceOptions;

import io.capsim.engine.spi.Registry;
import io.capsim.workloads.trace.azure.AzureLlmTraceFormat;
import io.capsim.workloads.trace.csv.CsvTraceFormat;
import io.capsim.workloads.trace.genai.AlibabaGenAiTraceFormat;
import io.capsim.workloads.trace.mooncake.MooncakeTraceFormat;
import io.capsim.workloads.trace.openb.OpenbPodTraceFormat;
import io.capsim.workloads.trace.pai.AlibabaPaiMachineFormat;
import io.capsim.workloads.trace.swf.SwfTraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in trace formats, by name: {@value AzureLlmTraceFormat#NAME},
 * {@value MooncakeTraceFormat#NAME}, {@value AlibabaGenAiTraceFormat#NAME},
 * {@value AlibabaPaiMachineFormat#NAME}, {@value SwfTraceFormat#NAME}, {@value OpenbPodTraceFormat#NAME}
 * and the generic {@value CsvTraceFormat#NAME}.
 */
public final class TraceFormats {

    /** Every built-in format. */
    public static final Registry<TraceFormat> REGISTRY = Registry.of("trace format", List.of(
            new AzureLlmTraceFormat(), new MooncakeTraceFormat(), new AlibabaGenAiTraceFormat(),
            new AlibabaPaiMachineFormat(), new SwfTraceFormat(), new CsvTraceFormat(), new OpenbPodTraceFormat()),
            TraceFormat::name);

    private TraceFormats() {}

    /**
     * Opens {@code file} with the format registered as {@code format}.
     *
     * @throws IllegalArgumentException if no format has that name (the message suggests the
     *     nearest) or the options lack what the format needs
     * @throws TraceFormatException if the file cannot be opened or its header is wrong
     */
    public static TraceCursor open(String format, Path file, TraceOptions options) {
        TraceFormat f = REGISTRY.find(format)
                .orElseThrow(() -> new IllegalArgumentException(REGISTRY.unknownMessage(format)));
        return f.open(file, options);
    }
}
