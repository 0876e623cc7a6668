package io.capsim.scenarios.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.capsim.engine.spi.Names;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective over a run's {@code summary.json}: {@code PATH OP NUMBER}, such as
 * {@code services.web.latencyMs.p99<=250}.
 *
 * <p>Grammar: {@code PATH} is the dotted path of a numeric field of summary.json (map keys joined
 * by '.'; a key holding a dot, such as a service named {@code api.v2}, is matched whole, the
 * longest key first); {@code OP} is one of {@code <=}, {@code <}, {@code >=}, {@code >}; {@code
 * NUMBER} is a decimal number in the field's own unit (milliseconds for {@code latencyMs}, a
 * fraction for utilisations). Spaces around the operator are allowed. A field that is null in a run
 * (no requests completed, say) does not meet any objective.
 *
 * @param text the expression as given
 * @param path the summary field
 * @param op the comparison
 * @param target the number compared with
 */
public record Slo(String text, String path, Op op, double target) {

    /** A comparison; {@code <=} and {@code <} want the field low, the others high. */
    public enum Op {
        LE("<="), LT("<"), GE(">="), GT(">");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean test(double value, double target) {
            return switch (this) {
                case LE -> value <= target;
                case LT -> value < target;
                case GE -> value >= target;
                case GT -> value > target;
            };
        }

        /** True if lower values of the field are better. */
        public boolean lowerIsBetter() {
            return this == LE || this == LT;
        }

        @Override
        public String toString() {
            return symbol;
        }
    }

    private static final Pattern FORM = Pattern.compile("\\s*([^<>=\\s]+)\\s*(<=|>=|<|>)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");

    /**
     * Parses an expression.
     *
     * @param option the option's name, for messages ("--slo")
     * @throws ScenarioException (exit 2) naming the expression and the grammar
     */
    public static Slo parse(String option, String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches() || List.of(m.group(1).split("\\.", -1)).contains("")) {
            throw new ScenarioException(new Problem(Location.of(option + " " + text), "",
                    "expected PATH OP NUMBER with OP one of <=, <, >=, >, such as services.web.latencyMs.p99<=250 "
                            + "(PATH is a numeric field of summary.json)"));
        }
        Op op = switch (m.group(2)) {
            case "<=" -> Op.LE;
            case "<" -> Op.LT;
            case ">=" -> Op.GE;
            default -> Op.GT;
        };
        return new Slo(text.trim(), m.group(1), op, Double.parseDouble(m.group(3)));
    }

    /** True if the value meets the objective; NaN (an undefined field) never does. */
    public boolean met(double value) {
        return !Double.isNaN(value) && op.test(value, target);
    }

    /**
     * How far the value is inside the objective, in the field's unit: positive when met
     * ({@code target - value} for {@code <=}, {@code value - target} for {@code >=}).
     */
    public double margin(double value) {
        return op.lowerIsBetter() ? target - value : value - target;
    }

    /**
     * The field's value in a summary; NaN if it is null there.
     *
     * @param option the option's name, for messages
     * @throws ScenarioException (exit 2) if the path names no numeric field, with the closest one
     */
    public double value(JsonNode summary, String option) {
        JsonNode n = resolve(summary, path);
        if (n == null || !(n.isNumber() || n.isNull())) {
            List<String> numeric = new ArrayList<>(io.capsim.reports.csv.SweepTable.numericLeaves(summary).keySet());
            String hint = Names.suggest(path, numeric);
            throw new ScenarioException(new Problem(Location.of(option + " " + text), "",
                    "summary.json has no numeric field " + path + (hint != null ? "; did you mean " + hint + "?" : "")
                            + " (fields are named as in summary.json, such as services.<service>.latencyMs.p99; "
                            + "see docs/SCENARIOS.md)"));
        }
        return n.isNull() ? Double.NaN : n.asDouble();
    }

    /** The node at a dotted path, matching keys that hold dots whole (longest first); null if none. */
    static JsonNode resolve(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode whole = node.get(path);
        if (whole != null) {
            return whole;
        }
        String best = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (path.startsWith(k + ".") && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best == null ? null : resolve(node.get(best), path.substring(best.length() + 1));
    }

    @Override
    public String toString() {
        return path + " " + op + " " + String.format(Locale.ROOT, "%s", plain(target));
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
