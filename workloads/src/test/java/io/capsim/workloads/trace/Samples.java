package io.capsim.workloads.trace;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the trace samples in {@code src/test/resources/traces}. */
public final class Samples {

    public static final String AZURE_CONV = "azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv.gz";
    public static final String AZURE_CODE = "azure-llm-inference-2023/AzureLLMInferenceTrace_code-head1000.csv";
    public static final String MOONCAKE = "mooncake-fast25/conversation_trace-head1000.jsonl";
    public static final String GENAI = "alibaba-genai-v2026/lora_request_trace.csv.gz";
    public static final String PAI_MACHINES = "alibaba-gpu-v2020-pai/pai_machine_spec.csv";
    public static final String SWF = "pwa-swf-nasa-ipsc/NASA-iPSC-1993-3.1-cln.swf.gz";

    private Samples() {}

    /** The sample at {@code relative} under {@code traces/}. */
    public static Path path(String relative) {
        URL url = Samples.class.getResource("/traces/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test resource traces/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
