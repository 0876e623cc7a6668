package io.capsim.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The numeric leaves of a summary, by JSON pointer (RFC 6901), so that replications are summarized
 * and runs compared whatever fields the summary grows. A leaf is reached through objects only:
 * arrays are skipped (a position in a list does not name the same thing in two runs), and so are
 * {@code null} values (absent: nothing was measured), the identifying fields {@value #SCHEMA} and
 * {@value #SEED}, and the {@value #REPLICATIONS} object itself.
 */
public final class SummaryLeaves {

    /** The schema version's pointer. */
    public static final String SCHEMA = "/schemaVersion";
    /** The seed's pointer. */
    public static final String SEED = "/seed";
    /** The replication statistics' pointer. */
    public static final String REPLICATIONS = "/replications";

    private static final Set<String> SKIPPED = Set.of(SCHEMA, SEED, REPLICATIONS);

    private SummaryLeaves() {}

    /** Pointer to value of every numeric leaf, in document order. */
    public static Map<String, Double> of(JsonNode root) {
        Map<String, Double> out = new LinkedHashMap<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(JsonNode n, String pointer, Map<String, Double> out) {
        if (SKIPPED.contains(pointer)) {
            return;
        }
        if (n.isNumber()) {
            out.put(pointer, n.asDouble());
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), pointer + "/" + escape(e.getKey()), out);
            }
        }
    }

    /** A key as a JSON pointer token: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
