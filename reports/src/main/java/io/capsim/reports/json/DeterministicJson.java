package io.capsim.reports.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How every JSON output is written: indented, decimals exact and plain (no exponent), one newline
 * at the end, the stream left open. With {@link #decimal} rounding each figure to a fixed scale,
 * the same values give the same bytes.
 */
public final class DeterministicJson {

    /** Node factory that keeps {@link BigDecimal}s as given. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private DeterministicJson() {}

    /** {@code v} rounded half-even to {@code scale} decimals, trailing zeros dropped; null if not finite. */
    public static JsonNode decimal(double v, int scale) {
        if (!Double.isFinite(v)) {
            return NODES.nullNode();
        }
        return NODES.numberNode(BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }

    /** Writes a value (a tree, or a map such as run-info.json's) and a newline. */
    public static void write(Object value, OutputStream out) throws IOException {
        MAPPER.writeValue(out, value);
        out.write('\n');
    }
}
